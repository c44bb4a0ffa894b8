package io.pushproxy.agora;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import feign.FeignException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.pushproxy.agora.UpstreamClassifier.Failed;
import io.pushproxy.agora.UpstreamFailure.Kind;
import io.pushproxy.agora.token.AppTokenProvider;
import io.pushproxy.agora.token.TokenUnavailableException;
import io.pushproxy.resilience.OperationBudgets;
import io.pushproxy.resilience.OperationBulkheads;
import io.pushproxy.resilience.OperationCircuits;
import io.pushproxy.resilience.RetryLater;
import io.pushproxy.resilience.RetryPolicy;
import org.slf4j.MDC;

import org.springframework.stereotype.Component;

/**
 * The one way out to Agora. A request passes its operation's circuit breaker, which
 * learns from the request's final outcome; each attempt takes a permit of the budget, so
 * retries can never push Agora past it, then a place in the operation's bulkhead (none
 * left: refused at once, 503); transient faults are retried through {@link RetryPolicy}'s
 * Resilience4j retry as the {@link UpstreamClassifier} and the request's time budget
 * allow (a POST only when it surely never left); an upstream 429 pauses the operation's
 * whole budget; after a 401 the token is dropped and the call tried once more with a
 * fresh one, which is no retry. Whatever remains is an {@link UpstreamFailure}.
 */
@Component
class AgoraGateway {

	private static final Duration ONE_SECOND = Duration.ofSeconds(1);

	/** The log MDC key naming the upstream operation of every line while it runs. */
	static final String OPERATION_MDC_KEY = "operation";

	private final OperationBudgets budgets;

	private final RetryPolicy retries;

	private final OperationCircuits circuits;

	private final OperationBulkheads bulkheads;

	private final AppTokenProvider tokens;

	private final UpstreamMetrics metrics;

	private final UpstreamClassifier classifier;

	AgoraGateway(OperationBudgets budgets, RetryPolicy retries, OperationCircuits circuits,
			OperationBulkheads bulkheads, AppTokenProvider tokens, UpstreamMetrics metrics) {
		this.budgets = budgets;
		this.retries = retries;
		this.circuits = circuits;
		this.bulkheads = bulkheads;
		this.tokens = tokens;
		this.metrics = metrics;
		this.classifier = new UpstreamClassifier(retries.maxRetryAfter());
	}

	<T> T call(AgoraOperation operation, Supplier<T> upstreamCall) {
		CircuitBreaker breaker = this.circuits.breaker(operation.key());
		if (!breaker.tryAcquirePermission()) {
			throw new UpstreamFailure(Kind.CIRCUIT_OPEN, operation,
					"Agora keeps failing for " + operation + "; calls are paused", this.circuits.retryAfter());
		}
		long started = System.nanoTime();
		MDC.put(OPERATION_MDC_KEY, operation.key());
		try {
			T result = attempts(operation, upstreamCall);
			breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
			return result;
		}
		catch (UpstreamFailure failure) {
			record(breaker, failure, started);
			throw failure;
		}
		catch (RuntimeException ex) {
			breaker.releasePermission();
			throw ex;
		}
		finally {
			MDC.remove(OPERATION_MDC_KEY);
		}
	}

	private <T> T attempts(AgoraOperation operation, Supplier<T> upstreamCall) {
		Tries tries = new Tries(System.nanoTime() + this.retries.budget().toNanos());
		return this.retries.run(operation.key(), () -> attempt(operation, upstreamCall, tries));
	}

