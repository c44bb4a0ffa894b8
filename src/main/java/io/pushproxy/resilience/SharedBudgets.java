package io.pushproxy.resilience;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operation budgets shared by every replica: one Bucket4j token bucket per operation
 * in Redis, keyed by App Key and operation. A bucket holds four tokens refilled at the
 * operation's ceiling less four per second: in any one-second window at most the four it
 * held plus what refilled, so never more than the ceiling, whichever replica sends. A
 * permit is a reservation made in Redis (Bucket4j's Lettuce proxy manager, with a pod's
 * concurrent requests batched into one compare-and-swap round); the thread then waits for
 * its moment locally.
 * <p>
 * A Redis call slower than its timeout is refused on its own; three failures in a row
 * make this answer {@link Verdict#UNAVAILABLE}, and the caller then uses its local
 * fallback limiter. One warning is logged per outage, and a background check brings the
 * shared mode back once Redis answers again.
 * <p>
 * An operation's ceiling may be lowered after Agora's 429s ({@link AdaptiveCeilings}):
 * the replica that saw them keeps the new state in Redis beside the bucket, every replica
 * reads it back each {@code recheckEvery}, and each reconfigures the shared bucket to the
 * ceiling they then all compute alike.
 */
class SharedBudgets implements SharedCallerBuckets, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(SharedBudgets.class);

	/**
	 * A second, plus the longest a permit granted before a change may still wait to be
	 * used.
	 */
	private final long settleNanos;

	private static final int FAILURES_TO_FALL_BACK = 3;

	/**
	 * Tokens a bucket can hold: covers the odd gap between reservations, and still c + r
	 * <= ceiling.
	 */
	private static final int BURST = 4;

	private final RedisClient client;

	private final Map<String, BucketConfiguration> configurations = new ConcurrentHashMap<>();

	/**
	 * Per operation, the ceiling the shared bucket was last configured for by this pod.
	 */
	private final Map<String, AtomicInteger> appliedCeilings = new HashMap<>();

	private volatile BiConsumer<String, AdaptiveCeilings.State> ceilingFollower = (operation, state) -> {
	};

	private final String keyPrefix;

	private final Duration timeout;

	private final AtomicBoolean available = new AtomicBoolean(false);

	private volatile Map<String, BucketProxy> proxies = Map.of();

	private volatile ProxyManager<String> callerBuckets;

	private final AtomicInteger failuresInARow = new AtomicInteger();

	private final AtomicLong failures = new AtomicLong();

	/**
	 * Per operation, the earliest moment (nanoTime) at which this pod knows the shared
	 * bucket has nothing to grant before: a request that cannot wait that long is refused
	 * without a round trip, so Redis sees mostly calls that succeed.
	 */
	private final Map<String, AtomicLong> busyUntil = new HashMap<>();

	private final Map<String, Long> spacingNanos = new ConcurrentHashMap<>();

	/** When the mode last changed: for a second after that, nothing is sent at all. */
	private volatile long changedAt = Long.MIN_VALUE / 2;

	/** When this pod last came back to Redis. */
	private volatile long rejoinedAt = Long.MIN_VALUE / 2;

	/**
	 * How long after coming back the local share still applies: other pods may not be
	 * back yet.
	 */
	private final long rejoinNanos;

	private final ScheduledExecutorService recheck = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "shared-budgets-recheck");
		thread.setDaemon(true);
		return thread;
	});

	private volatile StatefulRedisConnection<String, byte[]> connection;

	SharedBudgets(RedisURI uri, String namespace, Map<String, Integer> ceilings, Duration timeout,
			Duration recheckEvery, Duration maxWait) {
		this.timeout = timeout;
		this.settleNanos = TimeUnit.SECONDS.toNanos(1) + maxWait.toNanos();
		this.rejoinNanos = this.settleNanos + 2 * recheckEvery.toNanos();
		this.keyPrefix = "agora-push-proxy:" + namespace + ":";
		ceilings.forEach((operation, ceiling) -> {
			this.configurations.put(operation, bucketFor(ceiling));
			this.appliedCeilings.put(operation, new AtomicInteger(ceiling));
			this.busyUntil.put(operation, new AtomicLong(System.nanoTime()));
			this.spacingNanos.put(operation, TimeUnit.SECONDS.toNanos(1) / Math.max(1, ceiling - BURST));
		});
		this.client = RedisClient.create(uri);
		this.client.setOptions(ClientOptions.builder()
			.timeoutOptions(TimeoutOptions.enabled(timeout))
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.autoReconnect(true)
			.build());
		this.client.setDefaultTimeout(timeout);
		connect();
		this.recheck.scheduleWithFixedDelay(this::recheck, recheckEvery.toMillis(), recheckEvery.toMillis(),
				TimeUnit.MILLISECONDS);
		this.recheck.scheduleWithFixedDelay(this::readCeilings, recheckEvery.toMillis(), recheckEvery.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	private static BucketConfiguration bucketFor(int ceiling) {
		return BucketConfiguration.builder()
			.addLimit(
					(limit) -> limit.capacity(BURST).refillGreedy(Math.max(1, ceiling - BURST), Duration.ofSeconds(1)))
			.build();
	}

	/** Who takes the ceiling states other replicas kept in Redis. */
	void followCeilings(BiConsumer<String, AdaptiveCeilings.State> follower) {
		this.ceilingFollower = follower;
	}

	/**
	 * Keeps a lowered ceiling's state in Redis for the other replicas; a failure is left
	 * to the next 429.
	 */
	void publishCeiling(String operation, AdaptiveCeilings.State state) {
		if (!this.available.get()) {
			return;
		}
		try {
			this.connection.async()
				.set(ceilingKey(operation), state.toString().getBytes(StandardCharsets.US_ASCII),
						SetArgs.Builder.ex(Duration.ofMinutes(10)));
		}
		catch (RuntimeException ex) {
			this.failures.incrementAndGet();
		}
	}

	/**
	 * Reconfigures the operation's shared bucket when the ceiling in force changed since
	 * this pod last did; the tokens it holds are kept.
	 */
	void applyCeiling(String operation, int ceiling) {
		AtomicInteger applied = this.appliedCeilings.get(operation);
		int before = applied.get();
		if (before == ceiling || !this.available.get() || !applied.compareAndSet(before, ceiling)) {
			return;
		}
		BucketConfiguration configuration = bucketFor(ceiling);
		this.configurations.put(operation, configuration);
		this.spacingNanos.put(operation, TimeUnit.SECONDS.toNanos(1) / Math.max(1, ceiling - BURST));
		try {
			this.proxies.get(operation).replaceConfiguration(configuration, TokensInheritanceStrategy.AS_IS);
		}
		catch (RuntimeException ex) {
			// Tried again with the next change; meanwhile the send window keeps to the
			// ceiling.
			applied.compareAndSet(ceiling, before);
			this.failures.incrementAndGet();
		}
	}

	private void readCeilings() {
		if (!this.available.get()) {
			return;
		}
		try {
			String[] operations = this.appliedCeilings.keySet().toArray(String[]::new);
			String[] keys = new String[operations.length];
			for (int i = 0; i < operations.length; i++) {
				keys[i] = ceilingKey(operations[i]);
			}
			List<KeyValue<String, byte[]>> values = this.connection.sync().mget(keys);
			for (int i = 0; i < operations.length && i < values.size(); i++) {
				KeyValue<String, byte[]> value = values.get(i);
				AdaptiveCeilings.State state = (value.hasValue())
						? AdaptiveCeilings.State.parse(new String(value.getValue(), StandardCharsets.US_ASCII)) : null;
				if (state != null) {
					this.ceilingFollower.accept(operations[i], state);
				}
			}
		}
		catch (RuntimeException ex) {
			// Redis's own failures show in tryAcquire; the ceilings are read again next
			// time.
		}
	}

	private String ceilingKey(String operation) {
		return this.keyPrefix + "ceiling:" + operation;
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
		if (!this.available.get()) {
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
			boolean granted = this.proxies.get(operation)
				.asBlocking()
				.tryConsume(1, Duration.ofNanos(left), (nanos) -> {
					// The permit is reserved in Redis for `nanos` from now: nothing comes
					// free before.
					busy.accumulateAndGet(now + nanos + spacing, Math::max);
					BlockingStrategy.PARKING.park(nanos);
				});
			this.failuresInARow.set(0);
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
			this.failures.incrementAndGet();
			// One slow answer is refused on its own; a few in a row mean Redis is away.
			if (this.failuresInARow.incrementAndGet() < FAILURES_TO_FALL_BACK) {
				return Verdict.REFUSED;
			}
			if (this.available.compareAndSet(true, false)) {
				this.changedAt = System.nanoTime();
				log.warn("Redis does not answer ({}): each pod now uses its local share of the budgets",
						ex.getClass().getSimpleName());
			}
			return Verdict.UNAVAILABLE;
		}
	}

	/**
	 * Whether the mode changed less than a second (and a permit's longest wait) ago.
	 * Permits granted by Redis and by the local fallback in the same second would add up,
	 * so in that time nothing new is granted.
	 */
	boolean settling() {
		return System.nanoTime() - this.changedAt < this.settleNanos;
	}

	@Override
	public Duration take(String caller, BucketConfiguration configuration) {
		return take(caller, configuration, 1);
	}

	@Override
	public Duration take(String caller, BucketConfiguration configuration, long tokens) {
		if (!this.available.get()) {
			return null;
		}
		try {
			ConsumptionProbe probe = this.callerBuckets.builder()
				.build(this.keyPrefix + "caller:" + caller, () -> configuration)
				.tryConsumeAndReturnRemaining(tokens);
			this.failuresInARow.set(0);
			return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
		}
		catch (RuntimeException ex) {
			this.failures.incrementAndGet();
			return null;
		}
	}

	/**
	 * Whether this pod came back to Redis so recently that other pods may still be on
	 * their local share: until they surely are back, this pod keeps to its local share as
	 * well, so that the shares and the shared budget never add up.
	 */
	boolean rejoining() {
		return System.nanoTime() - this.rejoinedAt < this.rejoinNanos;
	}

	/** Redis calls that failed or timed out so far. */
	long failures() {
		return this.failures.get();
	}

	/**
	 * Whether the budgets are shared right now (false while falling back to local
	 * limiters).
	 */
	boolean shared() {
		return this.available.get();
	}

	private void recheck() {
		if (this.available.get()) {
			return;
		}
		if (this.connection == null) {
			connect();
			return;
		}
		try {
			this.connection.sync().ping();
			if (this.available.compareAndSet(false, true)) {
				this.failuresInARow.set(0);
				this.changedAt = System.nanoTime();
				this.rejoinedAt = this.changedAt;
				log.warn("Redis answers again: the budgets are shared by all replicas again");
			}
		}
		catch (RuntimeException ex) {
			// still down; the next check tries again
		}
	}

	private void connect() {
		try {
			StatefulRedisConnection<String, byte[]> opened = this.client
				.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
			opened.setTimeout(this.timeout);
			ProxyManager<String> buckets = Bucket4jLettuce.casBasedBuilder(opened)
				.expirationAfterWrite(
						ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
				.build();
			Map<String, BucketProxy> built = new HashMap<>();
			this.configurations.forEach((operation, configuration) -> built.put(operation, buckets.builder()
				// A pod's concurrent requests for one bucket go to Redis together, in one
				// call.
				.withOptimization(Optimizations.batching())
				.build(this.keyPrefix + operation, () -> this.configurations.get(operation))));
			this.proxies = built;
			this.callerBuckets = buckets;
			this.connection = opened;
			this.available.set(true);
			log.info("Operation budgets are shared through Redis");
		}
		catch (RuntimeException ex) {
			log.warn("Redis cannot be reached ({}): each pod uses its local share of the budgets until it can",
					ex.getClass().getSimpleName());
		}
	}

	@Override
	public void close() {
		this.recheck.shutdownNow();
		if (this.connection != null) {
			this.connection.close();
		}
		this.client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
	}

}
