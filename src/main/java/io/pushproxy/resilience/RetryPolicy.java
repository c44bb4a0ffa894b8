package io.pushproxy.resilience;

import java.time.Duration;

import io.github.resilience4j.core.IntervalFunction;
import io.pushproxy.agora.AgoraProperties;

import org.springframework.stereotype.Component;

/**
 * When to try an upstream call again: exponential backoff with jitter (Resilience4j's
 * randomized interval: each wait falls between half and one and a half of the exponential
 * step, capped), never sooner than an upstream {@code Retry-After}, and never past the
 * request's total time budget.
 */
@Component
public class RetryPolicy {

	private final int maxAttempts;

	private final Duration budget;

	private final IntervalFunction backoff;

	public RetryPolicy(AgoraProperties agora) {
		AgoraProperties.Retry retry = agora.retry();
		this.maxAttempts = retry.maxAttempts();
		this.budget = retry.budget();
		this.backoff = IntervalFunction.ofExponentialRandomBackoff(retry.initialBackoff(), 2.0, 0.5,
				retry.maxBackoff());
	}

	/** The total time one request may spend on attempts and waits. */
	public Duration budget() {
		return this.budget;
	}

	/**
	 * The wait before the next attempt, or null when there should be none.
	 * @param attemptsMade attempts made so far (1 after the first)
	 * @param retryAfter the upstream's {@code Retry-After}, or null
	 * @param remaining time left of the request's budget
	 */
	public Duration nextWait(int attemptsMade, Duration retryAfter, Duration remaining) {
		if (attemptsMade >= this.maxAttempts) {
			return null;
		}
		Duration wait = Duration.ofMillis(this.backoff.apply(attemptsMade));
		if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
			wait = retryAfter;
		}
		return (wait.compareTo(remaining) < 0) ? wait : null;
	}

}
