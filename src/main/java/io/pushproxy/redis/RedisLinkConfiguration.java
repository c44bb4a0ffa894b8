package io.pushproxy.redis;

import java.time.Clock;
import java.time.Duration;

import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pushproxy.config.InvalidSettingException;
import io.pushproxy.config.Settings;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The {@link RedisLink} in Redis mode ({@code proxy.rate-limit.store=redis}), connected
 * through Spring's standard {@code spring.data.redis.url} with
 * {@code proxy.rate-limit.redis-timeout} and {@code recheck-every}, read here by name:
 * their properties record lives with the budgets, which use this package.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "proxy.rate-limit.store", havingValue = "redis")
class RedisLinkConfiguration {

	@Bean(destroyMethod = "close")
	RedisLink redisLink(Environment environment, Clock clock) {
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
		Binder binder = Binder.get(environment);
		Duration timeout = Settings.between("proxy.rate-limit.redis-timeout",
				binder.bind("proxy.rate-limit.redis-timeout", Duration.class).orElse(null), Duration.ofMillis(50),
				Duration.ofMillis(1), Duration.ofSeconds(5));
		Duration recheckEvery = Settings.between("proxy.rate-limit.recheck-every",
				binder.bind("proxy.rate-limit.recheck-every", Duration.class).orElse(null), Duration.ofSeconds(1),
				Duration.ofMillis(100), Duration.ofMinutes(1));
		String appKey = part(environment, "agora.org-name") + "#" + part(environment, "agora.app-name");
		return new RedisLink(uri, appKey, timeout, recheckEvery, clock);
	}

	@Bean
	Gauge redisFailures(RedisLink link, MeterRegistry meters) {
		return Gauge.builder("agora.ratelimit.redis.failures", link, RedisLink::failures)
			.description("Redis calls (budgets, caller quota, read cache) that failed or timed out, since start")
			.register(meters);
	}

	private static String part(Environment environment, String property) {
		String value = environment.getProperty(property);
		return (value != null) ? value.strip() : "";
	}

}
