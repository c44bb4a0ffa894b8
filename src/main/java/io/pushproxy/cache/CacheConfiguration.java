package io.pushproxy.cache;

import java.time.Clock;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pushproxy.redis.RedisLink;
import io.pushproxy.web.FilterOrder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The read cache: Caffeine in each pod, or Redis shared by every pod when the budgets are
 * ({@code proxy.rate-limit.store=redis}, over the pod's one {@link RedisLink}), with the
 * pod's own Caffeine cache as the fallback; its metrics, and the filter of conditional
 * requests.
 */
@Configuration(proxyBeanMethods = false)
class CacheConfiguration {

	@Bean
	LocalStore localCacheStore(CacheProperties properties, Clock clock) {
		return new LocalStore(properties.ttl(), properties.maxEntries(), clock);
	}

	@Bean
	ReadCache readCache(ObjectProvider<RedisLink> redis, LocalStore local, CacheProperties properties,
			ObjectProvider<MeterRegistry> meters, Clock clock) {
		RedisLink link = properties.enabled() ? redis.getIfAvailable() : null;
		EntryStore store = (link != null) ? new SharedStore(link, local) : local;
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

}
