package io.pushproxy.quota;

import java.time.Duration;
import java.util.Optional;

import io.pushproxy.security.Caller;
import io.pushproxy.web.ProblemType;
import io.pushproxy.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Charges every request that MVC routed to a controller to its caller's
 * {@link CallerQuota}, and answers 429 with {@code Retry-After} when it is spent, before
 * the arguments are read or validated and before any upstream work.
 * <p>
 * Being an interceptor, it decides on the handler MVC chose, so a request is charged
 * however its path was spelled, {@code HEAD} costs what {@code GET} does, and a refusal
 * is measured under its route in {@code http.server.requests}.
 */
class CallerQuotaInterceptor implements HandlerInterceptor {

	private final CallerQuota quota;

	private final Problems problems;

	CallerQuotaInterceptor(CallerQuota quota, Problems problems) {
		this.quota = quota;
		this.problems = problems;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws Exception {
		if (!(handler instanceof HandlerMethod method)) {
			return true;
		}
		Optional<Caller> caller = Caller.current();
		if (caller.isEmpty()) {
			return true;
		}
		Duration wait = this.quota.take(caller.get().quotaKey(), caller.get().admin(), cost(request, method));
		if (wait.isZero()) {
			return true;
		}
		response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, (wait.toMillis() + 999) / 1000)));
		this.problems.write(request, response, ProblemType.CALLER_QUOTA_SPENT,
				"Too many requests from this caller; try again after Retry-After seconds");
		return false;
	}

	/** What {@code request} costs on {@code method}: see {@link ChargedPerItems}. */
	static long cost(HttpServletRequest request, HandlerMethod method) {
		ChargedPerItems price = method.getMethodAnnotation(ChargedPerItems.class);
		String[] values = (price != null) ? request.getParameterValues(price.parameter()) : null;
		if (price == null || values == null) {
			return 1;
		}
		long items = 0;
		for (String value : values) {
			items += 1 + value.chars().filter((c) -> c == ',').count();
		}
		return Math.max(1, Math.min(price.maxTokens(), (items + price.perToken() - 1) / price.perToken()));
	}

}
