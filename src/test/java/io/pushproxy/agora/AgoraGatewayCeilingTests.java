package io.pushproxy.agora;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

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
 * What the gateway does with the budgets when Agora answers 429 {@code reach_limit}
 * though the proxy kept to its ceiling: the ceiling comes down, and only a
 * {@code Retry-After} that Agora named pauses the whole operation.
 */
class AgoraGatewayCeilingTests {

	private final AgoraProperties agora = AgoraSettings.properties();

	private final OperationBudgets budgets = new OperationBudgets(RateLimiterRegistry.ofDefaults(),
			AgoraSettings.budgets(), java.time.Clock.systemUTC());

	private final AgoraGateway gateway = gateway();

	@Test
	void a429WithoutRetryAfterLowersTheCeilingWithoutPausingTheOperation() {
		// One 429, then an answer: the defaults absorb it with a retry (the retry
		// policy's
		// business); the budgets' part is asserted.
		AtomicInteger attempts = new AtomicInteger();
		String answer = this.gateway.call(AgoraOperation.GET_LANGUAGE, () -> {
			if (attempts.incrementAndGet() == 1) {
				throw new AgoraResponseException(429, "reach_limit", "This request has reached API limit.", null);
			}
			return "en";
		});

		assertThat(answer).isEqualTo("en");
		// 80% of 95; the retry waited a second, in which one additive step (+1) may come
		// back.
		assertThat(this.budgets.ceiling(AgoraOperation.GET_LANGUAGE.key())).isBetween(76, 77);
		assertThat(this.budgets.ceiling(AgoraOperation.SET_LANGUAGE.key())).isEqualTo(95);
		assertThat(this.budgets.pauseBeyondWait(AgoraOperation.GET_LANGUAGE.key())).isZero();
		AtomicInteger calls = new AtomicInteger();
		assertThat(this.gateway.call(AgoraOperation.GET_LANGUAGE, () -> calls.incrementAndGet() + "")).isEqualTo("1");
	}

	@Test
	void a429WithARetryAfterPausesTheOperationAndLowersTheCeiling() {
		UpstreamFailure failure = catchThrowableOfType(UpstreamFailure.class,
				() -> this.gateway.call(AgoraOperation.GET_TEMPLATE, () -> {
					throw new AgoraResponseException(429, "reach_limit", "This request has reached API limit.",
							Duration.ofSeconds(30));
				}));

		assertThat(failure.kind()).isEqualTo(UpstreamFailure.Kind.UPSTREAM_RATE_LIMITED);
		assertThat(this.budgets.ceiling(AgoraOperation.GET_TEMPLATE.key())).isEqualTo(76);
		assertThat(this.budgets.pauseBeyondWait(AgoraOperation.GET_TEMPLATE.key()))
			.isGreaterThan(Duration.ofSeconds(20));
	}

	private AgoraGateway gateway() {
		OperationCircuits circuits = AgoraResilienceConfiguration.circuitsOf(CircuitBreakerRegistry.ofDefaults(),
				this.agora);
		AppTokenProvider tokens = new AppTokenProvider(
				() -> new IssuedToken("t", Instant.now(), Instant.now().plusSeconds(3600)), Clock.systemUTC());
		return new AgoraGateway(this.budgets, AgoraResilienceConfiguration.retriesOf(this.agora), circuits,
				AgoraSettings.bulkheads(), tokens, new UpstreamMetrics(new SimpleMeterRegistry()));
	}

}
