package io.pushproxy.push;

import io.pushproxy.support.ApiClient.Answer;
import io.pushproxy.support.TestJwts;
import io.pushproxy.support.WireMockProxyTest;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.pushproxy.support.TestApp.PREFIX;
import static io.pushproxy.support.Upstream.data;
import static io.pushproxy.support.Upstream.okJson;
import static io.pushproxy.support.Upstream.userEnvelope;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The user-level operations end to end: the app-facing request and answer, and the exact
 * request that reached the (WireMock) upstream.
 */
class UserPushApiTests extends WireMockProxyTest {

	private static final String ALICE = TestJwts.user("alice");

	private static final String BEARER_007 = "Bearer 007[A-Za-z0-9+/=]+";

	@Test
	void aMistypedRouteIsTheApisOwn404ProblemNotSpringsStaticResourceText() {
		Answer answer = this.api.get("/v1/users/me/push/languag", TestJwts.user("alice"));

		assertThat(answer.status()).isEqualTo(404);
		assertThat(answer.contentType()).startsWith("application/problem+json");
		assertThat(answer.json().get("type").asString()).isEqualTo("urn:agora-push-proxy:problem:not-found");
		assertThat(answer.json().get("detail").asString()).startsWith("No call of this API answers GET")
			.doesNotContain("static resource");
	}

	@Test
	void displayNameIsSentAsNicknameAndAnsweredInAppTerms() {
		upstream.stubFor(put(PREFIX + "/users/alice").willReturn(okJson(userEnvelope(
				"{\"username\":\"alice\",\"nickname\":\"Alice 🌸\",\"uuid\":\"u1\",\"activated\":true}"))));

		Answer answer = this.api.put("/v1/users/alice/push/display-name", "{\"displayName\":\"Alice 🌸\"}", ALICE);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		assertThat(answer.json().get("username").asString()).isEqualTo("alice");
		assertThat(answer.json().get("displayName").asString()).isEqualTo("Alice 🌸");
		assertThat(answer.header("X-Request-Id")).isNotBlank();
		upstream.verify(1,
				putRequestedFor(urlEqualTo(PREFIX + "/users/alice")).withHeader("Authorization", matching(BEARER_007))
					.withHeader("Accept", equalTo("application/json"))
					.withHeader("Content-Type", matching("application/json.*"))
					.withRequestBody(equalToJson("{\"nickname\":\"Alice 🌸\"}", false, false)));
	}

	@Test
	void displayStyleIsSentAsItsUpstreamNumber() {
		upstream.stubFor(put(PREFIX + "/users/alice")
			.willReturn(okJson(userEnvelope("{\"username\":\"alice\",\"notification_display_style\":1}"))));

		Answer answer = this.api.put("/v1/users/me/push/display-style", "{\"displayStyle\":\"DETAILED\"}", ALICE);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		assertThat(answer.json().get("displayStyle").asString()).isEqualTo("DETAILED");
		assertThat(answer.json().get("username").asString()).isEqualTo("alice");
		upstream.verify(1,
				putRequestedFor(urlEqualTo(PREFIX + "/users/alice")).withHeader("Authorization", matching(BEARER_007))
					.withRequestBody(equalToJson("{\"notification_display_style\":1}", false, false)));
	}

	@Test
	void appLevelSettingsReadTheUsersOwnKeyAndTurnTheAbsoluteIgnoreDurationIntoAnInstant() {
		upstream.stubFor(get(PREFIX + "/users/alice/notification/user/alice").willReturn(
				okJson(data("{\"type\":\"AT\",\"ignoreInterval\":\"21:30-08:00\",\"ignoreDuration\":4102444800924}"))));

		Answer answer = this.api.get("/v1/users/me/push/settings", ALICE);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		assertThat(answer.json().get("mode").asString()).isEqualTo("MENTIONS");
		assertThat(answer.json().get("quietHours").get("start").asString()).isEqualTo("21:30");
		assertThat(answer.json().get("quietHours").get("end").asString()).isEqualTo("08:00");
		assertThat(answer.json().get("doNotDisturbUntil").asString()).isEqualTo("2100-01-01T00:00:00.924Z");
		upstream.verify(1,
				getRequestedFor(urlEqualTo(PREFIX + "/users/alice/notification/user/alice"))
					.withHeader("Authorization", matching(BEARER_007))
					.withHeader("Accept", equalTo("application/json"))
					.withHeader("Content-Type", absent()));
	}

