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
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.pushproxy.support.TestApp.PREFIX;
import static io.pushproxy.support.Upstream.data;
import static io.pushproxy.support.Upstream.okJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code client-credentials} token mode (Easemob clusters), cached like the others.
 */
// Both reads must reach Agora: the read cache is off.
@TestPropertySource(properties = { "proxy.cache.ttl=PT0S", "agora.token-mode=client-credentials",
		"agora.client-id=YXA6client", "agora.client-secret=YXA6secret", "agora.token-ttl=PT2H" })
class ClientCredentialsTokenModeTests extends WireMockProxyTest {

	private static final String LANGUAGE = PREFIX + "/users/alice/notification/language";

	private static final String TOKEN = PREFIX + "/token";

	@Test
	void theClientCredentialsAreSentToTheTokenEndpointAndTheTokenIsCached() {
		upstream.stubFor(post(TOKEN)
			.willReturn(okJson("{\"access_token\":\"YWMt-easemob\",\"expires_in\":7200,\"application\":\"a1\"}")));
		upstream.stubFor(get(LANGUAGE).willReturn(okJson(data("{\"language\":\"en\"}"))));
		String alice = TestJwts.user("alice");

		this.api.get("/v1/users/alice/push/language", alice);
		Answer answer = this.api.get("/v1/users/alice/push/language", alice);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		upstream.verify(2,
				getRequestedFor(urlEqualTo(LANGUAGE)).withHeader("Authorization", equalTo("Bearer YWMt-easemob")));
		upstream.verify(postRequestedFor(urlEqualTo(TOKEN))
			.withRequestBody(equalToJson("{\"grant_type\":\"client_credentials\",\"client_id\":\"YXA6client\","
					+ "\"client_secret\":\"YXA6secret\",\"ttl\":7200}", false, false)));
		assertThat(upstream.findAll(postRequestedFor(urlEqualTo(TOKEN)))).hasSizeLessThanOrEqualTo(1);
	}

}
