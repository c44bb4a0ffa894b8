package io.pushproxy.resilience;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.pushproxy.redis.RedisLink;

/**
 * The operation budgets shared by every replica: one Bucket4j token bucket per operation
 * in Redis, through the pod's {@link RedisLink}. A bucket holds four tokens refilled at
 * the operation's ceiling less four per second: in any one-second window at most the four
 * it held plus what refilled, so never more than the ceiling, whichever replica sends. A
 * permit is a reservation made in Redis (a pod's concurrent requests batched into one
 * compare-and-swap round); the thread then waits for its moment locally.
 * <p>
 * A Redis call that fails or is slower than its timeout is answered
 * {@link Verdict#UNAVAILABLE} at once, and the caller takes that one decision from its
 * local fallback share, never before the last moment Redis reserved for this pod
 * ({@link #reservedUntil}); a few failures in a row take the link down, and every call is
 * {@code UNAVAILABLE} until it comes back.
 * <p>
 * An operation's ceiling may be lowered after Agora's 429s ({@link AdaptiveCeilings}):
 * the replicas share the new state through {@link SharedCeilings}, and each reconfigures
 * the shared bucket to the ceiling they then all compute alike.
 */
class SharedBudgets {

	/**
	 * Tokens a bucket can hold: covers the odd gap between reservations, and still c + r
	 * <= ceiling.
	 */
	private static final int BURST = 4;

	private final RedisLink link;

	/**
	 * How long after coming back the local share still applies: other pods may not be
	 * back yet.
	 */
	private final long rejoinNanos;

	private final long recheckNanos;

	private final Map<String, BucketConfiguration> configurations = new ConcurrentHashMap<>();

	/** Bucket proxies whose concurrent calls go to Redis together, by operation. */
	private final Map<String, BucketProxy> batched = new ConcurrentHashMap<>();

	/**
	 * Per operation, the ceiling the shared bucket was last configured for by this pod.
	 */
	private final Map<String, AtomicInteger> appliedCeilings = new HashMap<>();

	/**
	 * Per operation, the earliest moment (nanoTime) at which this pod knows the shared
	 * bucket has nothing to grant before: a request that cannot wait that long is refused
	 * without a round trip, so Redis sees mostly calls that succeed.
	 */
	private final Map<String, AtomicLong> busyUntil = new HashMap<>();

	private final Map<String, Long> spacingNanos = new ConcurrentHashMap<>();

	private final SharedCeilings ceilings;

	SharedBudgets(RedisLink link, Map<String, Integer> ceilings, Duration maxWait) {
		this.link = link;
		Duration recheckEvery = link.recheckEvery();
		this.recheckNanos = recheckEvery.toNanos();
		this.rejoinNanos = TimeUnit.SECONDS.toNanos(1) + maxWait.toNanos() + 2 * this.recheckNanos;
		ceilings.forEach((operation, ceiling) -> {
			this.configurations.put(operation, bucketFor(ceiling));
			this.appliedCeilings.put(operation, new AtomicInteger(ceiling));
			this.busyUntil.put(operation, new AtomicLong(System.nanoTime()));
			this.spacingNanos.put(operation, TimeUnit.SECONDS.toNanos(1) / Math.max(1, ceiling - BURST));
		});
		this.ceilings = new SharedCeilings(link, List.copyOf(ceilings.keySet()), recheckEvery);
	}

	private static BucketConfiguration bucketFor(int ceiling) {
		return BucketConfiguration.builder()
			.addLimit(
					(limit) -> limit.capacity(BURST).refillGreedy(Math.max(1, ceiling - BURST), Duration.ofSeconds(1)))
			.build();
	}

	/**
	 * The operation's bucket, with a pod's concurrent requests for it sent to Redis
	 * together, in one compare-and-swap round.
	 */
	private BucketProxy bucket(String operation) {
		return this.batched.computeIfAbsent(operation,
				(key) -> this.link.buckets()
					.builder()
					.withOptimization(Optimizations.batching())
					.build(this.link.key(key), () -> this.configurations.get(key)));
	}

	/** Who takes the ceiling states other replicas kept in Redis. */
	void followCeilings(BiConsumer<String, AdaptiveCeilings.State> follower) {
		this.ceilings.follow(follower);
	}

