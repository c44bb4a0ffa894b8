package io.pushproxy.push;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.pushproxy.support.ApiClient.Answer;
import io.pushproxy.support.TestJwts;
import io.pushproxy.support.WireMockProxyTest;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.pushproxy.support.TestApp.PREFIX;
import static io.pushproxy.support.Upstream.data;
import static io.pushproxy.support.Upstream.error;
import static io.pushproxy.support.Upstream.okJson;
import static io.pushproxy.support.Upstream.userEnvelope;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The push profile when some upstream calls fail: the screen still renders what it can,
 * and a partly applied PATCH says exactly what took effect.
 */
class PushProfileFailureTests extends WireMockProxyTest {

	private static final String ALICE = TestJwts.user("alice");

	private static final String USER = PREFIX + "/users/alice";

	private static final String SETTINGS = PREFIX + "/users/alice/notification/user/alice";

	private static final String LANGUAGE = PREFIX + "/users/alice/notification/language";

	@Test
	void aFailedSectionIsNullAndListedWhileTheOthersRender() {
		upstream.stubFor(get(USER).willReturn(okJson(
				userEnvelope("{\"username\":\"alice\",\"nickname\":\"Alice\",\"notification_display_style\":1}"))));
		upstream.stubFor(get(SETTINGS).willReturn(okJson(data("{\"type\":\"NONE\",\"ignoreInterval\":\"\"}"))));
		upstream.stubFor(get(LANGUAGE).willReturn(error(403, "forbidden_op", "translation is not enabled")));

		Answer answer = this.api.get("/v1/users/me/push", ALICE);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		assertThat(answer.json().get("displayName").asString()).isEqualTo("Alice");
		assertThat(answer.json().get("displayStyle").asString()).isEqualTo("DETAILED");
		assertThat(answer.json().get("settings").get("mode").asString()).isEqualTo("NONE");
		assertThat(answer.json().get("language").isNull()).isTrue();
		assertThat(answer.json().get("unavailable").size()).isEqualTo(1);
		assertThat(answer.json().get("unavailable").get(0).get("section").asString()).isEqualTo("language");
		assertThat(answer.json().get("unavailable").get(0).get("status").asInt()).isEqualTo(403);
		assertThat(answer.json().get("unavailable").get(0).get("type").asString())
			.isEqualTo("urn:agora-push-proxy:problem:upstream-forbidden");
		upstream.verify(1, getRequestedFor(urlEqualTo(USER)));
		upstream.verify(1, getRequestedFor(urlEqualTo(SETTINGS)));
		upstream.verify(1, getRequestedFor(urlEqualTo(LANGUAGE)));
	}

	@Test
	void whenEverySectionFailsTheAnswerIsTheFirstProblem() {
		upstream.stubFor(get(USER).willReturn(error(403, "forbidden_op", "no")));
		upstream.stubFor(get(SETTINGS).willReturn(error(403, "forbidden_op", "no")));
		upstream.stubFor(get(LANGUAGE).willReturn(error(403, "forbidden_op", "no")));

		Answer answer = this.api.get("/v1/users/me/push", ALICE);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
		assertThat(answer.contentType()).startsWith("application/problem+json");
		assertThat(answer.json().get("type").asString()).isEqualTo("urn:agora-push-proxy:problem:upstream-forbidden");
	}

	@Test
	void theThreeReadsOverlap() {
		upstream.stubFor(get(USER).willReturn(okJson(userEnvelope("{\"username\":\"alice\"}")).withFixedDelay(700)));
		upstream.stubFor(get(SETTINGS).willReturn(okJson(data("{\"type\":\"ALL\"}")).withFixedDelay(700)));
		upstream.stubFor(get(LANGUAGE).willReturn(okJson(data("{\"language\":\"en\"}")).withFixedDelay(700)));

		Answer answer = this.api.get("/v1/users/me/push", ALICE);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		List<ServeEvent> served = upstream.getAllServeEvents();
		assertThat(served).hasSize(3);
		long first = served.stream()
			.mapToLong((event) -> event.getRequest().getLoggedDate().getTime())
			.min()
			.getAsLong();
		long last = served.stream()
			.mapToLong((event) -> event.getRequest().getLoggedDate().getTime())
			.max()
			.getAsLong();
		assertThat(last - first).as("each read left before the others answered").isLessThan(700);
	}

	@Test
	void aPartlyFailedPatchSaysWhatWasAppliedAndWhatFailed() {
		upstream.stubFor(put(USER).willReturn(okJson(
				userEnvelope("{\"username\":\"alice\",\"nickname\":\"Ally\",\"notification_display_style\":0}"))));
		upstream.stubFor(put(LANGUAGE).willReturn(error(403, "forbidden_op", "translation is not enabled")));
		upstream.stubFor(get(SETTINGS).willReturn(okJson(data("{\"type\":\"ALL\"}"))));

		Answer answer = patch("{\"displayName\":\"Ally\",\"displayStyle\":\"SUMMARY\",\"language\":\"fr\"}");

		assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
		assertThat(answer.contentType()).startsWith("application/problem+json");
		assertThat(answer.json().get("type").asString()).isEqualTo("urn:agora-push-proxy:problem:upstream-forbidden");
		assertThat(answer.json().get("applied").toString()).isEqualTo("[\"displayName\",\"displayStyle\"]");
		assertThat(answer.json().get("failed").size()).isEqualTo(1);
		assertThat(answer.json().get("failed").get(0).get("section").asString()).isEqualTo("language");
		assertThat(answer.json().get("failed").get(0).get("status").asInt()).isEqualTo(403);
		upstream.verify(1, putRequestedFor(urlEqualTo(USER))
			.withRequestBody(equalToJson("{\"nickname\":\"Ally\",\"notification_display_style\":0}")));
		upstream.verify(1,
				putRequestedFor(urlEqualTo(LANGUAGE)).withRequestBody(equalToJson("{\"translationLanguage\":\"fr\"}")));
		upstream.verify(0, putRequestedFor(urlEqualTo(SETTINGS)));
	}

	@Test
	void aPatchWhoseOnlyWriteFailsAppliedNothing() {
		upstream.stubFor(put(SETTINGS).willReturn(error(400, "invalid_parameter", "bad")));
		upstream.stubFor(get(USER).willReturn(okJson(userEnvelope("{\"username\":\"alice\"}"))));
		upstream.stubFor(get(LANGUAGE).willReturn(okJson(data("{\"language\":\"en\"}"))));

		Answer answer = patch("{\"settings\":{\"mode\":\"NONE\"}}");

		assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
		assertThat(answer.json().get("type").asString()).isEqualTo("urn:agora-push-proxy:problem:upstream-rejected");
		assertThat(answer.json().get("applied").size()).isZero();
		assertThat(answer.json().get("failed").get(0).get("section").asString()).isEqualTo("settings");
		upstream.verify(1, putRequestedFor(urlEqualTo(SETTINGS)).withRequestBody(equalToJson("{\"type\":\"NONE\"}")));
	}

	private Answer patch(String json) {
		return this.api.send(HttpRequest.newBuilder(this.api.uri("/v1/users/me/push"))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + ALICE)
			.header("Content-Type", "application/merge-patch+json")
			.method("PATCH", HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

}
