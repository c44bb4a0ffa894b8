package io.pushproxy.agora.token;

import io.pushproxy.support.ApiClient.Answer;
import io.pushproxy.support.TestJwts;
import io.pushproxy.support.WireMockProxyTest;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.pushproxy.support.TestApp.PREFIX;
import static io.pushproxy.support.Upstream.data;
import static io.pushproxy.support.Upstream.okJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code exchange} token mode: a 007 app token traded at {@code /token}, then cached.
 */
// Both reads must reach Agora: the read cache is off.
@TestPropertySource(properties = { "agora.token-mode=exchange", "proxy.cache.ttl=PT0S" })
class ExchangeTokenModeTests extends WireMockProxyTest {

	private static final String LANGUAGE = PREFIX + "/users/alice/notification/language";

	private static final String TOKEN = PREFIX + "/token";

	@Test
	void theAppTokenIsTradedOnceAndTheAccessTokenIsSentOnEveryCall() {
		upstream.stubFor(post(TOKEN).willReturn(
				okJson("{\"access_token\":\"exchanged-token-1\",\"expires_in\":86400,\"expire_timestamp\":1}")));
		upstream.stubFor(get(LANGUAGE).willReturn(okJson(data("{\"language\":\"en\"}"))));
		String alice = TestJwts.user("alice");

		Answer first = this.api.get("/v1/users/alice/push/language", alice);
		Answer second = this.api.get("/v1/users/alice/push/language", alice);

		assertThat(first.status()).as(first.toString()).isEqualTo(200);
		assertThat(second.status()).as(second.toString()).isEqualTo(200);
		upstream.verify(2,
				getRequestedFor(urlEqualTo(LANGUAGE)).withHeader("Authorization", equalTo("Bearer exchanged-token-1")));
		upstream.verify(postRequestedFor(urlEqualTo(TOKEN)).withHeader("Authorization", matching("Bearer 007.+"))
			.withRequestBody(equalToJson("{\"grant_type\":\"agora\"}", false, false)));
		assertThat(upstream.findAll(postRequestedFor(urlEqualTo(TOKEN)))).hasSizeLessThanOrEqualTo(1);
	}

}
