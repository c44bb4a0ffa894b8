package io.pushproxy.cache;

import org.jspecify.annotations.Nullable;

/** Where cache entries are kept: in this pod, or in Redis for every pod. */
interface EntryStore {

	/** The fresh entry under that key, or null. */
	<T> @Nullable Stored<T> get(String key, Class<T> type);

	/**
	 * Keeps the entry until its TTL is up, counted from its {@code storedAt}; with
	 * {@code onlyIfAbsent}, only when no fresh entry is there (a read must not overwrite
	 * what a write stored meanwhile).
	 */
	void put(String key, Stored<?> entry, boolean onlyIfAbsent);

	void evict(String key);

	/** Drops every entry of this App Key. */
	void clear();

}