	/** Keeps a lowered ceiling's state in Redis for the other replicas. */
	void publishCeiling(String operation, AdaptiveCeilings.State state) {
		this.ceilings.publish(operation, state);
	}

	/**
	 * Reconfigures the operation's shared bucket when the ceiling in force changed since
	 * this pod last did; the tokens it holds are kept.
	 */
	void applyCeiling(String operation, int ceiling) {
		AtomicInteger applied = this.appliedCeilings.get(operation);
		int before = applied.get();
		if (before == ceiling || !this.link.available() || !applied.compareAndSet(before, ceiling)) {
			return;
		}
		BucketConfiguration configuration = bucketFor(ceiling);
		this.configurations.put(operation, configuration);
		this.spacingNanos.put(operation, TimeUnit.SECONDS.toNanos(1) / Math.max(1, ceiling - BURST));
		try {
			bucket(operation).replaceConfiguration(configuration, TokensInheritanceStrategy.AS_IS);
			this.link.succeeded();
		}
		catch (RuntimeException ex) {
			// Tried again with the next change; meanwhile the send window keeps to the
			// ceiling.
			applied.compareAndSet(ceiling, before);
			this.link.failed(ex);
		}
	}

	/** The answer of the shared budget for one call. */
	enum Verdict {

		GRANTED, REFUSED, UNAVAILABLE

	}

	/**
	 * Takes a permit from the operation's shared bucket, waiting up to {@code maxWait}
	 * for it. A request that the pod already knows cannot be served in time is refused
	 * without asking Redis; the others' concurrent reservations are batched into one
	 * Redis call. A call Redis does not answer is {@link Verdict#UNAVAILABLE}, never
	 * refused.
	 */
	Verdict tryAcquire(String operation, Duration maxWait) {
		if (!this.link.available()) {
			return Verdict.UNAVAILABLE;
		}
		long deadline = System.nanoTime() + maxWait.toNanos();
		AtomicLong busy = this.busyUntil.get(operation);
		if (busy.get() > deadline) {
			return Verdict.REFUSED;
		}
		try {
			long now = System.nanoTime();
			long left = deadline - now;
			if (left <= 0 || busy.get() > deadline) {
				return Verdict.REFUSED;
			}
			long spacing = this.spacingNanos.get(operation);
			boolean granted = bucket(operation).asBlocking().tryConsume(1, Duration.ofNanos(left), (nanos) -> {
				// The permit is reserved in Redis for `nanos` from now: nothing comes
				// free before.
				busy.accumulateAndGet(now + nanos + spacing, Math::max);
				BlockingStrategy.PARKING.park(nanos);
			});
			this.link.succeeded();
			if (!granted) {
				busy.accumulateAndGet(deadline, Math::max);
			}
			return granted ? Verdict.GRANTED : Verdict.REFUSED;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Verdict.REFUSED;
		}
		catch (RuntimeException ex) {
			// Not the caller's problem: this decision is taken locally, and a few
			// failures in a row take the link down.
			this.link.failed(ex);
			return Verdict.UNAVAILABLE;
		}
	}

	/**
	 * The moment (nanoTime) until which Redis may have reserved permits of the operation
	 * for this pod that are still to be sent: a permit from the local share must not come
	 * before, or the two would add up. In the past unless Redis was busy a moment ago
	 * (then every pod's reservations reach about as far, each at most the longest wait).
	 */
	long reservedUntil(String operation) {
		return this.busyUntil.get(operation).get();
	}

	/**
	 * Whether the link switched (down or back) less than a second (and a permit's longest
	 * wait) ago: permits Redis granted the other pods may still be leaving.
	 */
	boolean settling() {
		return System.nanoTime() - this.link.state().since() < this.rejoinNanos - 2 * this.recheckNanos;
	}

	/**
	 * Whether this pod came back to Redis so recently that other pods may still be on
	 * their local share: until they surely are back, this pod keeps to its local share as
	 * well, so that the shares and the shared budget never add up.
	 */
	boolean rejoining() {
		return System.nanoTime() - this.link.state().rejoined() < this.rejoinNanos;
	}

	/**
	 * Whether the budgets are shared right now (false while falling back to local
	 * limiters).
	 */
	boolean shared() {
		return this.link.available();
	}

}
