package io.pushproxy.agora;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import feign.Request;
import feign.RetryableException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pushproxy.agora.token.AppTokenProvider;
import io.pushproxy.agora.token.IssuedToken;
import io.pushproxy.resilience.OperationBudgets;
import io.pushproxy.resilience.OperationCircuits;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The gateway's retry decisions for failures that a real server can hardly stage on
 * demand.
 */
class AgoraGatewayRetryTests {

	private final RateLimiterRegistry registry = RateLimiterRegistry.ofDefaults();

	private final AgoraGateway gateway = gateway(100);

	@Test
	void aTemplateCreationIsRetriedWhenTheConnectionWasRefusedBecauseItNeverLeft() {
		AtomicInteger calls = new AtomicInteger();

		String result = this.gateway.call(AgoraOperation.CREATE_TEMPLATE, () -> {
			if (calls.incrementAndGet() < 3) {
				throw ioFailure(new ConnectException("Connection refused"));
			}
			return "created";
		});

		assertThat(result).isEqualTo("created");
		assertThat(calls).hasValue(3);
	}

	@Test
	void aTemplateCreationIsNotRetriedAfterATimeoutBecauseItMayHaveTakenEffect() {
		AtomicInteger calls = new AtomicInteger();

		UpstreamFailure failure = catchThrowableOfType(UpstreamFailure.class,
				() -> this.gateway.call(AgoraOperation.CREATE_TEMPLATE, () -> {
					calls.incrementAndGet();
					throw ioFailure(new SocketTimeoutException("Read timed out"));
				}));

		assertThat(failure.kind()).isEqualTo(UpstreamFailure.Kind.TIMEOUT);
		assertThat(calls).hasValue(1);
	}

	@Test
	void aReadIsRetriedAfterATimeoutAndFinallyAnsweredAsATimeout() {
		AtomicInteger calls = new AtomicInteger();

		UpstreamFailure failure = catchThrowableOfType(UpstreamFailure.class,
				() -> this.gateway.call(AgoraOperation.GET_LANGUAGE, () -> {
					calls.incrementAndGet();
					throw ioFailure(new SocketTimeoutException("Read timed out"));
				}));

		assertThat(failure.kind()).isEqualTo(UpstreamFailure.Kind.TIMEOUT);
		assertThat(calls).hasValue(4);
	}

	@Test
	void everyAttemptTakesARateLimitPermit() {
		AtomicInteger permits = new AtomicInteger();
		this.registry.rateLimiter(AgoraOperation.GET_LANGUAGE.key())
			.getEventPublisher()
			.onSuccess((event) -> permits.incrementAndGet());
		AtomicInteger calls = new AtomicInteger();

		catchThrowableOfType(UpstreamFailure.class, () -> this.gateway.call(AgoraOperation.GET_LANGUAGE, () -> {
			calls.incrementAndGet();
			throw new AgoraResponseException(503, "unavailable", "busy", null);
		}));

		assertThat(calls).hasValue(4);
		assertThat(permits).hasValue(4);
	}

