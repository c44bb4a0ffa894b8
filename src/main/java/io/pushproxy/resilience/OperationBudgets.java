package io.pushproxy.resilience;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.github.resilience4j.ratelimiter.RateLimiterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;

/**
 * The operation budgets: sized so that Agora never sees more than an operation's budget
 * in any one-second window, in this pod alone or, in Redis mode, across every replica
 * ({@link SharedBudgets}).
 * <p>
 * The ceiling is the budget less a headroom (5% by default) for network jitter. In a pod
 * alone its {@link LocalLimiters} hand out permits; a {@link SendWindow} holds the
 * moments of sending to the ceiling exactly, whatever the thread scheduling, and a
 * {@link DepartureGate} the real departures.
 * <p>
 * Agora counts the apps' own SDK calls against the same budget, so it may answer 429
 * though the proxy kept to its ceiling: {@link AdaptiveCeilings} then lowers the
 * operation's ceiling and raises it back slowly, and the send window (and in Redis mode
 * the shared bucket) keeps to the lowered one.
 */
public class OperationBudgets {

	private static final Logger log = LoggerFactory.getLogger(OperationBudgets.class);

	/** The pod's own limiters, when the budgets are not shared. */
	private final @Nullable LocalLimiters limiters;

	private final Map<String, SendWindow> windows = new HashMap<>();

	private final Map<String, AtomicLong> pausedUntil = new HashMap<>();

	private final Map<String, DepartureGate> gates = new HashMap<>();

	/** The permit this thread holds, until its request is written. */
	private final ThreadLocal<Permit> leaving = new ThreadLocal<>();

	private final @Nullable SharedBudgets shared;

	private final AdaptiveCeilings ceilings;

	private final Duration maxWait;

	/** Budgets kept in this pod alone, their ceilings adapting on {@code clock}. */
	public OperationBudgets(RateLimiterRegistry registry, BudgetSettings settings, Clock clock) {
		this(registry, settings, null, clock);
	}

	/**
	 * Budgets shared through Redis when {@code shared} is given (which then also decides
	 * while Redis is away), else kept by this pod's own limiters.
	 */
	OperationBudgets(RateLimiterRegistry registry, BudgetSettings settings, @Nullable SharedBudgets shared,
			Clock clock) {
		this.shared = shared;
		this.maxWait = settings.maxWait();
		Map<String, Integer> configured = new LinkedHashMap<>();
		settings.budgets().forEach((operation, budget) -> configured.put(operation, budget.ceiling()));
		this.ceilings = new AdaptiveCeilings(configured, clock);
		if (shared != null) {
			shared.followCeilings(this.ceilings::adopt);
		}
		this.limiters = (shared != null) ? null : new LocalLimiters(registry, configured, this.maxWait);
		LocalLimiters local = this.limiters;
		settings.budgets().forEach((operation, budget) -> {
			int ceiling = budget.ceiling();
			this.windows.put(operation, new SendWindow(ceiling));
			this.gates.put(operation, new DepartureGate(ceiling));
			this.pausedUntil.put(operation, new AtomicLong(System.nanoTime()));
			String how = (local != null) ? "; " + local.describe(operation)
					: " across all replicas, " + shared.split(operation, ceiling);
			log.info("Budget of {}: {}/s, at most {} in any second{}, waiting up to {} ms", operation,
					budget.perSecond(), ceiling, how, this.maxWait.toMillis());
		});
	}

	/**
	 * Takes a permit for one upstream call, waiting at most the configured time (or two
	 * send spacings past a permit that came due at its end).
	 * @return false when the operation's budget is spent for now
	 */
	public boolean tryAcquire(String operation) {
		long paused = this.pausedUntil.get(operation).get() - System.nanoTime();
		if (paused > 0) {
			LockSupport.parkNanos(paused);
		}
		long now = System.nanoTime();
		long latest = now + this.maxWait.toNanos();
		Permit permit = (this.limiters != null)
				? Permit.of(operation, this.limiters.reserve(operation), ceiling(operation))
				: this.shared.permit(operation, ceiling(operation), now, latest);
		if (permit == null) {
			return false;
		}
		// Redis answers a pod's concurrent requests together (one batched round), in no
		// particular order: each takes its send slot when its moment comes, so the slots
		// keep Redis's order instead of drifting behind the latest moment.
		if (this.shared != null && !permit.awaitDue()) {
			return false;
		}
		SendWindow.Slot slot = permit.slot(this.windows.get(operation), latest);
		if (slot == null || !slot.await()) {
			return false;
		}
		this.leaving.set(permit);
		return true;
	}

	/**
	 * Called on the thread of a permitted call right before its request is written (the
	 * connection ready): holds the call back while its operation's last second of real
	 * departures is full, however late the call got here. Does nothing on a thread that
	 * holds no permit.
	 */
	public void departing() {
		Permit permit = this.leaving.get();
		if (permit != null) {
			this.leaving.remove();
			this.gates.get(permit.operation()).pass(permit.ceiling());
		}
	}

	/**
	 * {@code local}, {@code shared} (through Redis) or {@code local-fallback} (Redis is
	 * away).
	 */
	public String mode() {
		if (this.shared == null) {
			return "local";
		}
		return this.shared.shared() ? "shared" : "local-fallback";
	}

	/**
	 * Holds every call of an operation back for a while, because Agora answered 429: the
	 * proxy then backs off as a whole rather than request by request.
	 */
	public void pause(String operation, Duration duration) {
		long until = System.nanoTime() + duration.toNanos();
		this.pausedUntil.get(operation).accumulateAndGet(until, Math::max);
	}

	/**
	 * Agora answered 429 ({@code reach_limit}) though the proxy kept to the operation's
	 * ceiling: someone else spends the same budget, so the ceiling is lowered (at most
	 * once a second; in Redis mode for every replica). A {@code Retry-After} that Agora
	 * named pauses the whole operation; without one, the lower ceiling is the back-off,
	 * and only a ceiling already at its floor pauses the operation for a second.
	 * @param retryAfter Agora's {@code Retry-After}, or null when it named none
	 */
	public void upstreamRateLimited(String operation, @Nullable Duration retryAfter) {
		if (retryAfter != null) {
			pause(operation, retryAfter);
		}
		else if (this.ceilings.atFloor(operation)) {
			pause(operation, Duration.ofSeconds(1));
		}
		AdaptiveCeilings.State lowered = this.ceilings.rateLimited(operation);
		if (lowered != null) {
			log.info("Agora answered 429 within the budget of {}: its ceiling is now {} calls in any second", operation,
					lowered.lowered());
			if (this.shared != null) {
				this.shared.publishCeiling(operation, lowered);
			}
		}
	}

	/**
	 * The most calls of the operation now let into any one second: adaptive, at most the
	 * configured ceiling.
	 */
	public int ceiling(String operation) {
		return this.ceilings.ceiling(operation);
	}

	/**
	 * What is left of a pause when it is longer than a request may wait; zero otherwise.
	 */
	public Duration pauseBeyondWait(String operation) {
		long left = this.pausedUntil.get(operation).get() - System.nanoTime();
		return (left > this.maxWait.toNanos()) ? Duration.ofNanos(left) : Duration.ZERO;
	}

}
