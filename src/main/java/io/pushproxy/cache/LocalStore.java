package io.pushproxy.cache;

import java.time.Clock;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import org.jspecify.annotations.Nullable;

/**
 * A pod's own cache entries in a bounded Caffeine cache; each expires the TTL after Agora
 * gave it (a merged entry keeps its first answer's moment, so it is never served longer
 * than the TTL after any part of it was read).
 */
final class LocalStore implements EntryStore {

	private final Cache<String, Stored<?>> entries;

	private final Duration ttl;

	private final Clock clock;

	LocalStore(Duration ttl, int maxEntries, Clock clock) {
		this.ttl = ttl;
		this.clock = clock;
		this.entries = Caffeine.newBuilder().maximumSize(maxEntries).expireAfter(new Expiry<String, Stored<?>>() {

			@Override
			public long expireAfterCreate(String key, Stored<?> value, long currentTime) {
				return remainingNanos(value);
			}

			@Override
			public long expireAfterUpdate(String key, Stored<?> value, long currentTime, long currentDuration) {
				return remainingNanos(value);
			}

			@Override
			public long expireAfterRead(String key, Stored<?> value, long currentTime, long currentDuration) {
				return currentDuration;
			}

		}).build();
	}

	private long remainingNanos(Stored<?> entry) {
		return Math.max(0, remainingMillis(entry)) * 1_000_000L;
	}

	long remainingMillis(Stored<?> entry) {
		return entry.storedAt() + this.ttl.toMillis() - this.clock.millis();
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> @Nullable Stored<T> get(String key, Class<T> type) {
		Stored<?> entry = this.entries.getIfPresent(key);
		if (entry == null || remainingMillis(entry) <= 0 || !type.isInstance(entry.value())) {
			return null;
		}
		return (Stored<T>) entry;
	}

	@Override
	public void put(String key, Stored<?> entry, boolean onlyIfAbsent) {
		if (remainingMillis(entry) <= 0) {
			return;
		}
		if (onlyIfAbsent) {
			this.entries.asMap()
				.compute(key, (k, existing) -> (existing != null && remainingMillis(existing) > 0) ? existing : entry);
		}
		else {
			this.entries.put(key, entry);
		}
	}

	@Override
	public void evict(String key) {
		this.entries.invalidate(key);
	}

	@Override
	public void clear() {
		this.entries.invalidateAll();
	}

	long size() {
		return this.entries.estimatedSize();
	}

}
