package io.pushproxy.web;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.Ordered;

/**
 * The order of the servlet filters every request passes, in one place. Lower runs first:
 * <ol>
 * <li>{@link #REQUEST_ID}: the request id, so that every later answer and log line has
 * it;</li>
 * <li>Spring Boot's {@code ServerHttpObservationFilter} ({@code HIGHEST_PRECEDENCE + 1}):
 * {@code http.server.requests} and the trace span;</li>
 * <li>{@link #ACCEPT_HEADER}: a normalised {@code Accept};</li>
 * <li>{@link #BODY_LIMIT}: the body's size and read deadline;</li>
 * <li>{@link #SECURITY}: Spring Security's chain (its firewall, then the bearer
 * JWT);</li>
 * <li>{@link #CONDITIONAL_REQUEST}: the read cache's lookups, {@code ETag} and
 * {@code Cache-Status}.</li>
 * </ol>
 * The caller quota is not a filter: it is an MVC interceptor, run once the handler is
 * known.
 */
public final class FilterOrder {

	public static final int REQUEST_ID = Ordered.HIGHEST_PRECEDENCE;

	public static final int ACCEPT_HEADER = Ordered.HIGHEST_PRECEDENCE + 5;

	public static final int BODY_LIMIT = Ordered.HIGHEST_PRECEDENCE + 10;

	public static final int SECURITY = SecurityFilterProperties.DEFAULT_FILTER_ORDER;

	public static final int CONDITIONAL_REQUEST = SECURITY + 10;

	private FilterOrder() {
	}

}
