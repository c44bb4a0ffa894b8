package io.pushproxy.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.pushproxy.config.RedisClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.jspecify.annotations.Nullable;

/**
 * Cache entries shared by every pod through Redis, as JSON
 * ({@code {"at":millis,"v":...}}) that Redis expires the TTL after {@code at}. When Redis
 * fails or is slower than its timeout, the pod falls back to its {@link LocalStore}
 * (emptied first: entries from an earlier outage may predate writes made through Redis
 * since), logs one warning, and a background check brings Redis back once it answers; the
 * keys this pod wrote or evicted meanwhile are deleted from Redis first, so a write made
 * during the outage is never hidden by an older shared entry.
 * <p>
 * It opens its own Lettuce connection from the budgets' Redis settings. It could share
 * the budgets' connection once that is exposed by the budget store.
 */
final class SharedStore implements EntryStore, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(SharedStore.class);

	/**
	 * Keys written during an outage, remembered for the rejoin; beyond, all are dropped.
	 */
	private static final int MAX_DIRTY = 10_000;

	private final RedisClient client;

	private final String prefix;

	private final Duration ttl;

	private final Duration timeout;

	private final Clock clock;

	private final LocalStore fallback;

	private final JsonMapper json = JsonMapper.builder().build();

	private final AtomicBoolean available = new AtomicBoolean();

	private final Set<String> dirty = ConcurrentHashMap.newKeySet();

	private final AtomicBoolean dirtyOverflow = new AtomicBoolean();

	private final AtomicLong failures = new AtomicLong();

	private final ScheduledExecutorService recheck = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "read-cache-recheck");
		thread.setDaemon(true);
		return thread;
	});

	private volatile @Nullable StatefulRedisConnection<String, String> connection;

	SharedStore(RedisURI uri, String appKey, Duration ttl, Duration timeout, Duration recheckEvery, LocalStore fallback,
			Clock clock) {
		this.prefix = "agora-push-proxy:" + appKey + ":cache:";
		this.ttl = ttl;
		this.timeout = timeout;
		this.clock = clock;
		this.fallback = fallback;
		this.client = RedisClients.failFast(uri, timeout);
		try {
			StatefulRedisConnection<String, String> opened = this.client.connect();
			opened.setTimeout(timeout);
			this.connection = opened;
			this.available.set(true);
		}
		catch (RuntimeException ex) {
			log.warn("Redis cannot be reached ({}): the read cache is this pod's own until it can",
					ex.getClass().getSimpleName());
		}
		this.recheck.scheduleWithFixedDelay(this::recheck, recheckEvery.toMillis(), recheckEvery.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	/**
	 * Whether entries are shared right now (false while falling back to the pod's own).
	 */
	boolean shared() {
		return this.available.get();
	}

	/** Redis calls of the cache that failed or timed out, since start. */
	long failures() {
		return this.failures.get();
	}

	@Override
	public <T> @Nullable Stored<T> get(String key, Class<T> type) {
		if (!this.available.get()) {
			return this.fallback.get(key, type);
		}
		try {
			String value = redis().get(this.prefix + key);
			if (value == null) {
				return null;
			}
			JsonNode node = this.json.readTree(value);
			Stored<T> entry = new Stored<>(this.json.treeToValue(node.get("v"), type), node.get("at").asLong());
			return (this.fallback.remainingMillis(entry) > 0) ? entry : null;
		}
		catch (tools.jackson.core.JacksonException ex) {
			// An entry of another version's shape: read upstream instead.
			return null;
		}
		catch (RuntimeException ex) {
			fallBack(ex, null);
			return null;
		}
	}

	@Override
	public void put(String key, Stored<?> entry, boolean onlyIfAbsent) {
		long remaining = this.fallback.remainingMillis(entry);
		if (remaining <= 0) {
			return;
		}
		if (!this.available.get()) {
			remember(key);
			this.fallback.put(key, entry, onlyIfAbsent);
			return;
		}
		try {
			ObjectNode node = this.json.createObjectNode();
			node.put("at", entry.storedAt());
			node.set("v", this.json.valueToTree(entry.value()));
			SetArgs args = SetArgs.Builder.px(remaining);
			redis().set(this.prefix + key, this.json.writeValueAsString(node), onlyIfAbsent ? args.nx() : args);
		}
		catch (RuntimeException ex) {
			fallBack(ex, key);
			this.fallback.put(key, entry, onlyIfAbsent);
		}
	}

	@Override
	public void evict(String key) {
		if (!this.available.get()) {
			remember(key);
			this.fallback.evict(key);
			return;
		}
		try {
			redis().del(this.prefix + key);
		}
		catch (RuntimeException ex) {
			fallBack(ex, key);
			this.fallback.evict(key);
		}
	}

	@Override
	public void clear() {
		this.fallback.clear();
		if (this.available.get()) {
			try {
				deleteAll();
			}
			catch (RuntimeException ex) {
				fallBack(ex, null);
			}
		}
	}

	private void deleteAll() {
		RedisCommands<String, String> redis = redis();
		ScanCursor cursor = ScanCursor.INITIAL;
		do {
			KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.matches(this.prefix + "*").limit(500));
			List<String> keys = page.getKeys();
			if (!keys.isEmpty()) {
				redis.del(keys.toArray(String[]::new));
			}
			cursor = page;
		}
		while (!cursor.isFinished());
	}

	private RedisCommands<String, String> redis() {
		@Nullable StatefulRedisConnection<String, String> opened = this.connection;
		if (opened == null) {
			throw new IllegalStateException("no connection to Redis");
		}
		return opened.sync();
	}

	private void remember(String key) {
		if (this.dirty.size() < MAX_DIRTY) {
			this.dirty.add(key);
		}
		else {
			this.dirtyOverflow.set(true);
		}
	}

	private void fallBack(RuntimeException ex, @Nullable String writtenKey) {
		this.failures.incrementAndGet();
		if (writtenKey != null) {
			remember(writtenKey);
		}
		if (this.available.compareAndSet(true, false)) {
			this.fallback.clear();
			log.warn("Redis does not answer ({}): the read cache is this pod's own until it does",
					ex.getClass().getSimpleName());
		}
	}

	private void recheck() {
		if (this.available.get()) {
			return;
		}
		try {
			if (this.connection == null) {
				StatefulRedisConnection<String, String> opened = this.client.connect();
				opened.setTimeout(this.timeout);
				this.connection = opened;
			}
			RedisCommands<String, String> redis = redis();
			redis.ping();
			if (this.dirtyOverflow.getAndSet(false)) {
				deleteAll();
			}
			for (String key : List.copyOf(this.dirty)) {
				redis.del(this.prefix + key);
				this.dirty.remove(key);
			}
			if (this.available.compareAndSet(false, true)) {
				log.warn("Redis answers again: the read cache is shared by all replicas again");
			}
		}
		catch (RuntimeException ex) {
			// still down; the next check tries again
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
