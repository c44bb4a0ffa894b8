package io.pushproxy.resilience;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try an upstream call again: exponential backoff with equal jitter (half the
 * step plus a random part of the other half, so waits neither vanish nor synchronise),
 * never sooner than an upstream {@code Retry-After}, and only when the next attempt, read
 * timeout included, still fits into the request's total time budget. A hanging upstream
 * therefore costs one read timeout, not several.
 */
public class RetryPolicy {

	private final int maxAttempts;

	private final Duration budget;

	private final long initialMillis;

	private final long maxMillis;

	private final Duration attemptTime;

	private final Duration maxRetryAfter;

	public RetryPolicy(Settings settings) {
		this.maxAttempts = settings.maxAttempts();
		this.budget = settings.budget();
		this.initialMillis = settings.initialBackoff().toMillis();
		this.maxMillis = settings.maxBackoff().toMillis();
		this.attemptTime = settings.attemptTime();
		this.maxRetryAfter = settings.maxRetryAfter();
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

	/**
	 * What a retry policy is built from.
	 *
	 * @param maxAttempts attempts per request, the first included
	 * @param initialBackoff the first backoff (jittered)
	 * @param maxBackoff the longest backoff (jittered)
	 * @param budget total time a request may spend on attempts and waits
	 * @param attemptTime the longest one attempt can take (connect and read timeouts)
	 * @param maxRetryAfter the longest upstream Retry-After honoured
	 */
	public record Settings(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration budget,
			Duration attemptTime, Duration maxRetryAfter) {

	}

}
