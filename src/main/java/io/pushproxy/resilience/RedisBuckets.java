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

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.pushproxy.redis.RedisLink;

/**
 * The {@link SharedBuckets} in Redis, through the pod's {@link RedisLink}: one Bucket4j
 * token bucket per operation. A bucket holds four tokens refilled at its rate less four
 * per second: in any one-second window at most the four it held plus what refilled, so
 * never more than its rate, whichever replica sends. A grant is a reservation made in
 * Redis (a pod's concurrent requests batched into one compare-and-swap round); the call
 * then waits for its moment locally.
 * <p>
 * A Redis call that fails or is slower than its timeout is answered
 * {@link Verdict#UNAVAILABLE} at once and reported to the link; while the link is down
 * every call is.
 */
final class RedisBuckets implements SharedBuckets {

	/**
	 * Tokens a bucket can hold: covers the odd gap between reservations, and still c + r
	 * <= rate.
	 */
	private static final int BURST = 4;

	private static final int UNSET = -1;

	private final RedisLink link;

	private final Map<String, BucketConfiguration> configurations = new ConcurrentHashMap<>();

	/** Bucket proxies whose concurrent calls go to Redis together, by operation. */
	private final Map<String, BucketProxy> batched = new ConcurrentHashMap<>();

	/** Per operation, the rate the shared bucket was last configured for by this pod. */
	private final Map<String, AtomicInteger> appliedRates = new HashMap<>();

	/**
	 * Per operation, the earliest moment (nanoTime) at which this pod knows the shared
	 * bucket has nothing to grant before: a request that cannot wait that long is refused
	 * without a round trip, so Redis sees mostly calls that succeed.
	 */
	private final Map<String, AtomicLong> busyUntil = new HashMap<>();

	private final Map<String, Long> spacingNanos = new ConcurrentHashMap<>();

	private final SharedCeilings ceilings;

	/** Buckets for the operations, each configured by its first grant. */
	RedisBuckets(RedisLink link, List<String> operations) {
		this.link = link;
		operations.forEach((operation) -> {
			this.appliedRates.put(operation, new AtomicInteger(UNSET));
			this.busyUntil.put(operation, new AtomicLong(System.nanoTime()));
		});
		this.ceilings = new SharedCeilings(link, List.copyOf(operations), link.recheckEvery());
	}

	private static BucketConfiguration bucketFor(int rate) {
		return BucketConfiguration.builder()
			.addLimit((limit) -> limit.capacity(BURST).refillGreedy(Math.max(1, rate - BURST), Duration.ofSeconds(1)))
			.build();
	}

	private static long spacing(int rate) {
		return TimeUnit.SECONDS.toNanos(1) / Math.max(1, rate - BURST);
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

	@Override
	public void followCeilings(BiConsumer<String, AdaptiveCeilings.State> follower) {
		this.ceilings.follow(follower);
	}

	@Override
	public void publishCeiling(String operation, AdaptiveCeilings.State state) {
		this.ceilings.publish(operation, state);
	}

	/**
	 * Takes a permit from the operation's bucket, reconfigured first when its rate
	 * changed. A request that the pod already knows cannot be served in time is refused
	 * without asking Redis; the others' concurrent reservations are batched into one
	 * Redis call. A call Redis does not answer is {@link Verdict#UNAVAILABLE}, never
	 * refused.
	 */
	@Override
	public Grant grant(String operation, int perSecond, long deadline) {
		if (!this.link.available()) {
			return Grant.UNAVAILABLE;
		}
		applyRate(operation, perSecond);
		AtomicLong busy = this.busyUntil.get(operation);
		long left = deadline - System.nanoTime();
		if (left <= 0 || busy.get() - deadline > 0) {
			return Grant.REFUSED;
		}
		long spacing = this.spacingNanos.get(operation);
		long asked = System.nanoTime();
		AtomicLong due = new AtomicLong(Long.MIN_VALUE);
		try {
			boolean granted = bucket(operation).asBlocking().tryConsume(1, Duration.ofNanos(left), (nanos) -> {
				// Reserved in Redis `nanos` from about when it was asked: nothing comes
				// free before. The call leaves no sooner than `nanos` after the answer,
				// waiting in the send window.
				busy.accumulateAndGet(asked + nanos + spacing, Math::max);
				due.set(System.nanoTime() + nanos);
			});
			this.link.succeeded();
			if (!granted) {
				busy.accumulateAndGet(deadline, Math::max);
				return Grant.REFUSED;
			}
			return Grant.from((due.get() != Long.MIN_VALUE) ? due.get() : System.nanoTime());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Grant.REFUSED;
		}
		catch (RuntimeException ex) {
			// Not the caller's problem: the pod decides this call from its reserve,
			// and a few failures in a row take the link down.
			this.link.failed(ex);
			return Grant.UNAVAILABLE;
		}
	}

	/**
	 * Reconfigures the operation's bucket when its rate changed since this pod last did
	 * (the tokens it holds are kept); the first rate is what a bucket that Redis does not
	 * hold yet is created with.
	 */
	private void applyRate(String operation, int rate) {
		AtomicInteger applied = this.appliedRates.get(operation);
		int before = applied.get();
		if (before == rate) {
			return;
		}
		// Set before the rate, so that a call that sees the rate finds them.
		BucketConfiguration configuration = bucketFor(rate);
		this.configurations.put(operation, configuration);
		this.spacingNanos.put(operation, spacing(rate));
		if (!applied.compareAndSet(before, rate) || before == UNSET) {
			return;
		}
		try {
			bucket(operation).replaceConfiguration(configuration, TokensInheritanceStrategy.AS_IS);
			this.link.succeeded();
		}
		catch (RuntimeException ex) {
			// Tried again with the next change; meanwhile the send window keeps to the
			// ceiling.
			applied.compareAndSet(rate, before);
			this.link.failed(ex);
		}
	}

}
