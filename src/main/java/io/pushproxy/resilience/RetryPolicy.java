package io.pushproxy.resilience;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import io.pushproxy.agora.AgoraProperties;

import org.springframework.stereotype.Component;

/**
 * When to try an upstream call again: exponential backoff with equal jitter (half the
 * step plus a random part of the other half, so waits neither vanish nor synchronise),
 * never sooner than an upstream {@code Retry-After}, and only when the next attempt, read
 * timeout included, still fits into the request's total time budget. A hanging upstream
 * therefore costs one read timeout, not several.
 */
@Component
public class RetryPolicy {

	private final int maxAttempts;

	private final Duration budget;

	private final long initialMillis;

	private final long maxMillis;

	private final Duration attemptTime;

	private final Duration maxRetryAfter;

	public RetryPolicy(AgoraProperties agora) {
		AgoraProperties.Retry retry = agora.retry();
		this.maxAttempts = retry.maxAttempts();
		this.budget = retry.budget();
		this.initialMillis = retry.initialBackoff().toMillis();
		this.maxMillis = retry.maxBackoff().toMillis();
		this.attemptTime = agora.http().connectTimeout().plus(agora.http().readTimeout());
		this.maxRetryAfter = retry.maxRetryAfter();
	}

	/**
	 * The longest upstream {@code Retry-After} the proxy honours; longer ones are taken
	 * as this.
	 */
	public Duration maxRetryAfter() {
		return this.maxRetryAfter;
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
		Duration wait = Duration.ofMillis(equalJitter(attemptsMade));
		if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
			wait = retryAfter;
		}
		return (wait.plus(this.attemptTime).compareTo(remaining) <= 0) ? wait : null;
	}

	private long equalJitter(int attemptsMade) {
		long step = Math.min(this.maxMillis, this.initialMillis << Math.min(attemptsMade - 1, 20));
		long half = step / 2;
		return half + ThreadLocalRandom.current().nextLong(step - half + 1);
	}

}