	/**
	 * One attempt, as the {@link RetryPolicy}'s Resilience4j retry counts them: after a
	 * 401 it drops the token and calls once more with a fresh one, inside the same
	 * attempt (a renewal is no retry). A failure that may be retried, with a wait that
	 * fits the request's budget, is thrown as a {@link RetryLater}.
	 */
	private <T> T attempt(AgoraOperation operation, Supplier<T> upstreamCall, Tries tries) {
		tries.attempts++;
		while (true) {
			admit(operation);
			try {
				if (tries.calls > 0) {
					this.metrics.retry(operation);
				}
				tries.calls++;
				long generation = this.tokens.generation();
				long started = System.nanoTime();
				Failed failed;
				boolean retryAfterNamed = false;
				try {
					T result = this.tokens.withDeadline(tries.deadline, upstreamCall);
					this.metrics.attempted(operation, tries.calls, "200", started);
					return result;
				}
				catch (AgoraResponseException ex) {
					failed = this.classifier.classify(operation, ex);
					this.metrics.answered(operation, tries.calls, ex, failed.failure().kind() == Kind.MISCONFIGURED,
							started);
					if (ex.status() == 401 && !tries.tokenRenewed) {
						this.tokens.rejected(generation);
						tries.tokenRenewed = true;
						continue;
					}
					retryAfterNamed = ex.retryAfter() != null;
				}
				catch (FeignException | TokenUnavailableException ex) {
					failed = this.classifier.classify(operation, ex);
					this.metrics.attempted(operation, tries.calls, failed.outcome(), started);
				}
				if (failed.failure().kind() == Kind.UPSTREAM_RATE_LIMITED) {
					// The proxy kept to its ceiling (the send window sees to that):
					// someone
					// else spends the App Key's budget. The budgets lower the ceiling,
					// and
					// pause the operation for a Retry-After that Agora named.
					this.budgets.upstreamRateLimited(operation.budget(),
							retryAfterNamed ? failed.failure().retryAfter() : null);
				}
				Duration remaining = Duration.ofNanos(tries.deadline - System.nanoTime());
				Duration wait = failed.retryable()
						? this.retries.nextWait(tries.attempts, failed.failure().retryAfter(), remaining) : null;
				throw (wait != null) ? new RetryLater(failed.failure(), wait) : failed.failure();
			}
			finally {
				this.bulkheads.leave(operation.key());
			}
		}
	}

	/**
	 * Lets an attempt go ahead with a place in its operation's bulkhead, which it must
	 * leave, or answers at once: a pause after an upstream 429, a spent budget, or an
	 * operation with the most calls at Agora it may have. The place is taken after the
	 * permit, so calls waiting for a permit (the budget bounds those) do not fill it; a
	 * refused call's permit goes unused, which costs nothing while the operation is slow.
	 */
	private void admit(AgoraOperation operation) {
		Duration paused = this.budgets.pauseBeyondWait(operation.budget());
		if (!paused.isZero()) {
			this.metrics.refused(operation, "upstream-pause");
			throw new UpstreamFailure(Kind.UPSTREAM_RATE_LIMITED, operation,
					"Agora's rate limit for this App Key is reached", paused);
		}
		if (!this.budgets.tryAcquire(operation.budget())) {
			this.metrics.refused(operation, "budget");
			throw new UpstreamFailure(Kind.QUOTA_SPENT, operation,
					"The proxy's budget for " + operation + " is spent for this second", ONE_SECOND);
		}
		if (!this.bulkheads.tryEnter(operation.key())) {
			throw new UpstreamFailure(Kind.BUSY, operation,
					"Too many calls of " + operation + " are already waiting for Agora", this.bulkheads.retryAfter());
		}
	}

	/**
	 * A request that failed for Agora's own faults, retries spent, counts against the
	 * circuit, and so does one that could not get or use a token (a token endpoint that
	 * hangs or fails must not be asked again by every request); Agora's verdicts on a
	 * request show it healthy; the rest count neither way.
	 */
	private static void record(CircuitBreaker breaker, UpstreamFailure failure, long startedNanos) {
		long took = System.nanoTime() - startedNanos;
		switch (failure.kind()) {
			case UNAVAILABLE, TIMEOUT, BAD_RESPONSE, CREDENTIALS_REJECTED ->
				breaker.onError(took, TimeUnit.NANOSECONDS, failure);
			case REJECTED, FORBIDDEN, NOT_FOUND, CONFLICT -> breaker.onSuccess(took, TimeUnit.NANOSECONDS);
			default -> breaker.releasePermission();
		}
	}

	/** One request's attempts so far, and its deadline. */
	private static final class Tries {

		private final long deadline;

		/** Attempts as the retry counts them. */
		private int attempts;

		/** Calls made upstream, a renewal's included. */
		private int calls;

		private boolean tokenRenewed;

		private Tries(long deadline) {
			this.deadline = deadline;
		}

	}

}
