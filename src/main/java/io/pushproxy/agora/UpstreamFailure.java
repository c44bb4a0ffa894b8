package io.pushproxy.agora;

import java.time.Duration;

/**
 * A call to Agora that did not succeed, after whatever retries and token renewals the
 * gateway chose. The {@link Kind} decides the app-facing answer; {@code detail} is safe to
 * show a caller (it never holds a token or a secret).
 */
public class UpstreamFailure extends RuntimeException {

	private final Kind kind;

	private final AgoraOperation operation;

	private final Duration retryAfter;

	public UpstreamFailure(Kind kind, AgoraOperation operation, String detail, Duration retryAfter) {
		super(detail, null, false, false);
		this.kind = kind;
		this.operation = operation;
		this.retryAfter = retryAfter;
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
	public Duration retryAfter() {
		return this.retryAfter;
	}

	/** What went wrong, in the terms the app-facing API answers with. */
	public enum Kind {

		/** Agora rejected the request as invalid (400). */
		REJECTED,
		/** Agora refused the operation for this App Key, e.g. a feature not enabled (403). */
		FORBIDDEN,
		/** The user or template does not exist (404). */
		NOT_FOUND,
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
		/** Agora failed so often that the operation's circuit is open: no call was made (503). */
		CIRCUIT_OPEN

	}

}
