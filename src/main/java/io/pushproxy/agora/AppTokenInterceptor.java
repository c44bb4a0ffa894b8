package io.pushproxy.agora;

import feign.RequestInterceptor;
import feign.RequestTemplate;
import io.pushproxy.agora.token.AppTokenProvider;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * A {@link RequestInterceptor} that adds {@code Authorization: Bearer <app token>} and
 * {@code Accept: application/json} to every call of {@link AgoraChatClient}. It is part
 * of that client's own Feign context only, so the token never goes anywhere else.
 */
class AppTokenInterceptor implements RequestInterceptor {

	private final AppTokenProvider tokens;

	AppTokenInterceptor(AppTokenProvider tokens) {
		this.tokens = tokens;
	}

	@Override
	public void apply(RequestTemplate template) {
		template.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.tokens.currentToken());
		template.header(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE);
	}

}
