package io.pushproxy.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.sync.RedisCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.jspecify.annotations.Nullable;

/**
 * The one link to Redis of a pod: one fail-fast Lettuce client and connection (which
 * reconnects on its own, {@link RedisConnection}), Bucket4j's proxy manager over it,
 * every key under {@code agora-push-proxy:<org#app>:}. The operation budgets, the caller
 * quota and the read cache all use it.
 * <p>
 * Whether Redis is to be used right now is one immutable {@link LinkState}, swapped whole
 * in an {@link AtomicReference}. The one fallback rule: a user reports each call's
 * outcome; {@value LinkState#FAILURES_TO_FALL_BACK} failures in a row take the link down
 * (one warning, and the {@link #onFallBack} listeners run; a round that many requests
 * waited on, as the budgets batch them, is one failure), and a check at once, then every
 * {@code recheckEvery}, brings it back once Redis answers a ping and every
 * {@link #beforeSharing} step has run (one warning). A call that fails is never its
 * caller's problem: the user decides locally for that call, whatever the link's state.
 */
public final class RedisLink implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(RedisLink.class);

	private static final String USERS = "the budgets (each pod its local share), the caller quota and the read cache";

	private final RedisConnection redis;

	private final String keyPrefix;

	private final Duration recheckEvery;

	private final AtomicReference<LinkState> state = new AtomicReference<>(LinkState.START);

	private final LongAdder failures = new LongAdder();

	/** What the last failure came from: the requests of one failed round share it. */
	private final AtomicReference<@Nullable Throwable> lastFailure = new AtomicReference<>();

	private final Clock clock;

	private final List<Runnable> fallBackListeners = new CopyOnWriteArrayList<>();

	private final List<Consumer<RedisCommands<String, byte[]>>> beforeSharing = new CopyOnWriteArrayList<>();

	private final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "redis-link");
		thread.setDaemon(true);
		return thread;
	});

	/**
	 * The link to Redis at {@code uri}, its state's moments taken from {@code clock}.
	 */
	public RedisLink(RedisURI uri, String namespace, Duration timeout, Duration recheckEvery, Clock clock) {
		this.keyPrefix = "agora-push-proxy:" + namespace + ":";
		this.recheckEvery = recheckEvery;
		this.clock = clock;
		this.redis = new RedisConnection(uri, timeout, recheckEvery);
		RuntimeException failure = this.redis.open();
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
		return this.redis.commands();
	}

	/** Bucket4j's buckets in Redis (compare-and-swap based), expiring once full. */
	public ProxyManager<String> buckets() {
		return this.redis.buckets();
	}

	/** A call answered: the failures in a row start again from zero. */
	public void succeeded() {
		if (this.state.get().failures() != 0) {
			this.state.updateAndGet(LinkState::succeeded);
		}
	}

	/**
	 * A call failed or timed out; one too many in a row takes the link down. The requests
	 * that waited on one round to Redis (Bucket4j batches them) all fail with its one
	 * cause: that is one failed call, counted once.
	 */
	public void failed(RuntimeException ex) {
		Throwable cause = rootCause(ex);
		if (this.lastFailure.getAndSet(cause) == cause) {
			return;
		}
		this.failures.increment();
		long now = this.clock.millis();
		LinkState before = this.state.getAndUpdate((current) -> current.failed(now));
		if (before.available() && !before.failed(now).available()) {
			log.warn("Redis does not answer ({}): {} are this pod's own until it does", ex.getClass().getSimpleName(),
					USERS);
			this.fallBackListeners.forEach(Runnable::run);
			// A pod that was only slow for a moment (a collector's pause) finds Redis at
			// once, rather than after a whole recheck period.
			this.background.execute(this::recheck);
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
			if (!this.redis.opened() && this.redis.open() != null) {
				return;
			}
			RedisCommands<String, byte[]> redis = commands();
			redis.ping();
			this.beforeSharing.forEach((step) -> step.accept(redis));
			LinkState before = this.state.get();
			if (!before.available() && this.state.compareAndSet(before, before.rejoinedAt(this.clock.millis()))) {
				log.warn("Redis answers again: {} are shared by all replicas again", USERS);
			}
		}
		catch (RuntimeException ex) {
			// still down; the next check tries again
		}
	}

	private static Throwable rootCause(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause;
	}

	@Override
	public void close() {
		this.background.shutdownNow();
		this.redis.close();
	}

}
