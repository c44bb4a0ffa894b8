package io.pushproxy.quota;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

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
			Duration wait = this.quota.take(key(caller.get()), caller.get().admin());
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
