package io.pushproxy.agora;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.pushproxy.resilience.BudgetSettings;
import io.pushproxy.resilience.OperationBulkheads;
import io.pushproxy.resilience.OperationCircuits;
import io.pushproxy.resilience.RetryPolicy;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Maps {@link AgoraProperties} and the {@link AgoraOperation} table onto the
 * {@code resilience} package, which keys its budgets (each
 * {@link AgoraOperation#budget()}), bulkheads, circuit breakers and retries (each
 * {@link AgoraOperation#key()}) by plain names, as Resilience4j's registries do: the one
 * place where the two meet, so that {@code resilience} never reads {@code agora}.
 */
@Configuration(proxyBeanMethods = false)
class AgoraResilienceConfiguration {

	@Bean
	RateLimits rateLimits(Environment environment) {
		return RateLimits.bind(environment);
	}

	@Bean
	BudgetSettings budgetSettings(AgoraProperties agora, RateLimits rateLimits) {
		return budgetsOf(agora, rateLimits);
	}

	@Bean
	BulkheadLimits bulkheadLimits(Environment environment, RateLimits rateLimits, AgoraProperties agora) {
		return BulkheadLimits.bind(environment, rateLimits, agora.http().readTimeout());
	}

	/**
	 * A bulkhead per operation of {@link BulkheadLimits}; a refused caller is told to
	 * wait a read timeout, by when the calls now at Agora have been answered or given up.
	 */
	@Bean
	OperationBulkheads operationBulkheads(BulkheadRegistry registry, BulkheadLimits limits, AgoraProperties agora,
			MeterRegistry meters) {
		return new OperationBulkheads(registry, limits.maxInFlight(), agora.http().readTimeout(), meters);
	}

	@Bean
	OperationCircuits operationCircuits(CircuitBreakerRegistry registry, AgoraProperties agora) {
		return circuitsOf(registry, agora);
	}

	@Bean
	RetryPolicy retryPolicy(RetryRegistry registry, AgoraProperties agora) {
		return retriesOf(registry, agora);
	}

	/**
	 * Each budget of the {@link AgoraOperation} table with its ceiling (operations that
	 * share a budget share its limiter), the permit wait, and the App Key.
	 */
	static BudgetSettings budgetsOf(AgoraProperties agora, RateLimits rateLimits) {
		AgoraProperties.RateLimit rateLimit = agora.rateLimit();
		Map<String, BudgetSettings.Budget> budgets = new LinkedHashMap<>();
		rateLimits.perSecond()
			.forEach((budget, perSecond) -> budgets.put(budget,
					new BudgetSettings.Budget(perSecond, rateLimit.ceiling(perSecond))));
		return new BudgetSettings(agora.appKey(), budgets, rateLimit.maxWait());
	}

	/**
	 * A breaker per operation that opens at {@code agora.circuit-breaker.*}'s failure
	 * rate and moves to half-open only when a request asks.
	 */
	static OperationCircuits circuitsOf(CircuitBreakerRegistry registry, AgoraProperties agora) {
		AgoraProperties.CircuitBreaker settings = agora.circuitBreaker();
		CircuitBreakerConfig config = CircuitBreakerConfig.custom()
			.failureRateThreshold(settings.failureRatePercent())
			.minimumNumberOfCalls(settings.minimumCalls())
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(settings.windowSize())
			.waitDurationInOpenState(settings.openFor())
			.permittedNumberOfCallsInHalfOpenState(settings.probes())
			.automaticTransitionFromOpenToHalfOpenEnabled(false)
			.build();
		return new OperationCircuits(registry, config, operationNames());
	}

	/**
	 * As {@link #retriesOf(RetryRegistry, AgoraProperties)}, in a registry of its own.
	 */
	static RetryPolicy retriesOf(AgoraProperties agora) {
		return retriesOf(RetryRegistry.ofDefaults(), agora);
	}

	/**
	 * A retry per operation after {@code agora.retry.*}, with one attempt taking at most
	 * the connect and read timeouts.
	 */
	static RetryPolicy retriesOf(RetryRegistry registry, AgoraProperties agora) {
		AgoraProperties.Retry retry = agora.retry();
		return new RetryPolicy(registry,
				new RetryPolicy.Settings(retry.maxAttempts(), retry.initialBackoff(), retry.maxBackoff(),
						retry.budget(), agora.http().connectTimeout().plus(agora.http().readTimeout()),
						retry.maxRetryAfter()),
				operationNames());
	}

	private static List<String> operationNames() {
		List<String> names = new ArrayList<>();
		for (AgoraOperation operation : AgoraOperation.values()) {
			names.add(operation.key());
		}
		return names;
	}

}
