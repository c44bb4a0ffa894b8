package io.pushproxy.cache;

import java.time.Clock;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.function.Function;

import io.micrometer.core.instrument.MeterRegistry;

import org.jspecify.annotations.Nullable;

/**
 * The read cache in front of Agora's get-user, get-push-settings, get-language and
 * get-template: it keeps what Agora answered (before any mapping), keyed by App Key,
 * operation, user and conversation, for the TTL. Writes through the proxy store Agora's
 * answer to them, so a read after one's own write is fresh and costs no upstream call.
 * Failures are never stored: an upstream call that throws leaves the cache as it was. A
 * request with {@code Cache-Control: no-cache} reads upstream and refreshes the entry.
 * <p>
 * Usernames are compared case-insensitively upstream, so they are lower-cased in keys: a
 * write through {@code Alice} is read through {@code alice}.
 */
public class ReadCache {

	private final EntryStore store;

	private final CacheProperties properties;

	private final Clock clock;

	private final MeterRegistry meters;

	ReadCache(EntryStore store, CacheProperties properties, Clock clock, MeterRegistry meters) {
		this.store = store;
		this.properties = properties;
		this.clock = clock;
		this.meters = meters;
	}

	/** The key of one cached read. */
	public record Key(String operation, String user, String conversation) {

		/** A key whose user (and a peer user) compare case-insensitively. */
		public static Key of(String operation, @Nullable String user, @Nullable String conversation) {
			return new Key(operation, lower(user), lower(conversation));
		}

		private static String lower(@Nullable String value) {
			return (value != null) ? value.toLowerCase(Locale.ROOT) : "";
		}

		/** A key whose name is case-sensitive (a template's). */
		public static Key exact(String operation, String name) {
			return new Key(operation, "", name);
		}

		String render() {
			return this.operation + ":" + this.user + ":" + this.conversation;
		}

	}

	/**
	 * The fresh entry, else Agora's answer (then stored). A failure of the upstream call
	 * is thrown as it is and stores nothing.
	 */
	public <T> T read(Key key, Class<T> type, Supplier<T> upstream) {
		CacheLookups lookups = CacheLookups.current();
		if (!this.properties.enabled()) {
			count(key, CacheResult.BYPASS, lookups);
			return upstream.get();
		}
		boolean refresh = lookups != null && lookups.refresh();
		if (!refresh) {
			Stored<T> cached = this.store.get(key.render(), type);
			if (cached != null) {
				count(key, CacheResult.HIT, lookups);
				return cached.value();
			}
		}
		// Counted before the call: a miss that ends in an upstream failure is a miss too.
		count(key, refresh ? CacheResult.REFRESH : CacheResult.MISS, lookups);
		long askedAt = this.clock.millis();
		T value = upstream.get();
		// A miss does not overwrite an entry that a write stored while Agora was asked.
		this.store.put(key.render(), new Stored<>(value, askedAt), !refresh);
		return value;
	}

	/** Stores a successful write's answer: it is the entry's whole new value. */
	public void written(Key key, Object answer) {
		if (this.properties.enabled()) {
			this.store.put(key.render(), new Stored<>(answer, this.clock.millis()), false);
		}
	}

	/**
	 * Stores a successful write's answer that may lack fields Agora does not echo: the
	 * merge gets the fresh entry (null when none) and answers the new value, or null when
	 * it cannot tell the whole value (the entry is then dropped). A merged entry keeps
	 * the moment of the entry it came from, so the fields it kept are never served older
	 * than the TTL.
	 */
	public <T> void written(Key key, Class<T> type, Function<@Nullable T, @Nullable T> merge) {
		if (!this.properties.enabled()) {
			return;
		}
		@Nullable Stored<T> cached = this.store.get(key.render(), type);
		@Nullable T merged = merge.apply((cached != null) ? cached.value() : null);
		if (merged == null) {
			this.store.evict(key.render());
			return;
		}
		long storedAt = (cached != null) ? cached.storedAt() : this.clock.millis();
		this.store.put(key.render(), new Stored<>(merged, storedAt), false);
	}

	/** Drops the entry (a deleted template). */
	public void evict(Key key) {
		if (this.properties.enabled()) {
			this.store.evict(key.render());
		}
	}

	/** Drops every entry of this App Key. */
	public void clear() {
		this.store.clear();
	}

	private void count(Key key, CacheResult result, CacheLookups lookups) {
		if (lookups != null) {
			lookups.record(result);
		}
		this.meters.counter("proxy.cache.requests", "operation", key.operation(), "result", result.tag()).increment();
	}

}
