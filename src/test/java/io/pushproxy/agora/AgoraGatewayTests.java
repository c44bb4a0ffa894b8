package io.pushproxy.agora;

import java.util.List;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.pushproxy.support.ApiClient.Answer;
import io.pushproxy.support.TestJwts;
import io.pushproxy.support.WireMockProxyTest;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.pushproxy.support.TestApp.PREFIX;
import static io.pushproxy.support.Upstream.data;
import static io.pushproxy.support.Upstream.error;
import static io.pushproxy.support.Upstream.inTurn;
import static io.pushproxy.support.Upstream.okJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the gateway treats upstream answers: token renewal after a 401, retries, and error
 * mapping.
 */
class AgoraGatewayTests extends WireMockProxyTest {

	private static final String LANGUAGE = PREFIX + "/users/alice/notification/language";

	private static final String ALICE = TestJwts.user("alice");

	@Test
	void aRejectedTokenIsRenewedAndTheCallRetriedOnceWithTheNewToken() {
		inTurn(upstream, () -> get(LANGUAGE), error(401, "unauthorized", "token expired"),
				okJson(data("{\"language\":\"en\"}")));

		Answer answer = this.api.get("/v1/users/alice/push/language", ALICE);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		List<LoggedRequest> calls = upstream.findAll(getRequestedFor(urlEqualTo(LANGUAGE)));
		assertThat(calls).hasSize(2);
		assertThat(calls.get(1).getHeader("Authorization")).startsWith("Bearer 007")
			.isNotEqualTo(calls.get(0).getHeader("Authorization"));
	}

	@Test
	void aTokenRejectedEvenAfterRenewalAnswers502WithoutLooping() {
		upstream.stubFor(get(LANGUAGE).willReturn(error(401, "unauthorized", "bad signature")));

		Answer answer = this.api.get("/v1/users/alice/push/language", ALICE);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(502);
		assertThat(answer.contentType()).startsWith("application/problem+json");
		assertThat(answer.json().get("type").asString()).isEqualTo("urn:agora-push-proxy:problem:upstream-credentials");
		upstream.verify(2, getRequestedFor(urlEqualTo(LANGUAGE)));
	}

	@Test
	void twoTransientFailuresThenSuccessAnswer200AfterThreeUpstreamCalls() {
		inTurn(upstream, () -> get(LANGUAGE), error(503, "service_unavailable", "busy"),
				error(503, "service_unavailable", "busy"), okJson(data("{\"language\":\"en\"}")));

		Answer answer = this.api.get("/v1/users/alice/push/language", ALICE);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		assertThat(answer.json().get("language").asString()).isEqualTo("en");
		upstream.verify(3, getRequestedFor(urlEqualTo(LANGUAGE)));
	}

	@Test
	void aFailureThatOutlastsTheRetriesAnswers502() {
		upstream.stubFor(get(LANGUAGE).willReturn(error(500, "internal", "boom")));

		Answer answer = this.api.get("/v1/users/alice/push/language", ALICE);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(502);
		assertThat(answer.json().get("type").asString()).isEqualTo("urn:agora-push-proxy:problem:upstream-unavailable");
		upstream.verify(4, getRequestedFor(urlEqualTo(LANGUAGE)));
	}

	@Test
	void aTemplateCreationIsNotRetriedOn503BecauseItMayHaveTakenEffect() {
		upstream.stubFor(post(PREFIX + "/notification/template").willReturn(error(503, "unavailable", "busy")));

		Answer answer = this.api.post("/v1/push/templates",
				"{\"name\":\"t1\",\"titlePattern\":\"Hi {0}\",\"contentPattern\":\"Body {0}\"}", TestJwts.admin());

		assertThat(answer.status()).as(answer.toString()).isEqualTo(502);
		upstream.verify(1, postRequestedFor(urlEqualTo(PREFIX + "/notification/template")));
	}

	@Test
	void anUpstreamBadRequestIsA400WithTheProxysOwnTextForAUser() {
		upstream.stubFor(get(LANGUAGE).willReturn(error(400, "illegal_argument", "username alice is not legal")));

		Answer answer = this.api.get("/v1/users/alice/push/language", ALICE);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
		assertThat(answer.json().get("detail").asString()).isEqualTo("Agora rejected the request");
		assertThat(answer.json().get("type").asString()).isEqualTo("urn:agora-push-proxy:problem:upstream-rejected");
		upstream.verify(1, getRequestedFor(urlEqualTo(LANGUAGE)));
	}

	@Test
	void anUnregisteredUserUpstreamIsA404() {
		upstream.stubFor(get(LANGUAGE).willReturn(
				error(400, "illegal_argument", "com.easemob.im.common.exception.RequiredPropertyNotFoundException",
						"Entity user requires a property named username")));

		Answer answer = this.api.get("/v1/users/alice/push/language", ALICE);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
		assertThat(answer.json().get("type").asString()).isEqualTo("urn:agora-push-proxy:problem:upstream-not-found");
		assertThat(answer.json().get("detail").asString())
			.isEqualTo("Agora has no user of that name: it was never registered");
		upstream.verify(1, getRequestedFor(urlEqualTo(LANGUAGE)));
	}

	@Test
	void aSuccessWithoutTheDataEnvelopeIsABadGateway() {
		upstream.stubFor(get(LANGUAGE).willReturn(okJson("{\"unexpected\":true}")));

		Answer answer = this.api.get("/v1/users/alice/push/language", ALICE);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(502);
		assertThat(answer.json().get("type").asString())
			.isEqualTo("urn:agora-push-proxy:problem:upstream-bad-response");
	}

}
