package io.pushproxy.quota;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import io.pushproxy.security.Caller;
import io.pushproxy.security.SecurityProperties;
import io.pushproxy.web.ProblemType;
import io.pushproxy.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A filter, right after authentication, that charges each {@code /v1} request to its
 * caller's {@link CallerQuota} and answers 429 with {@code Retry-After} when it is spent,
 * before any validation or upstream work.
 */
class CallerQuotaFilter extends OncePerRequestFilter {

	private static final Pattern BATCH = Pattern.compile("/v1/users/[^/]+/push/conversations/?");

	private static final long MAX_BATCH_COST = 5;

	private final CallerQuota quota;

	private final SecurityProperties security;

	private final Problems problems;

	CallerQuotaFilter(CallerQuota quota, SecurityProperties security, Problems problems) {
		this.quota = quota;
		this.security = security;
		this.problems = problems;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith("/v1/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<Caller> caller = Caller.current(this.security);
		if (caller.isPresent()) {
			Duration wait = this.quota.take(key(caller.get()), caller.get().admin(), cost(request));
			if (!wait.isZero()) {
				response.setHeader(HttpHeaders.RETRY_AFTER,
						String.valueOf(Math.max(1, (wait.toMillis() + 999) / 1000)));
				this.problems.write(request, response, ProblemType.CALLER_QUOTA_SPENT,
						"Too many requests from this caller; try again after Retry-After seconds");
				return;
			}
		}
		chain.doFilter(request, response);
	}

	/**
	 * A batch read of conversations costs one token per started ten ids (counted as sent,
	 * at most the 50 a batch may hold): it spends the upstream budget like that many
	 * single reads. Every other call costs one.
	 */
	static long cost(HttpServletRequest request) {
		String ids = request.getParameter("ids");
		if (ids == null || !"GET".equals(request.getMethod()) || !BATCH.matcher(request.getRequestURI()).matches()) {
			return 1;
		}
		long count = 1 + ids.chars().filter((c) -> c == ',').count();
		return Math.max(1, Math.min(MAX_BATCH_COST, (count + 9) / 10));
	}

	/**
	 * Usernames are case-insensitive upstream, so {@code Alice} and {@code alice} share a
	 * bucket.
	 */
	private static String key(Caller caller) {
		if (caller.username() != null) {
			return caller.username().toLowerCase(Locale.ROOT);
		}
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return "service:" + authentication.getName();
	}

}
