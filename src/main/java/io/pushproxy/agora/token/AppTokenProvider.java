package io.pushproxy.agora.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;

/**
 * A cache of the Bearer token sent to Agora. It renews the token when about a fifth of
 * its life is left, lets only one renewal run at a time (other requests keep using the
 * still valid token, or wait for the renewal when there is none), and drops a token Agora
 * rejected so the next request gets a fresh one.
 * <p>
 * A token endpoint that hangs or fails must not hold every request thread: a request
 * waits for another's renewal only until its own deadline ({@link #withDeadline}), and a
 * failed renewal is remembered for {@link #FAILURE_BACKOFF}, during which requests that
 * have no usable token fail at once instead of each calling the endpoint again.
 * <p>
 * Longer than most classes because caching, the single renewal, the deadline and the
 * failure back-off guard one token together and share its lock.
 */
public class AppTokenProvider {

	private static final Logger log = LoggerFactory.getLogger(AppTokenProvider.class);

	/** How long a failed renewal is remembered and answered without a new call. */
	static final Duration FAILURE_BACKOFF = Duration.ofSeconds(3);

	/** How long a request without a deadline may wait for another request's renewal. */
	private static final Duration DEFAULT_WAIT = Duration.ofSeconds(5);

	/**
	 * The {@link System#nanoTime()} by which the current thread's upstream call must be
	 * done.
	 */
	private static final ThreadLocal<Long> DEADLINE = new ThreadLocal<>();

	private final TokenSource source;

	private final Clock clock;

	private final ReentrantLock renewal = new ReentrantLock();

	private final AtomicReference<@Nullable Generation> current = new AtomicReference<>();

	private final AtomicReference<@Nullable Failure> lastFailure = new AtomicReference<>();

	private final AtomicLong renewals = new AtomicLong();

	private final Counter obtained;

	private final Counter failed;

	public AppTokenProvider(TokenSource source, Clock clock) {
		this(source, clock, new SimpleMeterRegistry());
	}

	public AppTokenProvider(TokenSource source, Clock clock, MeterRegistry meters) {
		this.source = source;
		this.clock = clock;
		this.obtained = Counter.builder("agora.token.renewals")
			.description("Attempts to obtain a new Agora token, by result")
			.tag("result", "success")
			.register(meters);
		this.failed = Counter.builder("agora.token.renewals")
			.description("Attempts to obtain a new Agora token, by result")
			.tag("result", "failure")
			.register(meters);
	}

	/**
	 * Runs an upstream call whose token, should it need one renewed by another request,
	 * waits for it no later than {@code deadlineNanos} (a {@link System#nanoTime()}
	 * value).
	 */
	public <T> T withDeadline(long deadlineNanos, Supplier<T> call) {
		Long outer = DEADLINE.get();
		DEADLINE.set(deadlineNanos);
		try {
			return call.get();
		}
		finally {
			if (outer != null) {
				DEADLINE.set(outer);
			}
			else {
				DEADLINE.remove();
			}
		}
	}

	/** The token to send now; renews it first when it is due. */
	public String currentToken() {
		Generation held = this.current.get();
		Instant now = this.clock.instant();
		if (held != null && now.isBefore(held.token().renewAt())) {
			return held.token().value();
		}
		if (held != null && held.token().usableAt(now)) {
			if (backingOff(now) != null || !this.renewal.tryLock()) {
				return held.token().value();
			}
		}
		else {
			Failure failure = backingOff(now);
			if (failure != null) {
				throw failure.again();
			}
			lockWithinDeadline();
		}
		try {
			return renewIfDue();
		}
		finally {
			this.renewal.unlock();
		}
	}

	private void lockWithinDeadline() {
		Long deadline = DEADLINE.get();
		long waitNanos = (deadline != null) ? deadline - System.nanoTime() : DEFAULT_WAIT.toNanos();
		try {
			if (this.renewal.tryLock(Math.max(0, waitNanos), TimeUnit.NANOSECONDS)) {
				return;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		throw TokenUnavailableException
			.timedOut("Another request's Agora token renewal outlasted this request's deadline");
	}

	private @Nullable Failure backingOff(Instant now) {
		Failure failure = this.lastFailure.get();
		return (failure != null && now.isBefore(failure.until())) ? failure : null;
	}

	/**
	 * The generation of the token {@link #currentToken()} would return, 0 when none is
	 * held.
	 */
	public long generation() {
		Generation held = this.current.get();
		return (held != null) ? held.number() : 0;
	}

	/**
	 * Drops the held token if it is not newer than the one a rejected request used, so
	 * that fifty requests rejected together cause one renewal, not fifty.
	 */
	public void rejected(long generationUsed) {
		Generation held = this.current.get();
		if (held != null && held.number() <= generationUsed && this.current.compareAndSet(held, null)) {
			log.warn("Agora rejected the app token; a new one will be obtained");
		}
	}

	private String renewIfDue() {
		Generation held = this.current.get();
		Instant now = this.clock.instant();
		if (held != null && now.isBefore(held.token().renewAt())) {
			return held.token().value();
		}
		Failure failure = backingOff(now);
		if (failure != null) {
			// The renewal this request waited for failed: answer that, do not call again.
			if (held != null && held.token().usableAt(now)) {
				return held.token().value();
			}
			throw failure.again();
		}
		try {
			IssuedToken token = this.source.issue();
			this.lastFailure.set(null);
			this.obtained.increment();
			long number = this.renewals.incrementAndGet();
			this.current.set(new Generation(number, token));
			log.info("Obtained a new Agora token, valid until {}", token.expiresAt());
			return token.value();
		}
		catch (RuntimeException ex) {
			this.failed.increment();
			TokenUnavailableException unavailable = (ex instanceof TokenUnavailableException tue) ? tue
					: new TokenUnavailableException(
							"Could not obtain an Agora token: " + ex.getClass().getSimpleName());
			this.lastFailure.set(new Failure(this.clock.instant().plus(FAILURE_BACKOFF), unavailable));
			if (held != null && held.token().usableAt(now)) {
				log.warn("Could not renew the Agora token ({}); the current one stays in use until {}", ex.getMessage(),
						held.token().expiresAt());
				return held.token().value();
			}
			log.warn("Could not obtain an Agora token ({}); requests fail at once for the next {} s",
					unavailable.getMessage(), FAILURE_BACKOFF.toSeconds());
			throw unavailable;
		}
	}

	private record Generation(long number, IssuedToken token) {
	}

	/** A failed renewal, answered again until {@code until} without asking the source. */
	private record Failure(Instant until, TokenUnavailableException cause) {

		TokenUnavailableException again() {
			return this.cause.remembered(FAILURE_BACKOFF.toSeconds());
		}

	}

}
