package io.pushproxy.agora;

import io.pushproxy.resilience.OperationBudgets;
import org.apache.hc.client5.http.impl.ChainElement;

import org.springframework.cloud.openfeign.clientconfig.HttpClient5FeignConfiguration.HttpClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Apache HttpClient 5 under the Feign clients. Its own retries are switched off: by
 * default it would silently resend on 429 and 503, even a POST, behind the gateway's back
 * and outside the rate limiter. Redirects and cookies have no place in this API either.
 * <p>
 * Right before a request is written, with its connection ready, the operation budgets'
 * last gate holds it back if it came too late to leave with the others (see
 * {@link OperationBudgets#departing()}); the token endpoint's calls are not budgeted.
 */
@Configuration(proxyBeanMethods = false)
class AgoraHttpClientConfiguration {

	@Bean
	HttpClientBuilderCustomizer agoraHttpClientWithoutHiddenRetries(OperationBudgets budgets) {
		return (builder) -> builder.disableAutomaticRetries()
			.disableRedirectHandling()
			.disableCookieManagement()
			.addExecInterceptorBefore(ChainElement.MAIN_TRANSPORT.name(), "agora-departure-gate",
					(request, scope, chain) -> {
						if (!request.getPath().endsWith("/token")) {
							budgets.departing();
						}
						return chain.proceed(request, scope);
					});
	}

}
