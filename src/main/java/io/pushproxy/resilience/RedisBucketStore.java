package io.pushproxy.resilience;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.pushproxy.config.RedisClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis that every replica's shared token buckets live in: one Lettuce connection
 * (which reconnects on its own) and Bucket4j's Lettuce proxy manager over it, every key
 * under {@code agora-push-proxy:<namespace>:}.
 * <p>
 * Whether Redis is to be used right now is one immutable {@link RedisLink}, swapped whole
 * in an {@link AtomicReference}: {@value #FAILURES_TO_FALL_BACK} failed calls in a row
 * take it down (one warning per outage), and a background check every
 * {@code recheckEvery} brings it back once Redis answers a ping (or connects at all, when
 * Redis was away at start). What a bucket's owner does meanwhile is its own business.
 * <p>
 * Slightly longer than most classes because it is the one place that talks to Redis:
 * connecting, the link's state, buckets and plain values together.
 */
public final class RedisBucketStore implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(RedisBucketStore.class);

	static final int FAILURES_TO_FALL_BACK = 3;

	private final RedisClient client;

	private final String keyPrefix;

	private final Duration timeout;

	private final AtomicReference<RedisLink> link = new AtomicReference<>(RedisLink.START);

	private final LongAdder failures = new LongAdder();

	/** Bucket proxies whose concurrent calls go to Redis together, by key. */
	private final Map<String, BucketProxy> batched = new ConcurrentHashMap<>();

	private final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "shared-budgets-recheck");
		thread.setDaemon(true);
		return thread;
	});

	private volatile StatefulRedisConnection<String, byte[]> connection;

	private volatile ProxyManager<String> buckets;

	public RedisBucketStore(RedisURI uri, String namespace, Duration timeout, Duration recheckEvery) {
		this.keyPrefix = "agora-push-proxy:" + namespace + ":";
		this.timeout = timeout;
		this.client = RedisClients.failFast(uri, timeout);
		connect();
		every(recheckEvery, this::recheck);
	}

	/** Runs a task every {@code period} on the store's background thread. */
	void every(Duration period, Runnable task) {
		this.background.scheduleWithFixedDelay(task, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** The state of the link to Redis now. */
	RedisLink link() {
		return this.link.get();
	}

	/** Whether Redis is to be used now. */
	public boolean up() {
		return this.link.get().up();
	}

	/**
	 * The bucket under {@code key}, created with {@code configuration} when Redis has
	 * none; only while {@link #up()}.
	 */
	public BucketProxy bucket(String key, Supplier<BucketConfiguration> configuration) {
		return this.buckets.builder().build(this.keyPrefix + key, configuration);
	}

	/**
	 * As {@link #bucket}, with a pod's concurrent requests for it sent to Redis together,
	 * in one compare-and-swap round.
	 */
	BucketProxy batchedBucket(String key, Supplier<BucketConfiguration> configuration) {
		return this.batched.computeIfAbsent(key,
				(k) -> this.buckets.builder()
					.withOptimization(Optimizations.batching())
					.build(this.keyPrefix + k, configuration));
	}

	/** Keeps a value for a while, without waiting for Redis to confirm. */
	void put(String key, String value, Duration ttl) {
		this.connection.async()
			.set(this.keyPrefix + key, value.getBytes(StandardCharsets.US_ASCII), SetArgs.Builder.ex(ttl));
	}

	/** The values kept under the keys, null where there is none. */
	List<String> get(List<String> keys) {
		String[] full = keys.stream().map((key) -> this.keyPrefix + key).toArray(String[]::new);
		List<String> values = new ArrayList<>();
		for (KeyValue<String, byte[]> value : this.connection.sync().mget(full)) {
			values.add(value.hasValue() ? new String(value.getValue(), StandardCharsets.US_ASCII) : null);
		}
		return values;
	}

	/** A call to Redis answered: the failures in a row start again from zero. */
	public void succeeded() {
		if (this.link.get().failuresInARow() != 0) {
			this.link.updateAndGet(RedisLink::succeeded);
		}
	}

	/**
	 * A call on which the link depends failed or timed out.
	 * @return whether Redis now counts as away: this was one failure too many in a row
	 */
	boolean failed(RuntimeException ex) {
		this.failures.increment();
		long now = System.nanoTime();
		RedisLink before;
		RedisLink after;
		do {
			before = this.link.get();
			after = before.failed(now);
		}
		while (!this.link.compareAndSet(before, after));
		if (before.up() && !after.up()) {
			log.warn("Redis does not answer ({}): each pod now uses its local share of the budgets",
					ex.getClass().getSimpleName());
		}
		return after.failuresInARow() >= FAILURES_TO_FALL_BACK;
	}

	/**
	 * A call failed that the link does not depend on (it is tried again later anyway):
	 * counted, nothing more.
	 */
	public void failedAside() {
		this.failures.increment();
	}

	/** Redis calls that failed or timed out so far. */
	public long failures() {
		return this.failures.sum();
	}

	private void recheck() {
		if (this.link.get().up()) {
			return;
		}
		if (this.connection == null) {
			connect();
			return;
		}
		try {
			this.connection.sync().ping();
			long now = System.nanoTime();
			RedisLink before = this.link.get();
			if (!before.up() && this.link.compareAndSet(before, RedisLink.rejoined(now))) {
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
			this.buckets = Bucket4jLettuce.casBasedBuilder(opened)
				.expirationAfterWrite(
						ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
				.build();
			this.connection = opened;
			this.link.updateAndGet(RedisLink::connected);
			log.info("Operation budgets are shared through Redis");
		}
		catch (RuntimeException ex) {
			log.warn("Redis cannot be reached ({}): each pod uses its local share of the budgets until it can",
					ex.getClass().getSimpleName());
		}
	}

	@Override
	public void close() {
		this.background.shutdownNow();
		if (this.connection != null) {
			this.connection.close();
		}
		this.client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
	}

}
