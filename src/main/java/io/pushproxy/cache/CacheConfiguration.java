package io.pushproxy.cache;

import java.time.Clock;
import java.time.Duration;

import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pushproxy.web.FilterOrder;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The read cache: Caffeine in each pod, or Redis shared by every pod when the budgets are
 * ({@code proxy.rate-limit.store=redis}, same {@code spring.data.redis.*} and
 * {@code proxy.rate-limit.redis-timeout} / {@code recheck-every}), with the pod's own
 * Caffeine cache as the fallback; its metrics, and the filter of conditional requests.
 * The Redis settings are read here by name rather than through the budgets' properties,
 * which live in a package that depends on this one's users.
 */
@Configuration(proxyBeanMethods = false)
class CacheConfiguration {

	@Bean
	LocalStore localCacheStore(CacheProperties properties, Clock clock) {
		return new LocalStore(properties.ttl(), properties.maxEntries(), clock);
	}

	@Bean(destroyMethod = "close")
	SharedCacheHolder sharedCacheStore(CacheProperties properties, LocalStore local, Environment environment,
			Clock clock) {
		Binder binder = Binder.get(environment);
		String store = binder.bind("proxy.rate-limit.store", String.class).orElse("local");
		String url = environment.getProperty("spring.data.redis.url");
		if (!properties.enabled() || !"redis".equalsIgnoreCase(store.strip()) || url == null || url.isBlank()) {
			return new SharedCacheHolder(null);
		}
		RedisURI uri = RedisURI.create(url.strip());
		String password = environment.getProperty("spring.data.redis.password");
		if (password != null && !password.isBlank()) {
			uri.setPassword(password.toCharArray());
		}
		Duration timeout = binder.bind("proxy.rate-limit.redis-timeout", Duration.class).orElse(Duration.ofMillis(50));
		Duration recheckEvery = binder.bind("proxy.rate-limit.recheck-every", Duration.class)
			.orElse(Duration.ofSeconds(1));
		String appKey = environment.getProperty("agora.org-name") + "#" + environment.getProperty("agora.app-name");
		return new SharedCacheHolder(
				new SharedStore(uri, appKey, properties.ttl(), timeout, recheckEvery, local, clock));
	}

	@Bean
	ReadCache readCache(SharedCacheHolder shared, LocalStore local, CacheProperties properties,
			ObjectProvider<MeterRegistry> meters, Clock clock) {
		EntryStore store = (shared.store() != null) ? shared.store() : local;
		MeterRegistry registry = meters.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new);
		Gauge.builder("proxy.cache.entries", local, LocalStore::size)
			.description("Entries in this pod's own read cache (in Redis mode: only while Redis is away)")
			.register(registry);
		return new ReadCache(store, properties, clock, registry);
	}

	@Bean
	FilterRegistrationBean<ConditionalRequestFilter> conditionalRequestFilter() {
		FilterRegistrationBean<ConditionalRequestFilter> registration = new FilterRegistrationBean<>(
				new ConditionalRequestFilter());
		registration.addUrlPatterns("/v1/*");
		registration.setOrder(FilterOrder.CONDITIONAL_REQUEST);
		return registration;
	}

	/** The shared store, when there is one; closed with the context. */
	record SharedCacheHolder(@Nullable SharedStore store) implements AutoCloseable {

		@Override
		public void close() {
			if (this.store != null) {
				this.store.close();
			}
		}

	}

}
