package io.pushproxy.agora;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import feign.FeignException;
import feign.RetryableException;
import feign.codec.DecodeException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.pushproxy.agora.UpstreamFailure.Kind;
import io.pushproxy.agora.token.AppTokenProvider;
import io.pushproxy.agora.token.TokenUnavailableException;
import io.pushproxy.resilience.OperationBudgets;
import io.pushproxy.resilience.OperationCircuits;
import io.pushproxy.resilience.RetryPolicy;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;

import org.springframework.stereotype.Component;

/**
 * The one way out to Agora. A request passes its operation's circuit breaker, which
 * learns from the request's final outcome; each attempt takes a permit of the budget, so
 * retries can never push Agora past it; transient faults are retried as {@link RetryPolicy}
 * allows (a POST only when it surely never left); an upstream 429 pauses the whole
 * operation; after a 401 the token is dropped and the call tried once more with a fresh
 * one. Whatever remains is an {@link UpstreamFailure}.
 */
@Component
class AgoraGateway {

	private static final Logger log = LoggerFactory.getLogger(AgoraGateway.class);

	private static final Duration ONE_SECOND = Duration.ofSeconds(1);

	/** The log MDC key naming the upstream operation of every line while it runs. */
	static final String OPERATION_MDC_KEY = "operation";

	private final OperationBudgets budgets;

	private final RetryPolicy retries;

	private final OperationCircuits circuits;

	private final AppTokenProvider tokens;

	private final UpstreamMetrics metrics;

	AgoraGateway(OperationBudgets budgets, RetryPolicy retries, OperationCircuits circuits, AppTokenProvider tokens,
			UpstreamMetrics metrics) {
		this.budgets = budgets;
		this.retries = retries;
		this.circuits = circuits;
		this.tokens = tokens;
		this.metrics = metrics;
	}

	<T> T call(AgoraOperation operation, Supplier<T> upstreamCall) {
		CircuitBreaker breaker = this.circuits.breaker(operation);
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
		long deadline = System.nanoTime() + this.retries.budget().toNanos();
		boolean tokenRenewed = false;
		int attempts = 0;
		while (true) {
			admit(operation);
			if (attempts > 0) {
				this.metrics.retry(operation);
			}
			attempts++;
			long generation = this.tokens.generation();
			long started = System.nanoTime();
			Failed failed;
			try {
				T result = this.tokens.withDeadline(deadline, upstreamCall);
				logAttempt(operation, attempts, "200", started);
				return result;
			}
			catch (AgoraResponseException ex) {
				logAttempt(operation, attempts, String.valueOf(ex.status()), started);
				if (ex.status() == 401 && !tokenRenewed) {
					this.tokens.rejected(generation);
					tokenRenewed = true;
					continue;
				}
				failed = classify(operation, ex);
			}
			catch (FeignException | TokenUnavailableException ex) {
				failed = classify(operation, ex);
				logAttempt(operation, attempts, failed.outcome(), started);
			}
			if (failed.failure().kind() == Kind.UPSTREAM_RATE_LIMITED) {
				this.budgets.pause(operation, failed.failure().retryAfter());
			}
			Duration remaining = Duration.ofNanos(deadline - System.nanoTime());
			Duration wait = failed.retryable() ? this.retries.nextWait(attempts, failed.failure().retryAfter(), remaining)
					: null;
			if (wait == null) {
				throw failed.failure();
			}
			sleep(wait, failed.failure());
		}
	}

	/** Lets an attempt go ahead, or answers at once: a pause after an upstream 429, or a spent budget. */
	private void admit(AgoraOperation operation) {
		Duration paused = this.budgets.pauseBeyondWait(operation);
		if (!paused.isZero()) {
			this.metrics.refused(operation, "upstream-pause");
			throw new UpstreamFailure(Kind.UPSTREAM_RATE_LIMITED, operation,
					"Agora's rate limit for this App Key is reached", paused);
		}
		if (!this.budgets.tryAcquire(operation)) {
			this.metrics.refused(operation, "budget");
			throw new UpstreamFailure(Kind.QUOTA_SPENT, operation,
					"The proxy's budget for " + operation + " is spent for this second", ONE_SECOND);
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
			case REJECTED, FORBIDDEN, NOT_FOUND -> breaker.onSuccess(took, TimeUnit.NANOSECONDS);
			default -> breaker.releasePermission();
		}
	}

