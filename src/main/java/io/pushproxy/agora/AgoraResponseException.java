package io.pushproxy.agora;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP error answer from Agora, as decoded by {@link AgoraErrorDecoder}: its status,
 * the {@code error} code, {@code exception} class name and {@code error_description} of
 * its body, and any {@code Retry-After}.
 */
class AgoraResponseException extends RuntimeException {

	private final int status;

	private final @Nullable String error;

	private final @Nullable String exception;

	private final @Nullable Duration retryAfter;

	AgoraResponseException(int status, @Nullable String error, @Nullable String description,
			@Nullable Duration retryAfter) {
		this(status, error, null, description, retryAfter);
	}

	AgoraResponseException(int status, @Nullable String error, @Nullable String exception, @Nullable String description,
			@Nullable Duration retryAfter) {
		super(description, null, false, false);
		this.status = status;
		this.error = error;
		this.exception = exception;
		this.retryAfter = retryAfter;
	}

	int status() {
		return this.status;
	}

	@Nullable String error() {
		return this.error;
	}

	/**
	 * The server-side exception class Agora names, e.g.
	 * {@code ...EntityNotFoundException}, or null.
	 */
	@Nullable String exception() {
		return this.exception;
	}

	@Nullable String description() {
		return getMessage();
	}

	@Nullable Duration retryAfter() {
		return this.retryAfter;
	}

}