	@Test
	void aDoNotDisturbWhoseEndHasPassedIsAnsweredAsNullAtAppAndConversationLevel() {
		long ended = System.currentTimeMillis() - 1000;
		upstream.stubFor(get(PREFIX + "/users/alice/notification/user/alice")
			.willReturn(okJson(data("{\"type\":\"NONE\",\"ignoreInterval\":\"\",\"ignoreDuration\":" + ended + "}"))));
		upstream.stubFor(put(PREFIX + "/users/alice/notification/chatgroup/4711")
			.willReturn(okJson(data("{\"type\":\"NONE\",\"ignoreDuration\":1647590149924}"))));

		Answer app = this.api.get("/v1/users/alice/push/settings", ALICE);
		Answer group = this.api.put("/v1/users/alice/push/conversations/group/4711", "{\"mode\":\"NONE\"}", ALICE);

		assertThat(app.status()).as(app.toString()).isEqualTo(200);
		assertThat(app.body()).contains("\"doNotDisturbUntil\":null");
		assertThat(group.status()).as(group.toString()).isEqualTo(200);
		assertThat(group.body()).contains("\"doNotDisturbUntil\":null");
	}

	@Test
	void anAppLevelModeOfDefaultNeverSetReadsAsAll() {
		upstream.stubFor(get(PREFIX + "/users/alice/notification/user/alice")
			.willReturn(okJson(data("{\"type\":\"DEFAULT\",\"ignoreInterval\":\"\",\"ignoreDuration\":0}"))));
		upstream.stubFor(get(PREFIX + "/users/alice/notification/user/bob")
			.willReturn(okJson(data("{\"type\":\"DEFAULT\",\"ignoreDuration\":0}"))));

		Answer app = this.api.get("/v1/users/alice/push/settings", ALICE);
		Answer conversation = this.api.get("/v1/users/alice/push/conversations/user/bob", ALICE);

		assertThat(app.json().get("mode").asString()).isEqualTo("ALL");
		assertThat(conversation.json().get("mode").asString()).isEqualTo("DEFAULT");
	}

	@Test
	void unsetQuietHoursAndDoNotDisturbAreAnsweredAsNull() {
		upstream.stubFor(get(PREFIX + "/users/alice/notification/user/alice")
			.willReturn(okJson(data("{\"type\":\"ALL\",\"ignoreInterval\":\"\",\"ignoreDuration\":0}"))));

		Answer answer = this.api.get("/v1/users/alice/push/settings", ALICE);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		assertThat(answer.body()).contains("\"quietHours\":null").contains("\"doNotDisturbUntil\":null");
	}

	@Test
	void changingAppLevelSettingsSendsOnlyTheFieldsGivenWithDurationInMilliseconds() {
		upstream.stubFor(put(PREFIX + "/users/alice/notification/user/alice").willReturn(okJson(
				data("{\"type\":\"NONE\",\"ignoreInterval\":\"22:00-07:00\",\"ignoreDuration\":1647590149924}"))));

		Answer answer = this.api.put("/v1/users/alice/push/settings",
				"{\"mode\":\"NONE\",\"quietHours\":{\"start\":\"22:00\",\"end\":\"07:00\"},\"doNotDisturbFor\":\"P1D\"}",
				ALICE);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		assertThat(answer.json().get("mode").asString()).isEqualTo("NONE");
		upstream.verify(1,
				putRequestedFor(urlEqualTo(PREFIX + "/users/alice/notification/user/alice"))
					.withHeader("Content-Type", matching("application/json.*"))
					.withRequestBody(equalToJson(
							"{\"type\":\"NONE\",\"ignoreInterval\":\"22:00-07:00\",\"ignoreDuration\":86400000}", false,
							false)));
	}

	@Test
	void nullQuietHoursClearThemWithAnEmptyIntervalAndNothingElseIsSent() {
		upstream.stubFor(put(PREFIX + "/users/alice/notification/user/alice")
			.willReturn(okJson(data("{\"type\":\"ALL\",\"ignoreInterval\":\"\",\"ignoreDuration\":0}"))));

		Answer answer = this.api.put("/v1/users/alice/push/settings", "{\"quietHours\":null}", ALICE);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		upstream.verify(1, putRequestedFor(urlEqualTo(PREFIX + "/users/alice/notification/user/alice"))
			.withRequestBody(equalToJson("{\"ignoreInterval\":\"\"}", false, false)));
	}

