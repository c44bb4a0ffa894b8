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

/**
 * The operation budgets shared by every replica: one Bucket4j token bucket per operation
 * in the {@link RedisBucketStore}. A bucket holds four tokens refilled at the operation's
 * ceiling less four per second: in any one-second window at most the four it held plus
 * what refilled, so never more than the ceiling, whichever replica sends. A permit is a
 * reservation made in Redis (a pod's concurrent requests batched into one
 * compare-and-swap round); the thread then waits for its moment locally.
 * <p>
 * A Redis call slower than its timeout is refused on its own; a few failures in a row
 * make this answer {@link Verdict#UNAVAILABLE}, and the caller then uses its local
 * fallback limiter until the store's link comes back.
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

	private final RedisBucketStore store;

	/**
	 * A second, plus the longest a permit granted before a change may still wait to be
	 * used.
	 */
	private final long settleNanos;

	/**
	 * How long after coming back the local share still applies: other pods may not be
	 * back yet.
	 */
	private final long rejoinNanos;

	private final Map<String, BucketConfiguration> configurations = new ConcurrentHashMap<>();

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

	SharedBudgets(RedisBucketStore store, Map<String, Integer> ceilings, Duration recheckEvery, Duration maxWait) {
		this.store = store;
		this.settleNanos = TimeUnit.SECONDS.toNanos(1) + maxWait.toNanos();
		this.rejoinNanos = this.settleNanos + 2 * recheckEvery.toNanos();
		ceilings.forEach((operation, ceiling) -> {
			this.configurations.put(operation, bucketFor(ceiling));
			this.appliedCeilings.put(operation, new AtomicInteger(ceiling));
			this.busyUntil.put(operation, new AtomicLong(System.nanoTime()));
			this.spacingNanos.put(operation, TimeUnit.SECONDS.toNanos(1) / Math.max(1, ceiling - BURST));
		});
		this.ceilings = new SharedCeilings(store, List.copyOf(ceilings.keySet()), recheckEvery);
	}

	private static BucketConfiguration bucketFor(int ceiling) {
		return BucketConfiguration.builder()
			.addLimit(
					(limit) -> limit.capacity(BURST).refillGreedy(Math.max(1, ceiling - BURST), Duration.ofSeconds(1)))
			.build();
	}

	private BucketProxy bucket(String operation) {
		return this.store.batchedBucket(operation, () -> this.configurations.get(operation));
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
		if (before == ceiling || !this.store.up() || !applied.compareAndSet(before, ceiling)) {
			return;
		}
		BucketConfiguration configuration = bucketFor(ceiling);
		this.configurations.put(operation, configuration);
		this.spacingNanos.put(operation, TimeUnit.SECONDS.toNanos(1) / Math.max(1, ceiling - BURST));
		try {
			bucket(operation).replaceConfiguration(configuration, TokensInheritanceStrategy.AS_IS);
		}
		catch (RuntimeException ex) {
			// Tried again with the next change; meanwhile the send window keeps to the
			// ceiling.
			applied.compareAndSet(ceiling, before);
			this.store.failedAside();
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
	 * Redis call.
	 */
	Verdict tryAcquire(String operation, Duration maxWait) {
		if (!this.store.up()) {
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
			this.store.succeeded();
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
			// One slow answer is refused on its own; a few in a row mean Redis is away.
			return this.store.failed(ex) ? Verdict.UNAVAILABLE : Verdict.REFUSED;
		}
	}

	/**
	 * Whether the mode changed less than a second (and a permit's longest wait) ago.
	 * Permits granted by Redis and by the local fallback in the same second would add up,
	 * so in that time nothing new is granted.
	 */
	boolean settling() {
		return System.nanoTime() - this.store.link().changedAt() < this.settleNanos;
	}

	/**
	 * Whether this pod came back to Redis so recently that other pods may still be on
	 * their local share: until they surely are back, this pod keeps to its local share as
	 * well, so that the shares and the shared budget never add up.
	 */
	boolean rejoining() {
		return System.nanoTime() - this.store.link().rejoinedAt() < this.rejoinNanos;
	}

	/**
	 * Whether the budgets are shared right now (false while falling back to local
	 * limiters).
	 */
	boolean shared() {
		return this.store.up();
	}

}