	private static Failed classify(AgoraOperation operation, AgoraResponseException ex) {
		int status = ex.status();
		String said = (ex.description() != null) ? ex.description() : "no description";
		return switch (status) {
			case 400 -> Failed.permanent(Kind.REJECTED, operation, said);
			case 401 -> Failed.permanent(Kind.CREDENTIALS_REJECTED, operation,
					"Agora rejected the proxy's credentials, even after a fresh token");
			case 403 -> Failed.permanent(Kind.FORBIDDEN, operation, said);
			case 404 -> Failed.permanent(Kind.NOT_FOUND, operation, said);
			case 408 -> Failed.transientFault(Kind.TIMEOUT, operation, "Agora timed out (408)", ex.retryAfter(),
					operation.idempotent());
			case 429 -> Failed.transientFault(Kind.UPSTREAM_RATE_LIMITED, operation,
					"Agora's rate limit for this App Key is reached",
					(ex.retryAfter() != null) ? ex.retryAfter() : ONE_SECOND, operation.idempotent());
			default -> (status >= 500)
					? Failed.transientFault(Kind.UNAVAILABLE, operation, "Agora failed with HTTP " + status,
							ex.retryAfter(), operation.idempotent())
					: Failed.permanent(Kind.UNAVAILABLE, operation, "Agora answered HTTP " + status);
		};
	}

	private static Failed classify(AgoraOperation operation, RuntimeException ex) {
		if (ex instanceof TokenUnavailableException unavailable) {
			return unavailable.timedOut()
					? Failed.permanent(Kind.TIMEOUT, operation, "Agora's token endpoint did not answer in time")
					: Failed.permanent(Kind.CREDENTIALS_REJECTED, operation, "The proxy could not obtain an Agora token");
		}
		if (ex instanceof DecodeException) {
			return Failed.permanent(Kind.BAD_RESPONSE, operation, "Agora answered with a body the proxy cannot read");
		}
		if (ex instanceof RetryableException && ex.getCause() instanceof IOException io) {
			if (neverSent(io)) {
				return Failed.transientFault(Kind.UNAVAILABLE, operation, "Agora could not be reached", null, true);
			}
			if (io instanceof SocketTimeoutException || io instanceof InterruptedIOException) {
				return Failed.transientFault(Kind.TIMEOUT, operation, "Agora did not answer in time", null,
						operation.idempotent());
			}
			return Failed.transientFault(Kind.UNAVAILABLE, operation, "The connection to Agora failed", null,
					operation.idempotent());
		}
		return Failed.permanent(Kind.UNAVAILABLE, operation, "The call to Agora failed");
	}

	/** True when the request cannot have reached Agora: no connection was ever made. */
	private static boolean neverSent(IOException io) {
		return io instanceof ConnectException || io instanceof ConnectTimeoutException
				|| io instanceof UnknownHostException || io instanceof NoRouteToHostException;
	}

	private void logAttempt(AgoraOperation operation, int attempt, String outcome, long startedNanos) {
		long took = System.nanoTime() - startedNanos;
		this.metrics.attempt(operation, outcome, took);
		// A first attempt that succeeds is what metrics count; a line for each would cost
		// more CPU than the JWT check (docs/performance.md) and fill the log pipeline.
		Level level = (attempt == 1 && "200".equals(outcome)) ? Level.DEBUG : Level.INFO;
		if (log.isEnabledForLevel(level)) {
			log.atLevel(level)
				.log("upstream operation={} attempt={} status={} latencyMs={}", operation, attempt, outcome,
						took / 1_000_000);
		}
	}

	private static void sleep(Duration wait, UpstreamFailure failure) {
		try {
			Thread.sleep(wait.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw failure;
		}
	}

	private record Failed(UpstreamFailure failure, boolean retryable) {

		static Failed permanent(Kind kind, AgoraOperation operation, String detail) {
			return new Failed(new UpstreamFailure(kind, operation, detail), false);
		}

		static Failed transientFault(Kind kind, AgoraOperation operation, String detail, Duration retryAfter,
				boolean retryable) {
			return new Failed(new UpstreamFailure(kind, operation, detail, retryAfter), retryable);
		}

		String outcome() {
			return this.failure.kind().name().toLowerCase();
		}

	}

}
