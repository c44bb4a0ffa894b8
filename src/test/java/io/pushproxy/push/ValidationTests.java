package io.pushproxy.push;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.pushproxy.support.ApiClient.Answer;
import io.pushproxy.support.TestJwts;
import io.pushproxy.support.WireMockProxyTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.pushproxy.support.TestApp.PREFIX;
import static io.pushproxy.support.Upstream.data;
import static io.pushproxy.support.Upstream.okJson;
import static io.pushproxy.support.Upstream.userEnvelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every rule of the contract's validation table, through real HTTP: each invalid request
 * is answered with an {@code application/problem+json} body naming what is wrong, and
 * nothing of it ever reaches the (WireMock) upstream. The boundary values that are valid
 * are shown to be forwarded.
 */
class ValidationTests extends WireMockProxyTest {

	private static final String ALICE = TestJwts.user("alice");

	private static final String ADMIN = TestJwts.admin();

	private static final String PROBLEM_TYPE = "urn:agora-push-proxy:problem:";

	private static final String EMOJI = "😀";

	private static final String SETTINGS_ANSWER = "{\"type\":\"ALL\",\"ignoreInterval\":\"\",\"ignoreDuration\":0}";

	// ---------------------------------------------------------------- {user}

	/**
	 * Every user-level route: method, path after {@code /v1/users/{user}/push}, a valid
	 * body.
	 */
	static Stream<Arguments> userRoutes() {
		return Stream.of(arguments("PUT", "/display-name", "{\"displayName\":\"Alice\"}"),
				arguments("PUT", "/display-style", "{\"displayStyle\":\"SUMMARY\"}"),
				arguments("GET", "/settings", null), arguments("PUT", "/settings", "{\"mode\":\"ALL\"}"),
				arguments("GET", "/conversations/group/12345", null),
				arguments("PUT", "/conversations/user/carol", "{\"mode\":\"NONE\"}"),
				arguments("GET", "/language", null), arguments("PUT", "/language", "{\"language\":\"en\"}"));
	}

	/**
	 * {@code {user}} segments, as sent on the wire, that are neither {@code me} nor a
	 * username.
	 */
	static Stream<String> invalidUsers() {
		return Stream.of("a".repeat(65), "al!ce", "al+ice", "al@ice", "al~ice", "al'ice", "al*ce");
	}

	/**
	 * {@code {user}} segments that need a percent-encoded character: refused as a URL
	 * before they are read as a username.
	 */
	static Stream<String> encodedUsers() {
		return Stream.of("al%20ice", "%C3%A5lice", "%D0%B0%D0%BB%D0%B8%D1%81%D0%B0", "ME%C3%A9", "al%21ce", "%61lice");
	}

	static Stream<Arguments> encodedUserOnEveryRoute() {
		return encodedUsers().flatMap(
				(user) -> userRoutes().map((route) -> arguments(user, route.get()[0], route.get()[1], route.get()[2])));
	}

	@ParameterizedTest(name = "{1} /v1/users/{0}/push{2}")
	@MethodSource("encodedUserOnEveryRoute")
	void aUserSegmentWithAnEncodedCharacterIsRefusedAsAUrlAndNotForwarded(String user, String method, String route,
			String body) {
		Answer answer = this.api.send(method, "/v1/users/" + user + "/push" + route, body, ADMIN);

		assertRejectedUrl(answer);
		assertNothingForwarded();
	}

	static Stream<Arguments> invalidUserOnEveryRoute() {
		return invalidUsers().flatMap(
				(user) -> userRoutes().map((route) -> arguments(user, route.get()[0], route.get()[1], route.get()[2])));
	}

