package io.pushproxy.cache;

import java.util.Locale;

/** How a read went: the {@code result} tag of {@code proxy_cache_requests_total}. */
enum CacheResult {

	/** Answered from a fresh entry; no upstream call. */
	HIT,
	/** No fresh entry: read upstream and stored. */
	MISS,
	/** {@code Cache-Control: no-cache}: read upstream and the entry refreshed. */
	REFRESH,
	/** The cache is off ({@code PT0S}): read upstream, nothing stored. */
	BYPASS;

	String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

}
