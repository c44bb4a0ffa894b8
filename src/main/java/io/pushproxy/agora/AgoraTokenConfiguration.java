package io.pushproxy.agora;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.pushproxy.agora.token.AppTokenProvider;
import io.pushproxy.agora.token.AppTokenSource;
import io.pushproxy.agora.token.TokenEndpointSource;
import io.pushproxy.agora.token.TokenSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the {@link TokenSource} for {@code agora.token-mode} and caches its tokens; the
 * token package itself never reads {@link AgoraProperties}.
 */
@Configuration(proxyBeanMethods = false)
class AgoraTokenConfiguration {

	@Bean
	AppTokenProvider appTokenProvider(AgoraProperties agora, AgoraTokenClient client, Clock clock,
			MeterRegistry meters) {
		return new AppTokenProvider(tokenSource(agora, client, clock), clock, meters);
	}

	private static TokenSource tokenSource(AgoraProperties agora, AgoraTokenClient client, Clock clock) {
		return switch (agora.tokenMode()) {
			case APP_TOKEN -> appTokens(agora, clock);
			case EXCHANGE -> TokenEndpointSource.exchange(client, appTokens(agora, clock), agora.tokenTtl(), clock);
			case CLIENT_CREDENTIALS -> TokenEndpointSource.clientCredentials(client, agora.clientId(),
					agora.clientSecret(), agora.tokenTtl(), clock);
		};
	}

	private static AppTokenSource appTokens(AgoraProperties agora, Clock clock) {
		return new AppTokenSource(agora.appId(), agora.appCertificate(), agora.tokenTtl(), clock);
	}

}
