package io.pushproxy.resilience;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pushproxy.config.InvalidSettingException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The operation budgets: in this pod alone ({@code proxy.rate-limit.store=local}), or
 * shared through Redis ({@code redis}) with a local fallback. The mode shows as a metric
 * and in the readiness details.
 */
@Configuration(proxyBeanMethods = false)
class BudgetConfiguration {

	@Bean
	OperationBudgets operationBudgets(RateLimiterRegistry registry, BudgetSettings settings,
			RateLimitStoreProperties store, ObjectProvider<SharedBudgets> shared, MeterRegistry meters, Clock clock) {
		OperationBudgets budgets = new OperationBudgets(registry, settings, shared.getIfAvailable(),
				store.fallbackReplicas(), clock);
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

	@Bean(destroyMethod = "close")
	@ConditionalOnProperty(name = "proxy.rate-limit.store", havingValue = "redis")
	RedisBucketStore redisBucketStore(BudgetSettings settings, RateLimitStoreProperties store,
			Environment environment) {
		String url = environment.getProperty("spring.data.redis.url");
		if (url == null || url.isBlank()) {
			throw new InvalidSettingException("spring.data.redis.url",
					"is required when proxy.rate-limit.store is redis");
		}
		RedisURI uri;
		try {
			uri = RedisURI.create(url.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidSettingException("spring.data.redis.url", "must be a redis:// or rediss:// URL");
		}
		String password = environment.getProperty("spring.data.redis.password");
		if (password != null && !password.isBlank()) {
			uri.setPassword(password.toCharArray());
		}
		return new RedisBucketStore(uri, settings.namespace(), store.redisTimeout(), store.recheckEvery());
	}

	@Bean
	@ConditionalOnProperty(name = "proxy.rate-limit.store", havingValue = "redis")
	SharedBudgets sharedBudgets(RedisBucketStore redis, BudgetSettings settings, RateLimitStoreProperties store) {
		Map<String, Integer> ceilings = new LinkedHashMap<>();
		settings.budgets().forEach((operation, budget) -> ceilings.put(operation, budget.ceiling()));
		return new SharedBudgets(redis, ceilings, store.recheckEvery(), settings.maxWait());
	}

	@Bean
	@ConditionalOnProperty(name = "proxy.rate-limit.store", havingValue = "redis")
	Gauge sharedBudgetFailures(RedisBucketStore redis, MeterRegistry meters) {
		return Gauge.builder("agora.ratelimit.redis.failures", redis, RedisBucketStore::failures)
			.description("Redis calls of the shared budgets that failed or timed out, since start")
			.register(meters);
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
