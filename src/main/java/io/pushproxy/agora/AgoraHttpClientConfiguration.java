package io.pushproxy.agora;

import org.springframework.cloud.openfeign.clientconfig.HttpClient5FeignConfiguration.HttpClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Apache HttpClient 5 under the Feign clients. Its own retries are switched off: by
 * default it would silently resend on 429 and 503, even a POST, behind the gateway's back
 * and outside the rate limiter. Redirects and cookies have no place in this API either.
 */
@Configuration(proxyBeanMethods = false)
class AgoraHttpClientConfiguration {

	@Bean
	HttpClientBuilderCustomizer agoraHttpClientWithoutHiddenRetries() {
		return (builder) -> builder.disableAutomaticRetries().disableRedirectHandling().disableCookieManagement();
	}

}