	@Test
	void zeroDurationEndsDoNotDisturb() {
		upstream.stubFor(put(PREFIX + "/users/alice/notification/user/alice")
			.willReturn(okJson(data("{\"type\":\"ALL\",\"ignoreDuration\":0}"))));

		Answer answer = this.api.put("/v1/users/alice/push/settings", "{\"doNotDisturbFor\":\"PT0S\"}", ALICE);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		upstream.verify(1, putRequestedFor(urlEqualTo(PREFIX + "/users/alice/notification/user/alice"))
			.withRequestBody(equalToJson("{\"ignoreDuration\":0}", false, false)));
	}

	@Test
	void groupConversationSettingsUseTheChatgroupType() {
		upstream.stubFor(get(PREFIX + "/users/alice/notification/chatgroup/12312312321")
			.willReturn(okJson(data("{\"type\":\"NONE\",\"ignoreDuration\":4102444800924}"))));

		Answer answer = this.api.get("/v1/users/alice/push/conversations/group/12312312321", ALICE);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		assertThat(answer.json().get("mode").asString()).isEqualTo("NONE");
		assertThat(answer.json().get("doNotDisturbUntil").asString()).isEqualTo("2100-01-01T00:00:00.924Z");
		assertThat(answer.json().has("quietHours")).isFalse();
		upstream.verify(1, getRequestedFor(urlEqualTo(PREFIX + "/users/alice/notification/chatgroup/12312312321"))
			.withHeader("Authorization", matching(BEARER_007)));
	}

	@Test
	void oneToOneConversationSettingsAreKeyedByThePeer() {
		upstream.stubFor(put(PREFIX + "/users/alice/notification/user/bob")
			.willReturn(okJson(data("{\"type\":\"DEFAULT\",\"ignoreDuration\":0}"))));

		Answer answer = this.api.put("/v1/users/alice/push/conversations/user/bob",
				"{\"mode\":\"DEFAULT\",\"doNotDisturbFor\":\"PT30M\"}", ALICE);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		assertThat(answer.json().get("mode").asString()).isEqualTo("DEFAULT");
		assertThat(answer.body()).contains("\"doNotDisturbUntil\":null");
		upstream.verify(1, putRequestedFor(urlEqualTo(PREFIX + "/users/alice/notification/user/bob"))
			.withRequestBody(equalToJson("{\"type\":\"DEFAULT\",\"ignoreDuration\":1800000}", false, false)));
	}

	@Test
	void languageIsReadFromTheDataEnvelope() {
		upstream.stubFor(
				get(PREFIX + "/users/alice/notification/language").willReturn(okJson(data("{\"language\":\"EU\"}"))));

		Answer answer = this.api.get("/v1/users/alice/push/language", ALICE);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		assertThat(answer.json().get("language").asString()).isEqualTo("EU");
		upstream.verify(1, getRequestedFor(urlEqualTo(PREFIX + "/users/alice/notification/language"))
			.withHeader("Authorization", matching(BEARER_007)));
	}

	@Test
	void languageIsSentAsTranslationLanguage() {
		upstream.stubFor(put(PREFIX + "/users/alice/notification/language")
			.willReturn(okJson(data("{\"language\":\"zh-Hans\"}"))));

		Answer answer = this.api.put("/v1/users/alice/push/language", "{\"language\":\"zh-Hans\"}", ALICE);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		assertThat(answer.json().get("language").asString()).isEqualTo("zh-Hans");
		upstream.verify(1, putRequestedFor(urlEqualTo(PREFIX + "/users/alice/notification/language"))
			.withRequestBody(equalToJson("{\"translationLanguage\":\"zh-Hans\"}", false, false)));
	}

	@Test
	void anEmptyLanguageMeansThePushesOriginalLanguage() {
		upstream.stubFor(
				put(PREFIX + "/users/alice/notification/language").willReturn(okJson(data("{\"language\":\"\"}"))));

		Answer answer = this.api.put("/v1/users/alice/push/language", "{\"language\":\"\"}", ALICE);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		upstream.verify(1, putRequestedFor(urlEqualTo(PREFIX + "/users/alice/notification/language"))
			.withRequestBody(equalToJson("{\"translationLanguage\":\"\"}", false, false)));
	}

}
