package io.pushproxy.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.jspecify.annotations.Nullable;

/**
 * The one link to Redis of a pod: one fail-fast Lettuce client and connection (which
 * reconnects on its own), Bucket4j's proxy manager over it, every key under
 * {@code agora-push-proxy:<org#app>:}. The operation budgets, the caller quota and the
 * read cache all use it.
 * <p>
 * Whether Redis is to be used right now is one immutable {@link LinkState}, swapped whole
 * in an {@link AtomicReference}. The one fallback rule: a user reports each call's
 * outcome; {@value LinkState#FAILURES_TO_FALL_BACK} failures in a row take the link down
 * (one warning, and the {@link #onFallBack} listeners run), and a check every
 * {@code recheckEvery} brings it back once Redis answers a ping and every
 * {@link #beforeSharing} step has run (one warning). A call that fails is never its
 * caller's problem: the user decides locally for that call, whatever the link's state.
 */
public final class RedisLink implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(RedisLink.class);

	private static final String USERS = "the budgets (each pod its local share), the caller quota and the read cache";

	private final RedisClient client;

	private final String keyPrefix;

	private final Duration timeout;

	private final Duration recheckEvery;

	private final AtomicReference<LinkState> state = new AtomicReference<>(LinkState.START);

	private final LongAdder failures = new LongAdder();

	private final List<Runnable> fallBackListeners = new CopyOnWriteArrayList<>();

	private final List<Consumer<RedisCommands<String, byte[]>>> beforeSharing = new CopyOnWriteArrayList<>();

	private final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "redis-link");
		thread.setDaemon(true);
		return thread;
	});

	private volatile @Nullable StatefulRedisConnection<String, byte[]> connection;

	private volatile @Nullable ProxyManager<String> buckets;

	public RedisLink(RedisURI uri, String namespace, Duration timeout, Duration recheckEvery) {
		this.keyPrefix = "agora-push-proxy:" + namespace + ":";
		this.timeout = timeout;
		this.recheckEvery = recheckEvery;
		this.client = RedisClients.failFast(uri, timeout);
		RuntimeException failure = open();
		if (failure == null) {
			this.state.updateAndGet(LinkState::connected);
			log.info("Redis is shared by all replicas: {}", USERS);
		}
		else {
			log.warn("Redis cannot be reached ({}): {} are this pod's own until it can",
					failure.getClass().getSimpleName(), USERS);
		}
		every(recheckEvery, this::recheck);
	}

	/** The full Redis key of {@code name}, under this App Key's prefix. */
	public String key(String name) {
		return this.keyPrefix + name;
	}

	/** The state of the link now. */
	public LinkState state() {
		return this.state.get();
	}

	/** Whether Redis is to be used now. */
	public boolean available() {
		return this.state.get().available();
	}

	/** How often a link that is down tries Redis again. */
	public Duration recheckEvery() {
		return this.recheckEvery;
	}

	/**
	 * Runs a task every {@code period} on the link's background thread; the task catches
	 * its own failures (one that throws is not run again).
	 */
	public void every(Duration period, Runnable task) {
		this.background.scheduleWithFixedDelay(task, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Runs when the link goes down, on the thread whose call was one failure too many.
	 */
	public void onFallBack(Runnable listener) {
		this.fallBackListeners.add(listener);
	}

	/**
	 * A step that must succeed before Redis is shared again after an outage (or after a
	 * start without Redis); one that throws keeps the link down until the next check.
	 */
	public void beforeSharing(Consumer<RedisCommands<String, byte[]>> step) {
		this.beforeSharing.add(step);
	}

	/** Redis's synchronous commands, each timing out after the link's timeout. */
	public RedisCommands<String, byte[]> commands() {
		StatefulRedisConnection<String, byte[]> opened = this.connection;
		if (opened == null) {
			throw new IllegalStateException("no connection to Redis");
		}
		return opened.sync();
	}

	/** Bucket4j's buckets in Redis (compare-and-swap based), expiring once full. */
	public ProxyManager<String> buckets() {
		ProxyManager<String> manager = this.buckets;
		if (manager == null) {
			throw new IllegalStateException("no connection to Redis");
		}
		return manager;
	}

	/** A call answered: the failures in a row start again from zero. */
	public void succeeded() {
		if (this.state.get().failures() != 0) {
			this.state.updateAndGet(LinkState::succeeded);
		}
	}

	/** A call failed or timed out; one too many in a row takes the link down. */
	public void failed(RuntimeException ex) {
		this.failures.increment();
		long now = System.nanoTime();
		LinkState before = this.state.getAndUpdate((current) -> current.failed(now));
		if (before.available() && !before.failed(now).available()) {
			log.warn("Redis does not answer ({}): {} are this pod's own until it does", ex.getClass().getSimpleName(),
					USERS);
			this.fallBackListeners.forEach(Runnable::run);
		}
	}

	/** Redis calls that failed or timed out so far. */
	public long failures() {
		return this.failures.sum();
	}

	private void recheck() {
		if (this.state.get().available()) {
			return;
		}
		try {
			if (this.connection == null && open() != null) {
				return;
			}
			RedisCommands<String, byte[]> redis = commands();
			redis.ping();
			this.beforeSharing.forEach((step) -> step.accept(redis));
			LinkState before = this.state.get();
			if (!before.available() && this.state.compareAndSet(before, before.rejoinedAt(System.nanoTime()))) {
				log.warn("Redis answers again: {} are shared by all replicas again", USERS);
			}
		}
		catch (RuntimeException ex) {
			// still down; the next check tries again
		}
	}

	private @Nullable RuntimeException open() {
		try {
			StatefulRedisConnection<String, byte[]> opened = this.client
				.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
			opened.setTimeout(this.timeout);
			this.buckets = Bucket4jLettuce.casBasedBuilder(opened)
				.expirationAfterWrite(
						ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
				.build();
			this.connection = opened;
			return null;
		}
		catch (RuntimeException ex) {
			return ex;
		}
	}

	@Override
	public void close() {
		this.background.shutdownNow();
		StatefulRedisConnection<String, byte[]> opened = this.connection;
		if (opened != null) {
			opened.close();
		}
		this.client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
	}

}
