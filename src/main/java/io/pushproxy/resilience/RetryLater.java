package io.pushproxy.resilience;

import java.time.Duration;

/**
 * What an attempt run through {@link RetryPolicy#run} throws to ask for another one: the
 * failure it met, and the wait its classification chose. Only this is retried; any other
 * exception ends the request at once. When no attempt is left, the caller is handed
 * {@link #failure()}, never this.
 */
public final class RetryLater extends RuntimeException {

	private final RuntimeException failure;

	private final Duration wait;

	public RetryLater(RuntimeException failure, Duration wait) {
		super(failure.getMessage(), failure, false, false);
		this.failure = failure;
		this.wait = wait;
	}

	/** The failure the caller gets when this was the last attempt. */
	public RuntimeException failure() {
		return this.failure;
	}

	/** How long to wait before the next attempt. */
	public Duration waitBeforeNext() {
		return this.wait;
	}

}
