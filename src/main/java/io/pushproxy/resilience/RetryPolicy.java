package io.pushproxy.resilience;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import org.jspecify.annotations.Nullable;

/**
 * When to try an upstream call again: exponential backoff with equal jitter (half the
 * step plus a random part of the other half, so waits neither vanish nor synchronise),
 * never sooner than an upstream {@code Retry-After}, and only when the next attempt, read
 * timeout included, still fits into the request's total time budget. A hanging upstream
 * therefore costs one read timeout, not several.
 * <p>
 * The attempts run through a Resilience4j {@link Retry} per operation name (so
 * {@code resilience4j_retry_calls} counts them, tagged {@code name} = the operation): it
 * counts the attempts against {@code maxAttempts}, retries only a {@link RetryLater}, and
 * waits what that names. One rule stays by hand, because a Resilience4j {@code Retry}
 * knows no deadline and its interval function cannot decline a retry: whether the next
 * attempt fits the request's time budget, which the attempt itself asks {@link #nextWait}
 * before it throws a {@link RetryLater}.
 */
public class RetryPolicy {

	private final Duration budget;

	private final long initialMillis;

	private final long maxMillis;

	private final Duration attemptTime;

	private final Duration maxRetryAfter;

	private final Map<String, Retry> retries = new HashMap<>();

	/** A retry of these settings for each operation name, registered under that name. */
	public RetryPolicy(RetryRegistry registry, Settings settings, Iterable<String> operations) {
		this.budget = settings.budget();
		this.initialMillis = settings.initialBackoff().toMillis();
		this.maxMillis = settings.maxBackoff().toMillis();
		this.attemptTime = settings.attemptTime();
		this.maxRetryAfter = settings.maxRetryAfter();
		RetryConfig config = RetryConfig.custom()
			.maxAttempts(settings.maxAttempts())
			.retryOnException(RetryLater.class::isInstance)
			.intervalBiFunction((attempts, outcome) -> ((RetryLater) outcome.getLeft()).waitBeforeNext().toMillis())
			.build();
		for (String operation : operations) {
			this.retries.put(operation, registry.retry(operation, config));
		}
	}

	/**
	 * Runs the attempts of one request through the operation's {@link Retry}: an attempt
	 * that throws {@link RetryLater} is made again after its wait while attempts are
	 * left; what any other attempt throws, and the last {@link RetryLater}'s failure, is
	 * thrown from here.
	 */
	public <T> T run(String operation, Supplier<T> attempt) {
		try {
			return this.retries.get(operation).executeCheckedSupplier(attempt::get);
		}
		catch (RetryLater last) {
			throw last.failure();
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			// A Supplier throws no checked exception.
			throw new IllegalStateException(ex);
		}
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
	 * The wait before the next attempt, or null when the next attempt would not fit the
	 * request's time budget. Whether attempts are left is the {@link Retry}'s to count.
	 * @param attemptsMade attempts made so far (1 after the first)
	 * @param retryAfter the upstream's {@code Retry-After}, or null
	 * @param remaining time left of the request's budget
	 */
	public @Nullable Duration nextWait(int attemptsMade, @Nullable Duration retryAfter, Duration remaining) {
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
