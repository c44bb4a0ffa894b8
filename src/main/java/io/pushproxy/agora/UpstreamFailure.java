package io.pushproxy.agora;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A call to Agora that did not succeed, after whatever retries and token renewals the
 * gateway chose. The {@link Kind} decides the app-facing answer; {@code detail} is the
 * proxy's own words, safe to show any caller (it never holds a token, a secret or Agora's
 * text). Agora's own {@code error_description}, when there was one, is kept apart in
 * {@link #upstreamDescription()}: only admin callers are shown it.
 */
public class UpstreamFailure extends RuntimeException {

	private final Kind kind;

	private final AgoraOperation operation;

	private final @Nullable Duration retryAfter;

	private final @Nullable String upstreamDescription;

	public UpstreamFailure(Kind kind, AgoraOperation operation, String detail, @Nullable Duration retryAfter) {
		this(kind, operation, detail, retryAfter, null);
	}

	public UpstreamFailure(Kind kind, AgoraOperation operation, String detail, @Nullable Duration retryAfter,
			@Nullable String upstreamDescription) {
		super(detail, null, false, false);
		this.kind = kind;
		this.operation = operation;
		this.retryAfter = retryAfter;
		this.upstreamDescription = upstreamDescription;
	}

	public UpstreamFailure(Kind kind, AgoraOperation operation, String detail) {
		this(kind, operation, detail, null);
	}

	public Kind kind() {
		return this.kind;
	}

	public AgoraOperation operation() {
		return this.operation;
	}

	/** How long the caller should wait before trying again, or null. */
	public @Nullable Duration retryAfter() {
		return this.retryAfter;
	}

	/**
	 * Agora's own {@code error_description} (one line, trimmed), or null: for admins and
	 * logs only.
	 */
	public @Nullable String upstreamDescription() {
		return this.upstreamDescription;
	}

	/** What went wrong, in the terms the app-facing API answers with. */
	public enum Kind {

		/** Agora rejected the request as invalid (400). */
		REJECTED,
		/**
		 * Agora refused the operation for this App Key, e.g. a feature not enabled (403).
		 */
		FORBIDDEN,
		/**
		 * The user is not registered or the template does not exist (Agora's 400 naming
		 * it; 404).
		 */
		NOT_FOUND,
		/**
		 * Agora already has what the request would create: a template of that name
		 * (Agora's 400 {@code duplicate_unique_property_exists}; 409).
		 */
		CONFLICT,
		/**
		 * Agora answered 404: a wrong URL or App Key, the proxy's own configuration
		 * (502).
		 */
		MISCONFIGURED,
		/**
		 * Agora answered 429 {@code resource_limited}: the pricing plan's quota is used
		 * up (503).
		 */
		PLAN_LIMIT,
		/** The proxy's own budget for the operation is spent (429). */
		QUOTA_SPENT,
		/** Agora kept answering 429 until the retry budget ran out (429). */
		UPSTREAM_RATE_LIMITED,
		/** Agora rejected the proxy's own credentials, even after a fresh token (502). */
		CREDENTIALS_REJECTED,
		/** Agora failed (5xx, connection errors) after retries (502). */
		UNAVAILABLE,
		/** Agora answered success with a body the proxy cannot read (502). */
		BAD_RESPONSE,
		/** Agora did not answer in time (504). */
		TIMEOUT,
		/**
		 * Agora failed so often that the operation's circuit is open: no call was made
		 * (503).
		 */
		CIRCUIT_OPEN,
		/**
		 * Too many calls are already waiting for Agora: the operation has the most calls
		 * in flight its bulkhead allows, or a call of a profile or batch could not start
		 * before the request's deadline. No call was made (503).
		 */
		BUSY

	}

}
