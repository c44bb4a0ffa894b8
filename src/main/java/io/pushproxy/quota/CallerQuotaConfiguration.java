package io.pushproxy.quota;

import io.pushproxy.redis.RedisLink;
import io.pushproxy.web.Problems;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts the {@link CallerQuotaInterceptor} in front of every {@code /v1} handler, and in
 * Redis mode keeps the callers' buckets in Redis, over the pod's {@link RedisLink}.
 */
@Configuration(proxyBeanMethods = false)
class CallerQuotaConfiguration implements WebMvcConfigurer {

	private final CallerQuotaInterceptor interceptor;

	CallerQuotaConfiguration(CallerQuota quota, Problems problems) {
		this.interceptor = new CallerQuotaInterceptor(quota, problems);
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this.interceptor).addPathPatterns("/v1/**");
	}

	/** Static: {@link CallerQuota}, which this configuration takes, needs it first. */
	@Bean
	@ConditionalOnProperty(name = "proxy.rate-limit.store", havingValue = "redis")
	static SharedCallerBuckets sharedCallerBuckets(RedisLink link) {
		return new RedisCallerBuckets(link);
	}

}
