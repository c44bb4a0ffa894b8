package io.pushproxy.quota;

import io.pushproxy.resilience.RedisBucketStore;
import io.pushproxy.security.SecurityProperties;
import io.pushproxy.web.Problems;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the {@link CallerQuotaFilter} just after Spring Security's filter chain, and
 * in Redis mode keeps the callers' buckets in the operation budgets' Redis.
 */
@Configuration(proxyBeanMethods = false)
class CallerQuotaConfiguration {

	/**
	 * Spring Security's filter chain runs at order -100; the quota needs its
	 * authentication.
	 */
	private static final int AFTER_SECURITY = -90;

	@Bean
	FilterRegistrationBean<CallerQuotaFilter> callerQuotaFilter(CallerQuota quota, SecurityProperties security,
			Problems problems) {
		FilterRegistrationBean<CallerQuotaFilter> registration = new FilterRegistrationBean<>(
				new CallerQuotaFilter(quota, security, problems));
		registration.setOrder(AFTER_SECURITY);
		registration.addUrlPatterns("/v1/*");
		return registration;
	}

	@Bean
	@ConditionalOnProperty(name = "proxy.rate-limit.store", havingValue = "redis")
	SharedCallerBuckets sharedCallerBuckets(RedisBucketStore store) {
		return new RedisCallerBuckets(store);
	}

}
