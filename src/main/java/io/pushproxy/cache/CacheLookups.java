package io.pushproxy.cache;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;

import org.jspecify.annotations.Nullable;

/**
 * What the cache did for one app-facing request: whether the caller asked to bypass it
 * ({@code Cache-Control: no-cache}), and how its lookups went, for the
 * {@code Cache-Status} answer header. A request that reads several entries (the profile,
 * the batch read) is a {@code hit} only when every entry was; else {@code fwd=request}
 * when the caller asked for fresh data, {@code fwd=bypass} when the cache is off, and
 * {@code fwd=miss} otherwise.
 * <p>
 * The current request's lookups live in a thread local that is registered with
 * Micrometer's context propagation, so the profile's and the batch's reads on the
 * parallel-calls pool report into the request that started them.
 */
final class CacheLookups {

	static final String CACHE_NAME = "agora-push-proxy";

	private static final ThreadLocal<CacheLookups> CURRENT = new ThreadLocal<>();

	static {
		ContextRegistry.getInstance().registerThreadLocalAccessor(new Accessor());
	}

	private final boolean refresh;

	private final AtomicInteger hits = new AtomicInteger();

	private final AtomicInteger misses = new AtomicInteger();

	private final AtomicInteger refreshes = new AtomicInteger();

	private final AtomicInteger bypasses = new AtomicInteger();

	CacheLookups(boolean refresh) {
		this.refresh = refresh;
	}

	/** The lookups of the request this thread works for, or null outside a request. */
	static @Nullable CacheLookups current() {
		return CURRENT.get();
	}

	static void set(@Nullable CacheLookups lookups) {
		if (lookups != null) {
			CURRENT.set(lookups);
		}
		else {
			CURRENT.remove();
		}
	}

	/** Whether the caller asked for Agora's answer rather than the cache's. */
	boolean refresh() {
		return this.refresh;
	}

	void record(CacheResult result) {
		switch (result) {
			case HIT -> this.hits.incrementAndGet();
			case MISS -> this.misses.incrementAndGet();
			case REFRESH -> this.refreshes.incrementAndGet();
			case BYPASS -> this.bypasses.incrementAndGet();
		}
	}

	/** The {@code Cache-Status} value (RFC 9211), or null when nothing was looked up. */
	@Nullable String cacheStatus() {
		int forwarded = this.misses.get() + this.refreshes.get() + this.bypasses.get();
		if (forwarded == 0) {
			return (this.hits.get() > 0) ? CACHE_NAME + "; hit" : null;
		}
		if (this.refreshes.get() > 0) {
			return CACHE_NAME + "; fwd=request";
		}
		if (this.bypasses.get() > 0) {
			return CACHE_NAME + "; fwd=bypass";
		}
		return CACHE_NAME + "; fwd=miss";
	}

	/** Carries the request's lookups to the threads that run its upstream calls. */
	private static final class Accessor implements ThreadLocalAccessor<CacheLookups> {

		@Override
		public Object key() {
			return CacheLookups.class.getName();
		}

		@Override
		public CacheLookups getValue() {
			return CURRENT.get();
		}

		@Override
		public void setValue(CacheLookups value) {
			CURRENT.set(value);
		}

		@Override
		public void setValue() {
			CURRENT.remove();
		}

	}

}
