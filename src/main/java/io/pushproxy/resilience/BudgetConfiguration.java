package io.pushproxy.resilience;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pushproxy.redis.RedisLink;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The operation budgets: in this pod alone ({@code proxy.rate-limit.store=local}), or
 * shared through Redis ({@code redis}, over the pod's {@link RedisLink}) with a local
 * fallback. The mode shows as a metric and in the readiness details.
 */
@Configuration(proxyBeanMethods = false)
class BudgetConfiguration {

	@Bean
	OperationBudgets operationBudgets(RateLimiterRegistry registry, BudgetSettings settings,
			RateLimitStoreProperties store, ObjectProvider<SharedBudgets> shared, MeterRegistry meters, Clock clock) {
		OperationBudgets budgets = new OperationBudgets(registry, settings, shared.getIfAvailable(), clock);
		Gauge.builder("agora.ratelimit.shared", budgets, (b) -> "shared".equals(b.mode()) ? 1 : 0)
			.description("1 while the operation budgets are shared through Redis, 0 when they are local")
			.register(meters);
		for (String operation : settings.budgets().keySet()) {
			Gauge.builder("agora.ratelimit.ceiling", budgets, (b) -> b.ceiling(operation))
				.description("Calls of an operation let into any one second now: the configured ceiling, "
						+ "lowered while Agora answers 429 within it")
				.tag("operation", operation)
				.register(meters);
			int configured = settings.ceiling(operation);
			Gauge.builder("agora.ratelimit.ceiling.configured", () -> configured)
				.description("The ceiling an operation returns to while Agora answers no 429: its budget less "
						+ "the headroom")
				.tag("operation", operation)
				.register(meters);
		}
		return budgets;
	}

	@Bean
	@ConditionalOnProperty(name = "proxy.rate-limit.store", havingValue = "redis")
	SharedBudgets sharedBudgets(RedisLink redis, BudgetSettings settings, RateLimitStoreProperties store, Clock clock) {
		Map<String, Integer> ceilings = new LinkedHashMap<>();
		settings.budgets().forEach((operation, budget) -> ceilings.put(operation, budget.ceiling()));
		RedisBuckets buckets = new RedisBuckets(redis, List.copyOf(ceilings.keySet()));
		return new SharedBudgets(redis::state, buckets, ceilings, store.fallbackReplicas(), settings.maxWait(),
				redis.recheckEvery(), clock);
	}

	/**
	 * Always up (the proxy answers in every mode); its details say which mode is in
	 * force.
	 */
	@Bean
	HealthIndicator rateLimitStore(OperationBudgets budgets) {
		return () -> Health.up().withDetail("mode", budgets.mode()).build();
	}

}
