package io.pushproxy.resilience;

import java.time.Duration;
import java.util.Locale;

import io.pushproxy.config.InvalidSettingException;
import io.pushproxy.config.Settings;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the operation budgets live ({@code proxy.rate-limit.*}): in each pod
 * ({@code local}) or shared by all replicas in Redis ({@code redis}, connected through
 * Spring's standard {@code spring.data.redis.url}).
 *
 * @param store {@code local} or {@code redis}
 * @param fallbackReplicas while Redis cannot be reached, each pod takes the budget
 * divided by this many replicas
 * @param redisTimeout how long a Redis call may take before the pod falls back
 * @param recheckEvery how often a pod that fell back tries Redis again
 */
@ConfigurationProperties("proxy.rate-limit")
public record RateLimitStoreProperties(String store, Integer fallbackReplicas, Duration redisTimeout,
		Duration recheckEvery) {

	public RateLimitStoreProperties {
		store = (store == null || store.isBlank()) ? "local" : store.strip().toLowerCase(Locale.ROOT);
		if (!store.equals("local") && !store.equals("redis")) {
			throw new InvalidSettingException("proxy.rate-limit.store", "must be local or redis");
		}
		fallbackReplicas = Settings.between("proxy.rate-limit.fallback-replicas", fallbackReplicas, 2, 1, 1000);
		redisTimeout = Settings.between("proxy.rate-limit.redis-timeout", redisTimeout, Duration.ofMillis(50),
				Duration.ofMillis(1), Duration.ofSeconds(5));
		recheckEvery = Settings.between("proxy.rate-limit.recheck-every", recheckEvery, Duration.ofSeconds(1),
				Duration.ofMillis(100), Duration.ofMinutes(1));
	}

	public boolean shared() {
		return "redis".equals(this.store);
	}

}
