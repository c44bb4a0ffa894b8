package io.pushproxy.web;

import java.net.URI;

import io.pushproxy.agora.UpstreamFailure;

import org.springframework.http.HttpStatus;

/**
 * Every kind of error answer, with its stable {@code type} URI, title and status. The
 * README's error table lists the same.
 */
public enum ProblemType {

	VALIDATION("validation", "The request is invalid", HttpStatus.BAD_REQUEST),
	MALFORMED_BODY("malformed-body", "The request body is not valid JSON for this call", HttpStatus.BAD_REQUEST),
	REJECTED_URL("rejected-url", "The request URL is not allowed", HttpStatus.BAD_REQUEST),
	UNAUTHENTICATED("unauthenticated", "A valid bearer token is required", HttpStatus.UNAUTHORIZED),
	FORBIDDEN("forbidden", "The caller may not do this", HttpStatus.FORBIDDEN),
	NOT_FOUND("not-found", "No such resource", HttpStatus.NOT_FOUND),
	METHOD_NOT_ALLOWED("method-not-allowed", "This method is not allowed here", HttpStatus.METHOD_NOT_ALLOWED),
	NOT_ACCEPTABLE("not-acceptable", "Only application/json answers are available", HttpStatus.NOT_ACCEPTABLE),
	PAYLOAD_TOO_LARGE("payload-too-large", "The request body is larger than 16 KiB", HttpStatus.CONTENT_TOO_LARGE),
	BODY_TIMEOUT("body-timeout", "The request body did not arrive in time", HttpStatus.REQUEST_TIMEOUT),
	UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "The request body must be application/json",
			HttpStatus.UNSUPPORTED_MEDIA_TYPE),
	PRECONDITION_FAILED("precondition-failed", "The resource changed since the caller read it",
			HttpStatus.PRECONDITION_FAILED),
	QUOTA_SPENT("quota-spent", "The proxy's budget for this operation is spent", HttpStatus.TOO_MANY_REQUESTS),
	CALLER_QUOTA_SPENT("caller-quota-spent", "This caller's own quota is spent", HttpStatus.TOO_MANY_REQUESTS),
	UPSTREAM_REJECTED("upstream-rejected", "Agora rejected the request", HttpStatus.BAD_REQUEST),
	UPSTREAM_FORBIDDEN("upstream-forbidden", "Agora refused the operation for this app", HttpStatus.FORBIDDEN),
	UPSTREAM_NOT_FOUND("upstream-not-found", "Agora has no such user or template", HttpStatus.NOT_FOUND),
	UPSTREAM_CONFLICT("upstream-conflict", "Agora already has a resource of that name", HttpStatus.CONFLICT),
	UPSTREAM_RATE_LIMITED("upstream-rate-limited", "Agora's rate limit for this app is reached",
			HttpStatus.TOO_MANY_REQUESTS),
	UPSTREAM_CREDENTIALS("upstream-credentials", "Agora rejected the proxy's credentials", HttpStatus.BAD_GATEWAY),
	UPSTREAM_UNAVAILABLE("upstream-unavailable", "Agora failed after retries", HttpStatus.BAD_GATEWAY),
	UPSTREAM_MISCONFIGURED("upstream-misconfigured", "Agora does not know the proxy's URL or App Key",
			HttpStatus.BAD_GATEWAY),
	UPSTREAM_PLAN_LIMIT("upstream-plan-limit", "The pricing plan's quota for this app is used up",
			HttpStatus.SERVICE_UNAVAILABLE),
	UPSTREAM_BAD_RESPONSE("upstream-bad-response", "Agora answered with an unreadable body", HttpStatus.BAD_GATEWAY),
	UPSTREAM_CIRCUIT_OPEN("upstream-circuit-open", "Agora keeps failing; calls are paused for a while",
			HttpStatus.SERVICE_UNAVAILABLE),
	UPSTREAM_BUSY("upstream-busy", "Too many calls are already waiting for Agora; try again shortly",
			HttpStatus.SERVICE_UNAVAILABLE),
	UPSTREAM_TIMEOUT("upstream-timeout", "Agora did not answer in time", HttpStatus.GATEWAY_TIMEOUT),
	INTERNAL("internal", "The proxy failed unexpectedly", HttpStatus.INTERNAL_SERVER_ERROR);

	static final String BASE = "urn:agora-push-proxy:problem:";

	private final String slug;

	private final URI type;

	private final String title;

	private final HttpStatus status;

	ProblemType(String slug, String title, HttpStatus status) {
		this.slug = slug;
		this.type = URI.create(BASE + slug);
		this.title = title;
		this.status = status;
	}

	/** The last part of the type URI, e.g. {@code upstream-not-found}. */
	public String slug() {
		return this.slug;
	}

	public URI type() {
		return this.type;
	}

	public String title() {
		return this.title;
	}

	public HttpStatus status() {
		return this.status;
	}

	/** The type for a status Spring MVC answers by itself (404, 405, 406, 415, ...). */
	/** The answer to an upstream failure of that kind. */
	public static ProblemType of(UpstreamFailure.Kind kind) {
		return switch (kind) {
			case REJECTED -> UPSTREAM_REJECTED;
			case FORBIDDEN -> UPSTREAM_FORBIDDEN;
			case NOT_FOUND -> UPSTREAM_NOT_FOUND;
			case CONFLICT -> UPSTREAM_CONFLICT;
			case MISCONFIGURED -> UPSTREAM_MISCONFIGURED;
			case PLAN_LIMIT -> UPSTREAM_PLAN_LIMIT;
			case QUOTA_SPENT -> QUOTA_SPENT;
			case UPSTREAM_RATE_LIMITED -> UPSTREAM_RATE_LIMITED;
			case CREDENTIALS_REJECTED -> UPSTREAM_CREDENTIALS;
			case UNAVAILABLE -> UPSTREAM_UNAVAILABLE;
			case BAD_RESPONSE -> UPSTREAM_BAD_RESPONSE;
			case TIMEOUT -> UPSTREAM_TIMEOUT;
			case CIRCUIT_OPEN -> UPSTREAM_CIRCUIT_OPEN;
			case BUSY -> UPSTREAM_BUSY;
		};
	}

	static ProblemType forStatus(int status) {
		return switch (status) {
			case 400 -> MALFORMED_BODY;
			case 401 -> UNAUTHENTICATED;
			case 403 -> FORBIDDEN;
			case 404 -> NOT_FOUND;
			case 405 -> METHOD_NOT_ALLOWED;
			case 406 -> NOT_ACCEPTABLE;
			case 408 -> BODY_TIMEOUT;
			case 413 -> PAYLOAD_TOO_LARGE;
			case 415 -> UNSUPPORTED_MEDIA_TYPE;
			default -> INTERNAL;
		};
	}

}