	@ParameterizedTest(name = "{1} /v1/users/{0}/push{2}")
	@MethodSource("invalidUserOnEveryRoute")
	void aUserSegmentThatIsNeitherMeNorAUsernameIsRejectedAndNotForwarded(String user, String method, String route,
			String body) {
		Answer answer = this.api.send(method, "/v1/users/" + user + "/push" + route, body, ADMIN);

		assertValidationProblem(answer, "user");
		assertNothingForwarded();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "%2E%2E", "%2e%2e", ".%2E", "%2E", "%2E%2E%2F%2E%2E" })
	void aUserSegmentOfBareDotsIsRefusedAndNotForwarded(String user) {
		Answer answer = this.api.get("/v1/users/" + user + "/push/settings", ADMIN);

		assertClientErrorProblem(answer);
		assertNothingForwarded();
	}

	@Test
	void aUserOfSixtyFourCharactersIsValidAndForwarded() {
		String user = "a_b-c.D9".repeat(8);
		upstream.stubFor(put(PREFIX + "/users/" + user + "/notification/language")
			.willReturn(okJson(data("{\"language\":\"en\"}"))));

		Answer answer = this.api.put("/v1/users/" + user + "/push/language", "{\"language\":\"en\"}", ADMIN);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		upstream.verify(1, putRequestedFor(urlEqualTo(PREFIX + "/users/" + user + "/notification/language")));
	}

	// ---------------------------------------------------------------- conversations

	static Stream<Arguments> invalidConversations() {
		return Stream.of(arguments("user/" + "b".repeat(65), "id"), arguments("user/b!b", "id"),
				arguments("user/b@b", "id"), arguments("group/abc", "id"), arguments("group/12a", "id"),
				arguments("group/-1", "id"), arguments("group/1.5", "id"), arguments("group/" + "1".repeat(65), "id"),
				arguments("channel/bob", "type"), arguments("USER/bob", "type"), arguments("chatgroup/123", "type"),
				arguments("groups/123", "type"), arguments("chat/bob", "type"));
	}

	static Stream<Arguments> invalidConversationsBothWays() {
		return invalidConversations()
			.flatMap((conversation) -> Stream.of(arguments("GET", conversation.get()[0], conversation.get()[1], null),
					arguments("PUT", conversation.get()[0], conversation.get()[1], "{\"mode\":\"NONE\"}")));
	}

	@ParameterizedTest(name = "{0} .../conversations/{1}")
	@MethodSource("invalidConversationsBothWays")
	void aConversationTypeOrIdOutsideTheRulesIsRejectedAndNotForwarded(String method, String conversation, String field,
			String body) {
		Answer answer = this.api.send(method, "/v1/users/alice/push/conversations/" + conversation, body, ALICE);

		assertValidationProblem(answer, field);
		assertNothingForwarded();
	}

	@ParameterizedTest(name = "{0} .../conversations/{1}")
	@CsvSource({ "GET,user/b%21b", "GET,user/b%20b", "GET,user/%C3%B6bo", "GET,user/%E5%BC%A0%E4%B8%89",
			"GET,group/%EF%BC%91%EF%BC%92", "GET,group/%31%32", "PUT,user/b%20b", "PUT,group/%31%32" })
	void aConversationWithAnEncodedCharacterIsRefusedAsAUrlAndNotForwarded(String method, String conversation) {
		Answer answer = this.api.send(method, "/v1/users/alice/push/conversations/" + conversation,
				"PUT".equals(method) ? "{\"mode\":\"NONE\"}" : null, ALICE);

		assertRejectedUrl(answer);
		assertNothingForwarded();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "user/%2E%2E", "user/%2e%2E", "user/%2E", "group/%2E%2E" })
	void aPeerOfBareDotsIsRefusedAndNotForwarded(String conversation) {
		Answer answer = this.api.get("/v1/users/alice/push/conversations/" + conversation, ALICE);

		assertClientErrorProblem(answer);
		assertNothingForwarded();
	}

	static Stream<Arguments> conversationsWithOneself() {
		return Stream.of(arguments("GET", "/v1/users/alice/push/conversations/user/alice", ALICE),
				arguments("GET", "/v1/users/alice/push/conversations/user/ALICE", ALICE),
				arguments("GET", "/v1/users/alice/push/conversations/user/me", ALICE),
				arguments("GET", "/v1/users/me/push/conversations/user/Alice", ALICE),
				arguments("PUT", "/v1/users/alice/push/conversations/user/alice", ALICE),
				arguments("PUT", "/v1/users/alice/push/conversations/user/ALICE", ALICE),
				arguments("PUT", "/v1/users/alice/push/conversations/user/me", ALICE),
				arguments("PUT", "/v1/users/me/push/conversations/user/me", ALICE),
				arguments("GET", "/v1/users/bob/push/conversations/user/bob", ADMIN),
				arguments("PUT", "/v1/users/bob/push/conversations/user/BOB", ADMIN));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("conversationsWithOneself")
	void aConversationWithOneselfIsRejectedWithAPointerToTheAppLevelSettings(String method, String path, String token) {
		String body = "PUT".equals(method) ? "{\"mode\":\"NONE\"}" : null;

		Answer answer = this.api.send(method, path, body, token);

		assertValidationProblem(answer, "id");
		assertThat(answer.json().get("detail").asString() + answer.json().get("errors")).contains("/push/settings");
		assertNothingForwarded();
	}

	// ---------------------------------------------------------------- displayName

	static Stream<Arguments> invalidDisplayNames() {
		return Stream.of(arguments("missing", "{}"), arguments("null", "{\"displayName\":null}"),
				arguments("empty", "{\"displayName\":\"\"}"),
				arguments("101 ASCII code points", displayName("a".repeat(101))),
				arguments("101 emoji code points", displayName(EMOJI.repeat(101))),
				arguments("a bell", "{\"displayName\":\"A\\u0007B\"}"),
				arguments("a NUL", "{\"displayName\":\"A\\u0000B\"}"),
				arguments("a line feed", "{\"displayName\":\"A\\nB\"}"),
				arguments("a tab", "{\"displayName\":\"A\\tB\"}"),
				arguments("a DEL", "{\"displayName\":\"A\\u007FB\"}"),
				arguments("a C1 control", "{\"displayName\":\"A\\u0085B\"}"),
				arguments("an unpaired high surrogate", "{\"displayName\":\"A\\ud800B\"}"),
				arguments("an unpaired high surrogate at the end", "{\"displayName\":\"A\\ud800\"}"),
				arguments("an unpaired low surrogate", "{\"displayName\":\"A\\udc00B\"}"),
				arguments("a number", "{\"displayName\":42}"), arguments("a boolean", "{\"displayName\":true}"),
				arguments("an object", "{\"displayName\":{\"text\":\"A\"}}"),
				arguments("an array", "{\"displayName\":[\"A\"]}"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidDisplayNames")
	void anInvalidDisplayNameIsRejectedByFieldAndNotForwarded(String description, String body) {
		Answer answer = this.api.put("/v1/users/alice/push/display-name", body, ALICE);

		assertValidationProblem(answer, "displayName");
		assertNothingForwarded();
	}

	static Stream<Arguments> validDisplayNames() {
		return Stream.of(arguments("one character", "A"), arguments("100 ASCII code points", "a".repeat(100)),
				arguments("100 emoji, 200 UTF-16 units", EMOJI.repeat(100)),
				arguments("100 CJK code points", "张".repeat(100)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("validDisplayNames")
	void aDisplayNameOfOneToOneHundredCodePointsIsForwarded(String description, String displayName) {
		upstream.stubFor(put(PREFIX + "/users/alice")
			.willReturn(okJson(userEnvelope("{\"username\":\"alice\",\"nickname\":\"x\"}"))));

		Answer answer = this.api.put("/v1/users/alice/push/display-name", displayName(displayName), ALICE);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		upstream.verify(1, putRequestedFor(urlEqualTo(PREFIX + "/users/alice"))
			.withRequestBody(equalToJson("{\"nickname\":\"" + displayName + "\"}", false, false)));
	}

	// ---------------------------------------------------------------- displayStyle

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "{}", "{\"displayStyle\":null}", "{\"displayStyle\":\"summary\"}",
			"{\"displayStyle\":\"Detailed\"}", "{\"displayStyle\":\"FOO\"}", "{\"displayStyle\":\"\"}",
			"{\"displayStyle\":0}", "{\"displayStyle\":1}", "{\"displayStyle\":true}",
			"{\"displayStyle\":[\"SUMMARY\"]}" })
	void aDisplayStyleOtherThanSummaryOrDetailedIsRejectedAndNotForwarded(String body) {
		Answer answer = this.api.put("/v1/users/alice/push/display-style", body, ALICE);

		assertValidationProblem(answer, "displayStyle");
		assertNothingForwarded();
	}

	// ---------------------------------------------------------------- settings

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "/v1/users/alice/push/settings", "/v1/users/alice/push/conversations/user/bob",
			"/v1/users/alice/push/conversations/group/123" })
	void aSettingsChangeWithoutAnyFieldIsRejectedAndNotForwarded(String path) {
		Answer answer = this.api.put(path, "{}", ALICE);

		assertProblem(answer, 400);
		assertThat(answer.json().get("errors").isArray()).as(answer.toString()).isTrue();
		assertThat(answer.json().get("detail").asString()).contains("mode");
		assertNothingForwarded();
	}

	/** Changes invalid at app and conversation level alike, with the field to blame. */
	static Stream<Arguments> invalidChanges() {
		return Stream.of(arguments("{\"mode\":\"LOUD\"}", "mode"), arguments("{\"mode\":\"all\"}", "mode"),
				arguments("{\"mode\":\"AT\"}", "mode"), arguments("{\"mode\":\"\"}", "mode"),
				arguments("{\"mode\":null}", "mode"), arguments("{\"mode\":1}", "mode"),
				arguments("{\"doNotDisturbFor\":\"P8D\"}", "doNotDisturbFor"),
				arguments("{\"doNotDisturbFor\":\"P7DT0.001S\"}", "doNotDisturbFor"),
				arguments("{\"doNotDisturbFor\":\"PT168H1S\"}", "doNotDisturbFor"),
				arguments("{\"doNotDisturbFor\":\"-PT1S\"}", "doNotDisturbFor"),
				arguments("{\"doNotDisturbFor\":\"PT0.0001S\"}", "doNotDisturbFor"),
				arguments("{\"doNotDisturbFor\":\"PT0.0000001S\"}", "doNotDisturbFor"),
				arguments("{\"doNotDisturbFor\":\"PT1.0005S\"}", "doNotDisturbFor"),
				arguments("{\"doNotDisturbFor\":3600}", "doNotDisturbFor"),
				arguments("{\"doNotDisturbFor\":\"3600\"}", "doNotDisturbFor"),
				arguments("{\"doNotDisturbFor\":\"abc\"}", "doNotDisturbFor"),
				arguments("{\"doNotDisturbFor\":\"\"}", "doNotDisturbFor"),
				arguments("{\"doNotDisturbFor\":null}", "doNotDisturbFor"),
				arguments("{\"mode\":\"ALL\",\"doNotDisturbFor\":\"P8D\"}", "doNotDisturbFor"));
	}

	static Stream<Arguments> invalidChangesEverywhere() {
		return Stream
			.of("/v1/users/alice/push/settings", "/v1/users/alice/push/conversations/user/bob",
					"/v1/users/alice/push/conversations/group/123")
			.flatMap((path) -> invalidChanges().map((change) -> arguments(path, change.get()[0], change.get()[1])));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("invalidChangesEverywhere")
	void anInvalidModeOrDoNotDisturbDurationIsRejectedByFieldAndNotForwarded(String path, String body, String field) {
		Answer answer = this.api.put(path, body, ALICE);

		assertValidationProblem(answer, field);
		assertNothingForwarded();
	}

	static Stream<Arguments> invalidQuietHours() {
		return Stream.of(arguments("{\"start\":\"24:00\",\"end\":\"08:00\"}", "quietHours.start"),
				arguments("{\"start\":\"22:00\",\"end\":\"12:60\"}", "quietHours.end"),
				arguments("{\"start\":\"1:00\",\"end\":\"08:00\"}", "quietHours.start"),
				arguments("{\"start\":\"22:00\",\"end\":\"8:00\"}", "quietHours.end"),
				arguments("{\"start\":\"22:00\"}", "quietHours.end"),
				arguments("{\"end\":\"08:00\"}", "quietHours.start"),
				arguments("{\"start\":\"22:00\",\"end\":null}", "quietHours.end"),
				arguments("{\"start\":\"22:00:00\",\"end\":\"08:00\"}", "quietHours.start"),
				arguments("{\"start\":\"22h00\",\"end\":\"08:00\"}", "quietHours.start"),
				arguments("{\"start\":\"22:00\",\"end\":\"08:00 \"}", "quietHours.end"),
				arguments("{\"start\":\"２２:００\",\"end\":\"08:00\"}", "quietHours.start"),
				arguments("{\"start\":2200,\"end\":\"08:00\"}", "quietHours.start"),
				arguments("{\"start\":\"22:00\",\"end\":\"08:00\",\"tz\":\"UTC\"}", "quietHours.tz"),
				arguments("\"22:00-08:00\"", "quietHours"), arguments("{}", "quietHours.start"));
	}

	@ParameterizedTest(name = "quietHours: {0}")
	@MethodSource("invalidQuietHours")
	void quietHoursOutsideHhMmAreRejectedByFieldAndNotForwarded(String quietHours, String field) {
		Answer answer = this.api.put("/v1/users/alice/push/settings", "{\"quietHours\":" + quietHours + "}", ALICE);

		assertValidationProblem(answer, field);
		assertNothingForwarded();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "{\"mode\":\"DEFAULT\"}", "{\"mode\":\"DEFAULT\",\"doNotDisturbFor\":\"PT1H\"}" })
	void modeDefaultMeansInheritingTheAppLevelSoTheAppLevelRefusesItByName(String body) {
		Answer answer = this.api.put("/v1/users/alice/push/settings", body, ALICE);

		assertValidationProblem(answer, "mode");
		assertThat(answer.json().get("errors").get(0).get("message").asString()).contains("DEFAULT");
		assertNothingForwarded();
	}

	@ParameterizedTest(name = "quietHours {0}-{0}")
	@ValueSource(strings = { "00:00", "08:00", "23:59" })
	void quietHoursWhoseStartEqualsTheirEndAreRefusedWithWhatToSendInstead(String clock) {
		Answer answer = this.api.put("/v1/users/alice/push/settings",
				"{\"quietHours\":{\"start\":\"" + clock + "\",\"end\":\"" + clock + "\"}}", ALICE);

		assertValidationProblem(answer, "quietHours");
		assertThat(answer.json().get("errors").get(0).get("message").asString()).contains("null")
			.contains("mode: NONE");
		assertNothingForwarded();
	}

	static Stream<Arguments> quietHoursOnAConversation() {
		return Stream.of("user/bob", "group/123")
			.flatMap((conversation) -> Stream
				.of("{\"quietHours\":{\"start\":\"22:00\",\"end\":\"07:00\"}}", "{\"quietHours\":null}",
						"{\"mode\":\"NONE\",\"quietHours\":{\"start\":\"22:00\",\"end\":\"07:00\"}}")
				.map((body) -> arguments(conversation, body)));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("quietHoursOnAConversation")
	void quietHoursOnAConversationAreRejectedAndNotForwarded(String conversation, String body) {
		Answer answer = this.api.put("/v1/users/alice/push/conversations/" + conversation, body, ALICE);

		assertValidationProblem(answer, "quietHours");
		assertNothingForwarded();
	}

	static Stream<Arguments> validBoundaryChanges() {
		String appLevel = "/v1/users/alice/push/settings";
		String appLevelUpstream = "/users/alice/notification/user/alice";
		return Stream.of(
				arguments(appLevel, "{\"doNotDisturbFor\":\"P7D\"}", appLevelUpstream,
						"{\"ignoreDuration\":604800000}"),
				arguments(appLevel, "{\"doNotDisturbFor\":\"PT168H\"}", appLevelUpstream,
						"{\"ignoreDuration\":604800000}"),
				arguments(appLevel, "{\"doNotDisturbFor\":\"P6DT23H59M59.999S\"}", appLevelUpstream,
						"{\"ignoreDuration\":604799999}"),
				arguments(appLevel, "{\"doNotDisturbFor\":\"PT0S\"}", appLevelUpstream, "{\"ignoreDuration\":0}"),
				arguments(appLevel, "{\"doNotDisturbFor\":\"PT0.001S\"}", appLevelUpstream, "{\"ignoreDuration\":1}"),
				arguments(appLevel, "{\"quietHours\":{\"start\":\"23:59\",\"end\":\"00:00\"}}", appLevelUpstream,
						"{\"ignoreInterval\":\"23:59-00:00\"}"),
				arguments(appLevel, "{\"quietHours\":{\"start\":\"00:00\",\"end\":\"23:59\"}}", appLevelUpstream,
						"{\"ignoreInterval\":\"00:00-23:59\"}"),
				arguments(appLevel, "{\"mode\":\"MENTIONS\"}", appLevelUpstream, "{\"type\":\"AT\"}"),
				arguments("/v1/users/alice/push/conversations/user/bob", "{\"mode\":\"DEFAULT\"}",
						"/users/alice/notification/user/bob", "{\"type\":\"DEFAULT\"}"),
				arguments("/v1/users/alice/push/conversations/group/" + "9".repeat(64), "{\"doNotDisturbFor\":\"P7D\"}",
						"/users/alice/notification/chatgroup/" + "9".repeat(64), "{\"ignoreDuration\":604800000}"),
				arguments("/v1/users/alice/push/conversations/user/" + "b".repeat(64), "{\"doNotDisturbFor\":\"PT0S\"}",
						"/users/alice/notification/user/" + "b".repeat(64), "{\"ignoreDuration\":0}"),
				arguments("/v1/users/alice/push/conversations/user/b.o_b-1", "{\"mode\":\"ALL\"}",
						"/users/alice/notification/user/b.o_b-1", "{\"type\":\"ALL\"}"));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("validBoundaryChanges")
	void validBoundaryValuesAreForwardedWithNothingElse(String path, String body, String upstreamPath,
			String upstreamBody) {
		upstream.stubFor(put(PREFIX + upstreamPath).willReturn(okJson(data(SETTINGS_ANSWER))));

		Answer answer = this.api.put(path, body, ALICE);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		upstream.verify(1, putRequestedFor(urlEqualTo(PREFIX + upstreamPath))
			.withRequestBody(equalToJson(upstreamBody, false, false)));
	}

	// ---------------------------------------------------------------- language

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "{}", "{\"language\":null}", "{\"language\":\"e\"}",
			"{\"language\":\"english-language-too-long-subtag\"}",
			"{\"language\":\"en-abcdefgh-abcdefgh-abcdefgh-abcdef\"}", "{\"language\":\"en_US\"}",
			"{\"language\":\"en-\"}", "{\"language\":\"-en\"}", "{\"language\":\"en-a\"}",
			"{\"language\":\"en-abcdefghi\"}", "{\"language\":\"engl\"}", "{\"language\":\"e1\"}",
			"{\"language\":\" \"}", "{\"language\":\"en \"}", "{\"language\":\"中文\"}", "{\"language\":5}",
			"{\"language\":[\"en\"]}" })
	void aLanguageThatIsNeitherEmptyNorALanguageTagIsRejectedAndNotForwarded(String body) {
		Answer answer = this.api.put("/v1/users/alice/push/language", body, ALICE);

		assertValidationProblem(answer, "language");
		assertNothingForwarded();
	}

	@ParameterizedTest(name = "\"{0}\"")
	@ValueSource(strings = { "", "en", "zh-Hans", "EU", "haw", "en-US", "zh-Hant-TW", "de-CH-1996",
			"en-abcdefgh-abcdefgh-abcdefgh-abcde" })
	void anEmptyLanguageOrALanguageTagOfAtMostThirtyFiveCharactersIsForwarded(String language) {
		upstream.stubFor(put(PREFIX + "/users/alice/notification/language")
			.willReturn(okJson(data("{\"language\":\"" + language + "\"}"))));

		Answer answer = this.api.put("/v1/users/alice/push/language", "{\"language\":\"" + language + "\"}", ALICE);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		upstream.verify(1, putRequestedFor(urlEqualTo(PREFIX + "/users/alice/notification/language"))
			.withRequestBody(equalToJson("{\"translationLanguage\":\"" + language + "\"}", false, false)));
	}

	// ---------------------------------------------------------------- templates

	static Stream<Arguments> invalidTemplates() {
		return Stream.of(arguments(template("\"\"", "\"T\"", "\"C\""), "name"),
				arguments(template("\"" + "n".repeat(65) + "\"", "\"T\"", "\"C\""), "name"),
				arguments(template("\"a-b\"", "\"T\"", "\"C\""), "name"),
				arguments(template("\"a b\"", "\"T\"", "\"C\""), "name"),
				arguments(template("\"a_b\"", "\"T\"", "\"C\""), "name"),
				arguments(template("\"caf\u00e9\"", "\"T\"", "\"C\""), "name"),
				arguments(template("null", "\"T\"", "\"C\""), "name"),
				arguments(template("42", "\"T\"", "\"C\""), "name"),
				arguments("{\"titlePattern\":\"T\",\"contentPattern\":\"C\"}", "name"),
				arguments(template("\"ok\"", "\"  \"", "\"C\""), "titlePattern"),
				arguments(template("\"ok\"", "\"\"", "\"C\""), "titlePattern"),
				arguments(template("\"ok\"", "null", "\"C\""), "titlePattern"),
				arguments("{\"name\":\"ok\",\"contentPattern\":\"C\"}", "titlePattern"),
				arguments(template("\"ok\"", "\"" + "t".repeat(257) + "\"", "\"C\""), "titlePattern"),
				arguments(template("\"ok\"", "\"" + EMOJI.repeat(257) + "\"", "\"C\""), "titlePattern"),
				arguments(template("\"ok\"", "\"A\\u0007B\"", "\"C\""), "titlePattern"),
				arguments(template("\"ok\"", "\"A\\ud800B\"", "\"C\""), "titlePattern"),
				arguments(template("\"ok\"", "\"T\"", "\"" + "c".repeat(1025) + "\""), "contentPattern"),
				arguments(template("\"ok\"", "\"T\"", "\"" + EMOJI.repeat(1025) + "\""), "contentPattern"),
				arguments(template("\"ok\"", "\"T\"", "\" \\n \""), "contentPattern"),
				arguments(template("\"ok\"", "\"T\"", "null"), "contentPattern"),
				arguments("{\"name\":\"ok\",\"titlePattern\":\"T\"}", "contentPattern"),
				arguments("{\"name\":\"ok\",\"title_pattern\":\"T\",\"contentPattern\":\"C\"}", "title_pattern"));
	}

	@ParameterizedTest(name = "{1}: {0}")
	@MethodSource("invalidTemplates")
	void anInvalidTemplateIsRejectedByFieldAndNotForwarded(String body, String field) {
		Answer answer = this.api.post("/v1/push/templates", body, ADMIN);

		assertValidationProblem(answer, field);
		assertNothingForwarded();
	}

	@Test
	void aTemplateAtEveryUpperBoundIsForwarded() {
		String name = "Ab0".repeat(21) + "z";
		String title = EMOJI.repeat(256);
		String content = "{0}\n" + "c".repeat(1020);
		upstream.stubFor(post(PREFIX + "/notification/template").willReturn(okJson(data("{\"name\":\"" + name
				+ "\",\"createAt\":1,\"updateAt\":2,\"title_pattern\":\"t\",\"content_pattern\":\"c\"}"))));

		Answer answer = this.api.post("/v1/push/templates",
				template("\"" + name + "\"", "\"" + title + "\"", "\"" + content.replace("\n", "\\n") + "\""), ADMIN);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
		upstream
			.verify(1,
					postRequestedFor(urlEqualTo(PREFIX + "/notification/template")).withRequestBody(
							equalToJson(
									"{\"name\":\"" + name + "\",\"title_pattern\":\"" + title
											+ "\",\"content_pattern\":\"" + content.replace("\n", "\\n") + "\"}",
									false, false)));
	}

	static Stream<Arguments> invalidTemplateNamesInPaths() {
		return Stream.of("a-b", "a_b", "a.b", "n".repeat(65), "a!b")
			.flatMap((name) -> Stream.of(arguments("GET", name), arguments("DELETE", name)));
	}

	/**
	 * A change that breaks a rule is refused before anything is read for its
	 * {@code If-Match}: a refused request spends no upstream budget.
	 */
	@ParameterizedTest(name = "{0} {1} {2}")
	@CsvSource(delimiter = '|', value = {
			"PUT|/v1/users/alice/push/settings|{\"quietHours\":{\"start\":\"22:00\",\"end\":\"22:00\"}}|quietHours",
			"PUT|/v1/users/alice/push/settings|{\"mode\":\"DEFAULT\"}|mode",
			"PUT|/v1/users/alice/push/conversations/group/4711|{\"quietHours\":null}|quietHours",
			"PUT|/v1/users/alice/push/conversations/user/alice|{\"mode\":\"NONE\"}|id",
			"PATCH|/v1/users/alice/push|{\"settings\":{\"mode\":\"DEFAULT\"}}|settings.mode" })
	void aConditionalChangeThatBreaksARuleIsRefusedBeforeTheCurrentStateIsRead(String method, String path, String body,
			String field) {
		Answer answer = this.api.send(jsonRequest(path).header("If-Match", "\"0123456789abcdef\"")
			.method(method, HttpRequest.BodyPublishers.ofString(body))
			.build());

		assertProblem(answer, 400);
		assertThat(answer.json().get("errors").findValuesAsString("field")).as(answer.toString()).contains(field);
		assertNothingForwarded();
	}

	@Test
	void everyBrokenRuleOfASettingsChangeIsNamedAtOnce() {
		Answer answer = this.api.put("/v1/users/alice/push/settings",
				"{\"mode\":\"DEFAULT\",\"quietHours\":{\"start\":\"22:00\",\"end\":\"22:00\"},\"doNotDisturbFor\":null}",
				ALICE);

		assertProblem(answer, 400);
		assertThat(answer.json().get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("mode",
				"quietHours", "doNotDisturbFor");
		assertNothingForwarded();
	}

	@ParameterizedTest(name = "{0} /v1/push/templates/{1}")
	@CsvSource({ "GET,a%20b", "DELETE,a%20b", "GET,caf%C3%A9", "DELETE,%77elcome" })
	void aTemplateNameInThePathWithAnEncodedCharacterIsRefusedAsAUrlAndNotForwarded(String method, String name) {
		Answer answer = this.api.send(method, "/v1/push/templates/" + name, null, ADMIN);

		assertRejectedUrl(answer);
		assertNothingForwarded();
	}

	@ParameterizedTest(name = "{0} /v1/push/templates/{1}")
	@MethodSource("invalidTemplateNamesInPaths")
	void aTemplateNameInThePathOutsideTheRulesIsRejectedAndNotForwarded(String method, String name) {
		Answer answer = this.api.send(method, "/v1/push/templates/" + name, null, ADMIN);

		assertValidationProblem(answer, "name");
		assertNothingForwarded();
	}

	// ---------------------------------------------------------------- body

	static Stream<Arguments> malformedBodies() {
		return Stream.of(arguments("truncated JSON", "{\"displayName\":"), arguments("not JSON", "displayName=A"),
				arguments("a JSON array", "[{\"displayName\":\"A\"}]"), arguments("an empty array", "[]"),
				arguments("a JSON string", "\"Alice\""), arguments("a JSON number", "42"),
				arguments("JSON null", "null"),
				arguments("duplicate keys", "{\"displayName\":\"A\",\"displayName\":\"B\"}"),
				arguments("trailing content", "{\"displayName\":\"A\"} {\"displayName\":\"B\"}"),
				arguments("a trailing comma", "{\"displayName\":\"A\",}"),
				arguments("single quotes", "{'displayName':'A'}"),
				arguments("a comment", "{/*x*/\"displayName\":\"A\"}"), arguments("an empty body", ""),
				arguments("only white space", "   "));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("malformedBodies")
	void aBodyThatIsNotOneJsonObjectIsRejectedAndNotForwarded(String description, String body) {
		Answer answer = this.api.put("/v1/users/alice/push/display-name", body, ALICE);

		assertProblem(answer, 400);
		assertNothingForwarded();
	}

	@Test
	void everyProblemOfABodyIsNamedAtOnceUnknownFieldsAndEnumNamesIncluded() {
		String body = """
				{"displayStyle": "LOUD", "displayName": "%s", "extra": 1,
				 "settings": {"mode": "SOMETIMES", "quietHours": {"start": "25:00", "end": "07:00"}, "more": true}}"""
			.formatted("x".repeat(101));

		Answer answer = this.api.send("PATCH", "/v1/users/alice/push", body, ALICE);

		assertProblem(answer, 400);
		List<String> errors = new ArrayList<>();
		answer.json()
			.get("errors")
			.forEach((error) -> errors.add(error.get("field").asString() + ": " + error.get("message").asString()));
		assertThat(errors).containsExactlyInAnyOrder("displayStyle: must be one of SUMMARY, DETAILED",
				"extra: unknown field", "settings.mode: must be one of ALL, MENTIONS, NONE, DEFAULT",
				"settings.more: unknown field", "displayName: must be 1-100 characters without control characters",
				"settings.quietHours.start: must be HH:MM with HH 00-23 and MM 00-59");
		assertThat(answer.json().get("detail").asString()).isEqualTo("6 fields are invalid");
		assertNothingForwarded();
	}

	@Test
	void aSyntaxErrorNamesTheLineAndColumnWhereTheParserStopped() {
		Answer answer = this.api.put("/v1/users/alice/push/display-name", "{\n  \"displayName\": \"A\",\n}", ALICE);

		assertProblem(answer, 400);
		assertThat(answer.json().get("detail").asString())
			.isEqualTo("The request body is not valid JSON (line 3, column 1)");
		assertNothingForwarded();
	}

	@Test
	void aPutWithoutAnyBodyOrContentTypeIsRejectedAsMissingItsBody() {
		Answer answer = this.api.send("PUT", "/v1/users/alice/push/display-name", null, ALICE);

		assertProblem(answer, 400);
		assertNothingForwarded();
	}

	static Stream<Arguments> bodiesWithAnUnknownField() {
		return Stream.of(arguments("PUT", "/v1/users/alice/push/display-name", "{\"displayName\":\"A\",\"extra\":1}"),
				arguments("PUT", "/v1/users/alice/push/display-name", "{\"extra\":1,\"displayName\":\"A\"}"),
				arguments("PUT", "/v1/users/alice/push/display-style", "{\"displayStyle\":\"SUMMARY\",\"extra\":1}"),
				arguments("PUT", "/v1/users/alice/push/settings", "{\"mode\":\"ALL\",\"extra\":1}"),
				arguments("PUT", "/v1/users/alice/push/conversations/user/bob", "{\"mode\":\"ALL\",\"extra\":1}"),
				arguments("PUT", "/v1/users/alice/push/language", "{\"language\":\"en\",\"extra\":1}"),
				arguments("POST", "/v1/push/templates",
						"{\"name\":\"ok\",\"titlePattern\":\"T\",\"contentPattern\":\"C\",\"extra\":1}"));
	}

	@ParameterizedTest(name = "{0} {1} {2}")
	@MethodSource("bodiesWithAnUnknownField")
	void anUnknownFieldIsRejectedByName(String method, String path, String body) {
		String token = path.startsWith("/v1/push") ? ADMIN : ALICE;

		Answer answer = this.api.send(method, path, body, token);

		assertValidationProblem(answer, "extra");
		assertThat(answer.json().get("errors").get(0).get("field").asString()).isEqualTo("extra");
		assertNothingForwarded();
	}

	@ParameterizedTest(name = "upstream name {0}")
	@ValueSource(strings = { "{\"nickname\":\"A\"}", "{\"displayName\":\"A\",\"nickname\":\"B\"}" })
	void theUpstreamFieldNameIsAnUnknownField(String body) {
		Answer answer = this.api.put("/v1/users/alice/push/display-name", body, ALICE);

		assertValidationProblem(answer, "nickname");
		assertNothingForwarded();
	}

	@Test
	void aBodyOverSixteenKibibytesWithContentLengthIsTooLarge() {
		HttpRequest request = jsonRequest("/v1/users/alice/push/settings")
			.PUT(HttpRequest.BodyPublishers.ofString(settingsPaddedTo(16 * 1024 + 1)))
			.build();

		Answer answer = this.api.send(request);

		assertProblem(answer, 413);
		assertNothingForwarded();
	}

	@Test
	void aChunkedBodyOverSixteenKibibytesIsTooLarge() {
		HttpRequest request = jsonRequest("/v1/users/alice/push/settings").version(HttpClient.Version.HTTP_1_1)
			.PUT(HttpRequest.BodyPublishers
				.fromPublisher(HttpRequest.BodyPublishers.ofString(settingsPaddedTo(20 * 1024))))
			.build();

		Answer answer = this.api.send(request);

		assertProblem(answer, 413);
		assertNothingForwarded();
	}

	@Test
	void aBodyOfExactlySixteenKibibytesIsAccepted() {
		upstream
			.stubFor(put(PREFIX + "/users/alice/notification/user/alice").willReturn(okJson(data(SETTINGS_ANSWER))));
		HttpRequest request = jsonRequest("/v1/users/alice/push/settings")
			.PUT(HttpRequest.BodyPublishers.ofString(settingsPaddedTo(16 * 1024)))
			.build();

		Answer answer = this.api.send(request);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		upstream.verify(1, putRequestedFor(urlEqualTo(PREFIX + "/users/alice/notification/user/alice"))
			.withRequestBody(equalToJson("{\"type\":\"ALL\"}", false, false)));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "text/plain", "text/plain; charset=UTF-8", "application/x-www-form-urlencoded",
			"application/xml", "multipart/form-data; boundary=x" })
	void aBodyThatIsNotDeclaredJsonIsAnUnsupportedMediaType(String contentType) {
		HttpRequest request = HttpRequest.newBuilder(this.api.uri("/v1/users/alice/push/display-name"))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + ALICE)
			.header("Content-Type", contentType)
			.PUT(HttpRequest.BodyPublishers.ofString("{\"displayName\":\"Alice\"}"))
			.build();

		Answer answer = this.api.send(request);

		assertProblem(answer, 415);
		assertNothingForwarded();
	}

	@Test
	void aTemplateDeclaredAsPlainTextIsAnUnsupportedMediaType() {
		HttpRequest request = HttpRequest.newBuilder(this.api.uri("/v1/push/templates"))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + ADMIN)
			.header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString(template("\"ok\"", "\"T\"", "\"C\"")))
			.build();

		Answer answer = this.api.send(request);

		assertProblem(answer, 415);
		assertNothingForwarded();
	}

	// ---------------------------------------------------------------- support

	/** A 400 validation problem whose {@code errors} name the field. */
	private static void assertValidationProblem(Answer answer, String field) {
		assertProblem(answer, 400);
		JsonNode errors = answer.json().get("errors");
		assertThat(errors).as("errors of " + answer).isNotNull();
		assertThat(errors.isArray()).as("errors of " + answer).isTrue();
		List<String> fields = new ArrayList<>();
		for (JsonNode error : errors) {
			fields.add(error.hasNonNull("field") ? error.get("field").asString() : null);
			assertThat(error.hasNonNull("message")).as("message of " + error).isTrue();
		}
		assertThat(fields).as("fields named by " + answer).contains(field);
	}

	/**
	 * An {@code application/problem+json} answer with every member the contract names.
	 */
	private static void assertProblem(Answer answer, int status) {
		assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
		assertProblemBody(answer);
	}

	/**
	 * Any 4xx, as a complete problem (for paths the servlet container or firewall may
	 * refuse first).
	 */
	/**
	 * 400 {@code rejected-url}: the firewall refused the path before anything read it.
	 */
	private static void assertRejectedUrl(Answer answer) {
		assertProblem(answer, 400);
		assertThat(text(answer.json(), "type")).isEqualTo(PROBLEM_TYPE + "rejected-url");
	}

	private static void assertClientErrorProblem(Answer answer) {
		assertThat(answer.status()).as(answer.toString()).isBetween(400, 499);
		assertProblemBody(answer);
	}

	private static void assertProblemBody(Answer answer) {
		assertThat(answer.contentType()).as("Content-Type of " + answer).startsWith("application/problem+json");
		JsonNode problem = answer.json();
		assertThat(text(problem, "type")).as("type of " + answer).startsWith(PROBLEM_TYPE);
		assertThat(text(problem, "title")).as("title of " + answer).isNotBlank();
		assertThat(problem.hasNonNull("status") ? problem.get("status").asInt() : null).as("status of " + answer)
			.isEqualTo(answer.status());
		assertThat(text(problem, "detail")).as("detail of " + answer).isNotBlank();
		assertThat(text(problem, "instance")).as("instance of " + answer).isNotBlank();
		assertThat(text(problem, "requestId")).as("requestId of " + answer)
			.isNotBlank()
			.isEqualTo(answer.header("X-Request-Id"));
	}

	private static String text(JsonNode node, String field) {
		return node.hasNonNull(field) ? node.get(field).asString() : null;
	}

	private static void assertNothingForwarded() {
		upstream.verify(0, anyRequestedFor(anyUrl()));
		assertThat(upstream.getAllServeEvents()).as("requests that reached the upstream").isEmpty();
	}

	private HttpRequest.Builder jsonRequest(String path) {
		return HttpRequest.newBuilder(this.api.uri(path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + ALICE)
			.header("Content-Type", "application/json");
	}

	/**
	 * A valid settings change ({@code mode: ALL}) padded with white space to exactly
	 * {@code bytes}.
	 */
	private static String settingsPaddedTo(int bytes) {
		String head = "{\"mode\":\"ALL\"";
		return head + " ".repeat(bytes - head.length() - 1) + "}";
	}

	private static String displayName(String value) {
		return "{\"displayName\":\"" + value + "\"}";
	}

	private static String template(String name, String titlePattern, String contentPattern) {
		return "{\"name\":" + name + ",\"titlePattern\":" + titlePattern + ",\"contentPattern\":" + contentPattern
				+ "}";
	}

}
