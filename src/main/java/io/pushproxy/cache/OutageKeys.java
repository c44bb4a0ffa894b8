package io.pushproxy.cache;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * The cache keys this pod wrote or evicted without Redis taking it (while Redis was away,
 * or in a call that failed): until they are deleted from Redis, the shared entry under
 * such a key may be older than the pod's write, so it is not read, and the link shares
 * Redis again only once they are deleted. Beyond {@value #MAX_KEYS} keys, every entry of
 * the App Key is deleted instead.
 */
final class OutageKeys {

	private static final int MAX_KEYS = 10_000;

	private final String prefix;

	private final Set<String> keys = ConcurrentHashMap.newKeySet();

	private final AtomicBoolean all = new AtomicBoolean();

	/** Keys under {@code prefix} (the cache's, in Redis). */
	OutageKeys(String prefix) {
		this.prefix = prefix;
	}

	void remember(String key) {
		if (this.keys.size() < MAX_KEYS) {
			this.keys.add(key);
		}
		else {
			this.all.set(true);
		}
	}

	/** Every shared entry may be older than this pod's writes (a clear that failed). */
	void rememberAll() {
		this.all.set(true);
	}

	/** Whether the shared entry under the key may be older than this pod's write. */
	boolean contains(String key) {
		return this.all.get() || this.keys.contains(key);
	}

	boolean isEmpty() {
		return !this.all.get() && this.keys.isEmpty();
	}

	/**
	 * Deletes the remembered keys from Redis, and forgets them; throws when Redis fails.
	 */
	void deleteFrom(RedisCommands<String, byte[]> redis) {
		if (this.all.get()) {
			deleteAll(redis, this.prefix);
			this.all.set(false);
		}
		for (String key : List.copyOf(this.keys)) {
			redis.del(this.prefix + key);
			this.keys.remove(key);
		}
	}

	/** Deletes every key under {@code prefix}; throws when Redis fails. */
	static void deleteAll(RedisCommands<String, byte[]> redis, String prefix) {
		ScanCursor cursor = ScanCursor.INITIAL;
		do {
			KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(500));
			List<String> found = page.getKeys();
			if (!found.isEmpty()) {
				redis.del(found.toArray(String[]::new));
			}
			cursor = page;
		}
		while (!cursor.isFinished());
	}

}
