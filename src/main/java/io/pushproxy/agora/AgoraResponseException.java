package io.pushproxy.agora;

import java.time.Duration;

/**
 * An HTTP error answer from Agora, as decoded by {@link AgoraErrorDecoder}: its status, the
 * {@code error} code and {@code error_description} of its body, and any {@code Retry-After}.
 */
class AgoraResponseException extends RuntimeException {

	private final int status;

	private final String error;

	private final Duration retryAfter;

	AgoraResponseException(int status, String error, String description, Duration retryAfter) {
		super(description, null, false, false);
		this.status = status;
		this.error = error;
		this.retryAfter = retryAfter;
	}

	int status() {
		return this.status;
	}

	String error() {
		return this.error;
	}

	String description() {
		return getMessage();
	}

	Duration retryAfter() {
		return this.retryAfter;
	}

}