	@Test
	void aRetryThatFindsTheBudgetSpentGivesUpWithTheQuotaAnswer() {
		AgoraGateway tight = gateway(2);
		AtomicInteger calls = new AtomicInteger();

		UpstreamFailure failure = catchThrowableOfType(UpstreamFailure.class,
				() -> tight.call(AgoraOperation.GET_LANGUAGE, () -> {
					calls.incrementAndGet();
					throw new AgoraResponseException(503, "unavailable", "busy", null);
				}));

		assertThat(calls.get()).isLessThan(4);
		assertThat(failure.kind()).isEqualTo(UpstreamFailure.Kind.QUOTA_SPENT);
		assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void aRequestThatCannotGetAPermitInTimeIsRefusedAtOnceRatherThanAfterTheWholeWait() {
		OperationBudgets budgets = new OperationBudgets(RateLimiterRegistry.ofDefaults(),
				AgoraSettings.budgets(everyBudgetAt(2, "agora.rate-limit.max-wait=300ms")),
				java.time.Clock.systemUTC());
		assertThat(budgets.tryAcquire(AgoraOperation.GET_LANGUAGE.key())).isTrue();

		long started = System.nanoTime();
		boolean second = budgets.tryAcquire(AgoraOperation.GET_LANGUAGE.key());
		long tookMillis = (System.nanoTime() - started) / 1_000_000;

		// The next permit is half a second away, beyond the 300 ms a request may wait:
		// say so now.
		assertThat(second).isFalse();
		assertThat(tookMillis).isLessThan(300);
		System.out.printf("a refused permit answered after %d ms (max wait 300 ms)%n", tookMillis);
	}

	@Test
	void anOpenCircuitAnswersWithoutCallingUpstream() {
		OperationCircuits circuits = AgoraResilienceConfiguration.circuitsOf(CircuitBreakerRegistry.ofDefaults(),
				AgoraSettings.properties(settings(100)));
		AgoraGateway gateway = gateway(100, circuits);
		circuits.breaker(AgoraOperation.GET_LANGUAGE.key()).transitionToOpenState();
		AtomicInteger calls = new AtomicInteger();
		long[] nanos = new long[1000];

		for (int i = 0; i < nanos.length; i++) {
			long started = System.nanoTime();
			UpstreamFailure failure = catchThrowableOfType(UpstreamFailure.class,
					() -> gateway.call(AgoraOperation.GET_LANGUAGE, calls::incrementAndGet));
			nanos[i] = System.nanoTime() - started;
			assertThat(failure.kind()).isEqualTo(UpstreamFailure.Kind.CIRCUIT_OPEN);
			assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(5));
		}

		assertThat(calls).hasValue(0);
		java.util.Arrays.sort(nanos);
		System.out.printf("open circuit inside the gateway: median %d ns, p99 %d ns%n", nanos[500], nanos[990]);
	}

	/**
	 * A gateway whose retries wait for permits like any call (up to 250 ms), except at
	 * the tiny budget of 2/s.
	 */
	private AgoraGateway gateway(int perSecond) {
		return gateway(perSecond, AgoraResilienceConfiguration.circuitsOf(CircuitBreakerRegistry.ofDefaults(),
				AgoraSettings.properties(settings(perSecond))));
	}

	private AgoraGateway gateway(int perSecond, OperationCircuits circuits) {
		String[] settings = settings(perSecond);
		AgoraProperties agora = AgoraSettings.properties(settings);
		AppTokenProvider tokens = new AppTokenProvider(
				() -> new IssuedToken("t", Instant.now(), Instant.now().plusSeconds(3600)),
				java.time.Clock.systemUTC());
		RateLimiterRegistry limiters = (perSecond == 100) ? this.registry : RateLimiterRegistry.ofDefaults();
		return new AgoraGateway(
				new OperationBudgets(limiters, AgoraSettings.budgets(settings), java.time.Clock.systemUTC()),
				AgoraResilienceConfiguration.retriesOf(agora), circuits, AgoraSettings.bulkheads(settings), tokens,
				new UpstreamMetrics(new SimpleMeterRegistry()));
	}

	private static String[] settings(int perSecond) {
		String maxWait = (perSecond == 2) ? "0ms" : "250ms";
		return everyBudgetAt(perSecond, "agora.rate-limit.max-wait=" + maxWait, "agora.retry.max-attempts=4",
				"agora.retry.initial-backoff=1ms", "agora.retry.max-backoff=5ms", "agora.retry.budget=5s");
	}

	/** Every budget of the table at this rate, and the other settings given. */
	private static String[] everyBudgetAt(int perSecond, String... others) {
		List<String> settings = new ArrayList<>(List.of(others));
		AgoraOperation.budgets()
			.keySet()
			.forEach((budget) -> settings.add("agora.rate-limit." + budget + "=" + perSecond));
		return settings.toArray(String[]::new);
	}

	private static RetryableException ioFailure(IOException cause) {
		Request request = Request.create(Request.HttpMethod.POST, "http://127.0.0.1:9/x", Map.of(), null,
				StandardCharsets.UTF_8, null);
		return new RetryableException(-1, cause.getMessage(), Request.HttpMethod.POST, cause, (Long) null, request);
	}

}
