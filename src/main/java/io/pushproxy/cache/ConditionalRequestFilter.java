package io.pushproxy.cache;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Conditional reads of the {@code /v1} API. Every request gets its {@link CacheLookups}
 * (bypassing the cache when it says {@code Cache-Control: no-cache}); an answer whose
 * request looked something up says how in {@code Cache-Status}. A 200 answer to a GET is
 * held back until complete and carries the strong {@link EntityTags tag} of its bytes and
 * {@code Cache-Control: private, no-cache} (only the caller may keep it, and must ask
 * again before using it); when the request's {@code If-None-Match} holds that tag, the
 * answer is 304 without a body instead. A fresh cache entry makes that 304 cost no
 * upstream call. A write's answer carries the tag of what it returns too.
 * <p>
 * It is registered for {@code /v1/*}, which the servlet container matches on the decoded,
 * normalised path that MVC routes on, never on the raw URI.
 */
class ConditionalRequestFilter extends OncePerRequestFilter {

	static final String CACHE_STATUS = "Cache-Status";

	static final String PRIVATE_NO_CACHE = "private, no-cache";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		CacheLookups lookups = new CacheLookups(noCache(request));
		CacheLookups previous = CacheLookups.current();
		CacheLookups.set(lookups);
		try {
			String method = request.getMethod();
			ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
			chain.doFilter(request, held);
			if (!"GET".equals(method) && !"HEAD".equals(method)) {
				tagWrite(held);
				held.copyBodyToResponse();
				return;
			}
			String status = lookups.cacheStatus();
			if (status != null) {
				held.setHeader(CACHE_STATUS, status);
			}
			if (held.getStatus() == HttpServletResponse.SC_OK) {
				String tag = EntityTags.of(held.getContentAsByteArray());
				held.setHeader(HttpHeaders.ETAG, tag);
				held.setHeader(HttpHeaders.CACHE_CONTROL, PRIVATE_NO_CACHE);
				String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
				if (ifNoneMatch != null && EntityTags.ifNoneMatch(ifNoneMatch, tag)) {
					held.resetBuffer();
					held.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
				}
			}
			held.copyBodyToResponse();
		}
		finally {
			CacheLookups.set(previous);
		}
	}

	/**
	 * A write's answer (200 of a PUT or PATCH, 201 of a create) carries the tag of the
	 * representation it returns, so that the next conditional write needs no read first.
	 */
	private static void tagWrite(ContentCachingResponseWrapper held) {
		int status = held.getStatus();
		if ((status == HttpServletResponse.SC_OK || status == HttpServletResponse.SC_CREATED)
				&& held.getContentSize() > 0) {
			held.setHeader(HttpHeaders.ETAG, EntityTags.of(held.getContentAsByteArray()));
		}
	}

	/** {@code Cache-Control: no-cache} (or HTTP/1.0's {@code Pragma: no-cache}). */
	static boolean noCache(HttpServletRequest request) {
		String cacheControl = request.getHeader(HttpHeaders.CACHE_CONTROL);
		String directives = (cacheControl != null) ? cacheControl : request.getHeader(HttpHeaders.PRAGMA);
		if (directives == null) {
			return false;
		}
		for (String directive : directives.split(",")) {
			if (directive.strip().toLowerCase(Locale.ROOT).equals("no-cache")) {
				return true;
			}
		}
		return false;
	}

}
