package io.pushproxy.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.pushproxy.agora.token.AccessToken2;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AgoraEmulatorTests {

	private static final String ORG = "acme";

	private static final String APP = "pushdemo";

	private static final String APP_ID = "970CA35de60c44645bbae8a215061b33";

	private static final String APP_CERTIFICATE = "5CFd2fd1755d40ecb72977518be15d3b";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private AgoraEmulator emulator;

	private String token;

	@BeforeEach
	void startEmulator() {
		this.emulator = AgoraEmulator.start(0, ORG, APP, APP_ID, APP_CERTIFICATE);
		this.emulator.registerUser("Alice");
		this.emulator.registerUser("bob");
		this.token = appToken(nowSeconds(), 3600);
	}

	@AfterEach
	void stopEmulator() {
		this.emulator.close();
	}

	@Test
	void settingTheNicknameAnswersTheUserEntityEnvelope() {
		HttpResponse<String> response = call("PUT", "/users/ALICE", "{\"nickname\":\"Al\"}");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		JsonNode body = json(response);
		assertThat(body.get("action").asString()).isEqualTo("put");
		assertThat(body.get("application").asString()).isNotEmpty();
		assertThat(body.get("path").asString()).isEqualTo("/users");
		assertThat(body.get("uri").asString())
			.isEqualTo(this.emulator.baseUrl() + "/" + ORG + "/" + APP + "/users/ALICE");
		assertThat(body.get("timestamp").isIntegralNumber()).isTrue();
		assertThat(body.get("duration").isIntegralNumber()).isTrue();
		assertThat(body.get("organization").asString()).isEqualTo(ORG);
		assertThat(body.get("applicationName").asString()).isEqualTo(APP);
		assertThat(body.has("data")).isFalse();
		JsonNode user = body.get("entities").get(0);
		assertThat(user.get("uuid").asString()).isNotEmpty();
		assertThat(user.get("type").asString()).isEqualTo("user");
		assertThat(user.get("created").isIntegralNumber()).isTrue();
		assertThat(user.get("modified").isIntegralNumber()).isTrue();
		assertThat(user.get("username").asString()).isEqualTo("alice");
		assertThat(user.get("activated").asBoolean()).isTrue();
		assertThat(user.get("nickname").asString()).isEqualTo("Al");
		assertThat(user.has("notification_display_style")).isFalse();
	}

	@Test
	void displayStyleIsTakenAsAnIntOrAsTheReferencesNumericString() {
		JsonNode fromString = json(call("PUT", "/users/alice", "{\"notification_display_style\":\"1\"}"));
		assertThat(fromString.get("entities").get(0).get("notification_display_style").asInt()).isEqualTo(1);

		JsonNode fromInt = json(call("PUT", "/users/alice", "{\"notification_display_style\":0}"));
		assertThat(fromInt.get("entities").get(0).get("notification_display_style").isInt()).isTrue();
		assertThat(fromInt.get("entities").get(0).get("notification_display_style").asInt()).isZero();

		assertError(call("PUT", "/users/alice", "{\"notification_display_style\":2}"), 400, "illegal_argument");
		assertError(call("PUT", "/users/alice", "{\"notification_display_style\":true}"), 400, "json_parse");
	}

	@Test
	void nicknameLongerThanOneHundredCharactersIsRejected() {
		String nickname = "\u4f60".repeat(101);

		assertError(call("PUT", "/users/alice", "{\"nickname\":\"" + nickname + "\"}"), 400, "illegal_argument");
		assertThat(call("PUT", "/users/alice", "{\"nickname\":\"" + nickname.substring(1) + "\"}").statusCode())
			.isEqualTo(200);
	}

	@Test
	void neverSetPushSettingsAnswerDefaultsWithIgnoreIntervalOnlyAtAppLevel() {
		HttpResponse<String> appLevel = call("GET", "/users/alice/notification/user/Alice", null);
		HttpResponse<String> conversation = call("GET", "/users/alice/notification/chatgroup/1234567", null);

		assertThat(appLevel.statusCode()).isEqualTo(200);
		JsonNode appBody = json(appLevel);
		assertThat(appBody.get("action").asString()).isEqualTo("get");
		assertThat(appBody.get("path").asString()).isEqualTo("/users");
		assertThat(appBody.has("entities")).isFalse();
		assertThat(appBody.get("data"))
			.isEqualTo(JSON.readTree("{\"type\":\"DEFAULT\",\"ignoreInterval\":\"\",\"ignoreDuration\":0}"));
		assertThat(json(conversation).get("data"))
			.isEqualTo(JSON.readTree("{\"type\":\"DEFAULT\",\"ignoreDuration\":0}"));
	}

	@Test
	void ignoreDurationComesBackAsTheAbsoluteTimeDoNotDisturbEnds() {
		long before = System.currentTimeMillis();
		HttpResponse<String> put = call("PUT", "/users/alice/notification/user/alice",
				"{\"type\":\"NONE\",\"ignoreInterval\":\"21:30-08:00\",\"ignoreDuration\":86400000}");
		long after = System.currentTimeMillis();

		assertThat(put.statusCode()).isEqualTo(200);
		JsonNode data = json(put).get("data");
		assertThat(data.get("type").asString()).isEqualTo("NONE");
		assertThat(data.get("ignoreInterval").asString()).isEqualTo("21:30-08:00");
		assertThat(data.get("ignoreDuration").asLong()).isBetween(before + 86_400_000L, after + 86_400_000L);
		assertThat(json(call("GET", "/users/alice/notification/user/alice", null)).get("data")).isEqualTo(data);
	}

	@Test
	void pushSettingsFieldsAbsentFromTheBodyAreLeftUnchanged() {
		call("PUT", "/users/alice/notification/user/bob", "{\"type\":\"AT\",\"ignoreDuration\":60000}");

		JsonNode data = json(call("PUT", "/users/alice/notification/user/BOB", "{\"ignoreDuration\":0}")).get("data");

		assertThat(data).isEqualTo(JSON.readTree("{\"type\":\"AT\",\"ignoreDuration\":0}"));
		assertThat(json(call("GET", "/users/alice/notification/user/bob", null)).get("data")).isEqualTo(data);
	}

	@Test
	void invalidPushSettingsAreRejected() {
		assertError(call("PUT", "/users/alice/notification/chatgroup/42", "{\"ignoreInterval\":\"08:00-09:00\"}"), 400,
				"invalid_parameter");
		assertError(call("PUT", "/users/alice/notification/user/alice", "{\"ignoreInterval\":\"24:00-09:00\"}"), 400,
				"invalid_parameter");
		assertError(call("PUT", "/users/alice/notification/user/alice", "{\"ignoreDuration\":604800001}"), 400,
				"invalid_parameter");
		assertError(call("PUT", "/users/alice/notification/user/alice", "{\"ignoreDuration\":-1}"), 400,
				"invalid_parameter");
		assertError(call("PUT", "/users/alice/notification/user/alice", "{\"type\":\"SOME\"}"), 400,
				"invalid_parameter");
		assertError(call("PUT", "/users/alice/notification/user/alice", "{\"type\":null}"), 400, "json_parse");
		assertError(call("PUT", "/users/alice/notification/user/alice", "{\"ignoreDuration\":\"1000\"}"), 400,
				"json_parse");
		assertError(call("PUT", "/users/alice/notification/group/42", "{\"type\":\"ALL\"}"), 400, "invalid_parameter");
	}

	@Test
	void languageIsEmptyUntilSetAndThenReturned() {
		assertThat(json(call("GET", "/users/alice/notification/language", null)).get("data"))
			.isEqualTo(JSON.readTree("{\"language\":\"\"}"));

		HttpResponse<String> put = call("PUT", "/users/alice/notification/language",
				"{\"translationLanguage\":\"EU\"}");

		assertThat(put.statusCode()).isEqualTo(200);
		assertThat(json(put).get("data")).isEqualTo(JSON.readTree("{\"language\":\"EU\"}"));
		assertThat(json(call("GET", "/users/ALICE/notification/language", null)).get("data"))
			.isEqualTo(JSON.readTree("{\"language\":\"EU\"}"));
	}

	@Test
	void templatesAreCreatedReadAndDeleted() {
		HttpResponse<String> created = call("POST", "/notification/template",
				"{\"name\":\"test7\",\"title_pattern\":\"Hello,{0}\",\"content_pattern\":\"Test,{0}\"}");

		assertThat(created.statusCode()).isEqualTo(200);
		JsonNode body = json(created);
		assertThat(body.get("action").asString()).isEqualTo("post");
		JsonNode data = body.get("data");
		assertThat(data.get("name").asString()).isEqualTo("test7");
		assertThat(data.get("createAt").asLong()).isCloseTo(System.currentTimeMillis(), within(10_000L));
		assertThat(data.get("updateAt").asLong()).isEqualTo(data.get("createAt").asLong());
		assertThat(data.get("title_pattern").asString()).isEqualTo("Hello,{0}");
		assertThat(data.get("content_pattern").asString()).isEqualTo("Test,{0}");

		HttpResponse<String> read = call("GET", "/notification/template/test7", null);
		assertThat(json(read).get("action").asString()).isEqualTo("get");
		assertThat(json(read).get("data")).isEqualTo(data);

		HttpResponse<String> deleted = call("DELETE", "/notification/template/test7", null);
		assertThat(json(deleted).get("action").asString()).isEqualTo("delete");
		assertThat(json(deleted).get("data")).isEqualTo(data);
		assertError(call("GET", "/notification/template/test7", null), 400, "entity_not_found");
	}

	@Test
	void creatingAnExistingTemplateNameIsADuplicate() {
		String template = "{\"name\":\"welcome\",\"title_pattern\":\"Hi {0}\",\"content_pattern\":\"{1}\"}";
		assertThat(call("POST", "/notification/template", template).statusCode()).isEqualTo(200);

		assertError(call("POST", "/notification/template", template), 400, "duplicate_unique_property_exists");
	}

	@Test
	void usersNeverRegisteredAreA400NamingRequiredPropertyNotFoundException() {
		List<HttpResponse<String>> answers = List.of(call("PUT", "/users/carol", "{\"nickname\":\"C\"}"),
				call("GET", "/users/carol", null), call("GET", "/users/carol/notification/user/carol", null),
				call("PUT", "/users/carol/notification/chatgroup/42", "{\"type\":\"NONE\"}"),
				call("GET", "/users/carol/notification/language", null),
				call("PUT", "/users/carol/notification/language", "{\"translationLanguage\":\"en\"}"));

		assertThat(answers).allSatisfy((response) -> {
			assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
			JsonNode body = json(response);
			assertThat(body.get("exception").asString()).endsWith(".RequiredPropertyNotFoundException");
			assertThat(body.get("error_description").asString())
				.isEqualTo("Entity user requires a property named username");
		});
		assertThat(call("GET", "/users/CAROL", null).statusCode()).isEqualTo(400);
	}

	@Test
	void missingTemplatesAreA400NamingEntityNotFoundException() {
		List<HttpResponse<String>> answers = List.of(call("GET", "/notification/template/nothing", null),
				call("DELETE", "/notification/template/nothing", null));

		assertThat(answers).allSatisfy((response) -> {
			assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
			JsonNode body = json(response);
			assertThat(body.get("exception").asString()).endsWith(".EntityNotFoundException");
			assertThat(body.get("error_description").asString()).isEqualTo("nothing template is not exist");
		});
	}

	@Test
	void aUserIsReadWithNicknameAndDisplayStyleOnlyOnceSet() {
		JsonNode fresh = json(call("GET", "/users/Alice", null));

		assertThat(fresh.get("action").asString()).isEqualTo("get");
		assertThat(fresh.has("data")).isFalse();
		JsonNode entity = fresh.get("entities").get(0);
		assertThat(entity.get("username").asString()).isEqualTo("alice");
		assertThat(entity.has("nickname")).isFalse();
		assertThat(entity.has("notification_display_style")).isFalse();

		call("PUT", "/users/alice", "{\"nickname\":\"Al\",\"notification_display_style\":1}");
		JsonNode set = json(call("GET", "/users/alice", null)).get("entities").get(0);

		assertThat(set.get("nickname").asString()).isEqualTo("Al");
		assertThat(set.get("notification_display_style").asInt()).isEqualTo(1);
		assertThat(this.emulator.arrivals("get-user")).hasSize(2);
	}

	@Test
	void anEndedDoNotDisturbKeepsAnsweringItsPastEndTime() throws InterruptedException {
		long before = System.currentTimeMillis();
		call("PUT", "/users/alice/notification/user/alice", "{\"ignoreDuration\":1}");
		Thread.sleep(20);

		long endsAt = json(call("GET", "/users/alice/notification/user/alice", null)).get("data")
			.get("ignoreDuration")
			.asLong();

		assertThat(endsAt).isGreaterThanOrEqualTo(before + 1).isLessThan(System.currentTimeMillis());
	}

	@Test
	void errorsHaveTheServicesBodyShape() {
		HttpResponse<String> response = call("PUT", "/users/alice", "{\"nickname\":\"A\",\"avatar\":\"x\"}");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		JsonNode body = json(response);
		assertThat(body.propertyNames()).containsExactly("error", "exception", "timestamp", "duration",
				"error_description");
		assertThat(body.get("error").asString()).isEqualTo("illegal_argument");
		assertThat(body.get("exception").asString()).isNotEmpty();
		assertThat(body.get("timestamp").isIntegralNumber()).isTrue();
		assertThat(body.get("duration").asInt()).isZero();
		assertThat(body.get("error_description").asString()).contains("avatar");
	}

	@Test
	void unknownFieldsAreRejectedInEveryBody() {
		assertError(call("PUT", "/users/alice/notification/user/alice", "{\"type\":\"ALL\",\"mode\":1}"), 400,
				"illegal_argument");
		assertError(call("PUT", "/users/alice/notification/language", "{\"language\":\"en\"}"), 400,
				"illegal_argument");
		assertError(
				call("POST", "/notification/template",
						"{\"name\":\"t\",\"title_pattern\":\"a\",\"content_pattern\":\"b\",\"extra\":1}"),
				400, "illegal_argument");
		assertError(call("PUT", "/users/alice", "{}"), 400, "illegal_argument");
	}

	@Test
	void malformedJsonAndOtherContentTypesAreRejected() {
		assertError(call("PUT", "/users/alice", "{\"nickname\":"), 400, "json_parse");
		assertError(call("PUT", "/users/alice", "[]"), 400, "json_parse");
		assertError(call("PUT", "/users/alice", "{\"nickname\":\"a\",\"nickname\":\"b\"}"), 400, "json_parse");
		assertError(send(request("/users/alice").header("Authorization", "Bearer " + this.token)
			.header("Content-Type", "text/plain")
			.PUT(BodyPublishers.ofString("{\"nickname\":\"a\"}"))), 415, "web_application");
		assertError(send(request("/users/alice").header("Authorization", "Bearer " + this.token)
			.PUT(BodyPublishers.ofString("{\"nickname\":\"a\"}"))), 415, "web_application");
	}

	@Test
	void requestsWithoutAValidAppTokenAreUnauthorized() {
		assertError(send(request("/users/alice/notification/language").GET()), 401, "unauthorized");
		assertError(callWith("garbage"), 401, "auth_bad_access_token");
		assertError(callWith("007" + "A".repeat(40)), 401, "auth_bad_access_token");
		assertError(
				callWith(AccessToken2.chatAppToken(APP_ID, "0123456789abcdef0123456789abcdef", nowSeconds(), 5, 600)),
				401, "auth_bad_access_token");
		assertError(callWith(
				AccessToken2.chatAppToken("0123456789abcdef0123456789abcdef", APP_CERTIFICATE, nowSeconds(), 5, 600)),
				401, "auth_bad_access_token");
		assertError(callWith(AccessToken2.chatUserToken(APP_ID, APP_CERTIFICATE, "alice", nowSeconds(), 5, 600)), 401,
				"auth_bad_access_token");
		assertThat(this.emulator.arrivals("get-language")).isEmpty();
	}

	@Test
	void anExpiredAppTokenIsUnauthorizedAndAFreshOneIsAccepted() {
		assertError(callWith(appToken(nowSeconds() - 700, 600)), 401, "auth_bad_access_token");

		assertThat(callWith(appToken(nowSeconds(), 600)).statusCode()).isEqualTo(200);
		assertThat(callWith(appToken(nowSeconds(), 600)).statusCode()).isEqualTo(200);
		assertThat(this.emulator.arrivals("get-language")).hasSize(2);
	}

	@Test
	void anOpaqueTokenFromTheAgoraGrantIsAccepted() {
		HttpResponse<String> response = postToken(this.token, "{\"grant_type\":\"agora\"}");

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = json(response);
		assertThat(body.propertyNames()).containsExactly("access_token", "expires_in", "expire_timestamp");
		assertThat(body.get("expires_in").asLong()).isEqualTo(86400);
		assertThat(body.get("expire_timestamp").asLong()).isCloseTo(System.currentTimeMillis() + 86_400_000L,
				within(10_000L));
		assertThat(callWith(body.get("access_token").asString()).statusCode()).isEqualTo(200);
		assertThat(callWith(body.get("access_token").asString() + "x").statusCode()).isEqualTo(401);
		assertThat(this.emulator.arrivals("token")).hasSize(1);
	}

	@Test
	void theAgoraGrantNeedsAValidAppToken() {
		assertError(postToken(null, "{\"grant_type\":\"agora\"}"), 401, "unauthorized");
		assertError(postToken(appToken(nowSeconds() - 700, 600), "{\"grant_type\":\"agora\"}"), 401,
				"auth_bad_access_token");
		assertError(postToken(this.token, "{\"grant_type\":\"agora\",\"ttl\":5}"), 400, "illegal_argument");
	}

	@Test
	void clientCredentialsAreExchangedForAnOpaqueToken() {
		this.emulator.clientCredentials("YXA6client", "YXA6secret");

		HttpResponse<String> wrong = postToken(null,
				"{\"grant_type\":\"client_credentials\",\"client_id\":\"YXA6client\",\"client_secret\":\"nope\"}");
		HttpResponse<String> right = postToken(null, "{\"grant_type\":\"client_credentials\","
				+ "\"client_id\":\"YXA6client\",\"client_secret\":\"YXA6secret\",\"ttl\":600}");

		assertError(wrong, 401, "unauthorized");
		assertThat(right.statusCode()).isEqualTo(200);
		JsonNode body = json(right);
		assertThat(body.propertyNames()).containsExactly("access_token", "expires_in", "application");
		assertThat(body.get("expires_in").asLong()).isEqualTo(600);
		assertThat(callWith(body.get("access_token").asString()).statusCode()).isEqualTo(200);
	}

	@Test
	void opaqueTokensExpire() throws InterruptedException {
		this.emulator.clientCredentials("id", "secret");
		String opaque = json(postToken(null,
				"{\"grant_type\":\"client_credentials\",\"client_id\":\"id\",\"client_secret\":\"secret\",\"ttl\":1}"))
			.get("access_token")
			.asString();

		assertThat(callWith(opaque).statusCode()).isEqualTo(200);
		Thread.sleep(1100);
		assertError(callWith(opaque), 401, "auth_bad_access_token");
	}

	@Test
	void theHundredAndFirstRequestInASecondIsRateLimited() {
		warmUp();
		List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
		for (int i = 0; i < 101; i++) {
			responses.add(this.http
				.sendAsync(request("/users/alice/notification/language").header("Authorization", "Bearer " + this.token)
					.GET()
					.build(), BodyHandlers.ofString()));
		}
		List<HttpResponse<String>> limited = responses.stream()
			.map(CompletableFuture::join)
			.filter((response) -> response.statusCode() != 200)
			.toList();

		assertThat(limited).hasSize(1);
		assertError(limited.get(0), 429, "reach_limit");
		assertThat(json(limited.get(0)).get("error_description").asString())
			.isEqualTo("This request has reached API limit.");
		assertThat(this.emulator.arrivals("get-language")).hasSize(101);
		assertThat(this.emulator.rejectedByRateLimit("get-language")).isEqualTo(1);
		assertThat(this.emulator.maxInAnyWindow("get-language", Duration.ofSeconds(1))).isEqualTo(101);
		assertThat(this.emulator.rejectedByRateLimit("set-language")).isZero();
	}

	@Test
	void theRateLimitIsSettableAndCountedPerOperation() {
		this.emulator.rateLimit(2);

		assertThat(call("GET", "/users/alice/notification/language", null).statusCode()).isEqualTo(200);
		assertThat(call("GET", "/users/alice/notification/language", null).statusCode()).isEqualTo(200);
		assertError(call("GET", "/users/alice/notification/language", null), 429, "reach_limit");
		assertThat(call("PUT", "/users/alice", "{\"nickname\":\"a\"}").statusCode()).isEqualTo(200);
		assertThat(call("PUT", "/users/alice", "{\"notification_display_style\":1}").statusCode()).isEqualTo(200);
		assertError(call("PUT", "/users/alice", "{\"nickname\":\"b\"}"), 429, "reach_limit");

		assertThat(this.emulator.arrivals("user-attributes")).hasSize(3).isSorted();
		assertThat(this.emulator.rejectedByRateLimit("user-attributes")).isEqualTo(1);
		this.emulator.reset();
		assertThat(this.emulator.arrivals("user-attributes")).isEmpty();
		assertThat(this.emulator.rejectedByRateLimit("user-attributes")).isZero();
		assertThat(call("PUT", "/users/alice", "{\"nickname\":\"c\"}").statusCode()).isEqualTo(200);
	}

	@Test
	void callsPerOperationAreServedForABenchmarkInAnotherProcess() {
		this.emulator.rateLimit(1);
		assertThat(call("GET", "/users/alice/notification/language", null).statusCode()).isEqualTo(200);
		assertError(call("GET", "/users/alice/notification/language", null), 429, "reach_limit");
		assertThat(call("GET", "/users/alice", null).statusCode()).isEqualTo(200);

		HttpResponse<String> calls = send(
				HttpRequest.newBuilder(URI.create(this.emulator.baseUrl() + "/_emulator/calls")).GET());

		assertThat(calls.statusCode()).isEqualTo(200);
		JsonNode counts = json(calls);
		assertThat(counts.get("get-language").get("arrivals").asInt()).isEqualTo(2);
		assertThat(counts.get("get-language").get("rejected").asInt()).isEqualTo(1);
		assertThat(counts.get("get-user").get("arrivals").asInt()).isEqualTo(1);
		assertThat(counts.get("get-push-settings").get("arrivals").asInt()).isZero();
	}

	@Test
	void otherCallersTakeTheirShareOfEachSecondAndTheClientGetsWhatIsLeft() throws InterruptedException {
		this.emulator.rateLimit(10);
		this.emulator.otherCallers(6);
		assertThat(call("GET", "/users/alice/notification/language", null).statusCode()).isEqualTo(200);
		Thread.sleep(1200);

		// The last second holds six calls of the others (never more: they are evenly
		// spaced).
		int admitted = 0;
		for (int i = 0; i < 8; i++) {
			if (call("GET", "/users/alice/notification/language", null).statusCode() == 200) {
				admitted++;
			}
		}

		assertThat(admitted).isBetween(3, 5);
		assertThat(this.emulator.rejectedByRateLimit("get-language")).isEqualTo(8 - admitted);
		assertThat(this.emulator.otherCallersAdmitted("get-language")).isGreaterThanOrEqualTo(7);
		assertThat(this.emulator.arrivals("get-language")).as("only the client's calls").hasSize(9);
		assertThat(this.emulator.otherCallersAdmitted("set-language")).isZero();
		this.emulator.otherCallers(0);
		this.emulator.reset();
		assertThat(call("GET", "/users/alice/notification/language", null).statusCode()).isEqualTo(200);
		assertThat(this.emulator.otherCallersAdmitted("get-language")).isZero();
	}

	@Test
	void aDelayedOperationAnswersLateWithoutHoldingBackTheOthersOrTheAppLevel() {
		warmUp();
		this.emulator.delay("get-push-settings", Duration.ofSeconds(2), AgoraEmulator.CONVERSATIONS);
		// More slow requests than the server has threads.
		List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
		for (int i = 1; i <= 40; i++) {
			HttpRequest request = request("/users/alice/notification/chatgroup/" + i)
				.header("Authorization", "Bearer " + this.token)
				.GET()
				.build();
			slow.add(this.http.sendAsync(request, BodyHandlers.ofString()));
		}

		HttpResponse<String> appLevel = call("GET", "/users/alice/notification/user/alice", null);
		HttpResponse<String> language = call("GET", "/users/alice/notification/language", null);

		assertThat(appLevel.statusCode()).isEqualTo(200);
		assertThat(language.statusCode()).isEqualTo(200);
		assertThat(slow).as("the fast answers came while every delayed one was still due")
			.noneMatch(CompletableFuture::isDone);
		assertThat(slow).allSatisfy((answer) -> assertThat(answer.join().statusCode()).isEqualTo(200));
		assertThat(this.emulator.arrivals("get-push-settings")).hasSize(41);
		this.emulator.reset();
		CompletableFuture<HttpResponse<String>> afterReset = this.http
			.sendAsync(request("/users/alice/notification/chatgroup/1").header("Authorization", "Bearer " + this.token)
				.GET()
				.build(), BodyHandlers.ofString());
		assertThat(afterReset.orTimeout(1500, java.util.concurrent.TimeUnit.MILLISECONDS).join().statusCode())
			.as("reset clears the delay")
			.isEqualTo(200);
	}

	@Test
	void unknownAppsRoutesAndMethodsAreAnsweredWithTheirErrors() {
		HttpResponse<String> otherApp = send(HttpRequest
			.newBuilder(URI.create(this.emulator.baseUrl() + "/" + ORG + "/otherapp/users/alice/notification/language"))
			.header("Authorization", "Bearer " + this.token)
			.GET());

		assertError(otherApp, 404, "organization_application_not_found");
		assertThat(json(otherApp).get("error_description").asString()).isEqualTo("url is invalid");
		HttpResponse<String> wrongPath = call("GET", "/chatgroups", null);
		assertError(wrongPath, 404, "service_resource_not_found");
		assertThat(json(wrongPath).get("error_description").asString()).isEqualTo("url is invalid");
		HttpResponse<String> deleteWithoutName = call("DELETE", "/notification/template", null);
		assertThat(deleteWithoutName.statusCode()).isEqualTo(405);
		assertThat(deleteWithoutName.headers().firstValue("Allow")).hasValue("POST");
		assertThat(call("DELETE", "/users/alice", null).statusCode()).isEqualTo(405);
	}

	private void warmUp() {
		for (int i = 0; i < 5; i++) {
			call("GET", "/users/alice/notification/language", null);
		}
		this.emulator.reset();
	}

	private HttpResponse<String> call(String method, String path, String body) {
		HttpRequest.Builder builder = request(path).header("Authorization", "Bearer " + this.token);
		if (body != null) {
			builder.header("Content-Type", "application/json");
		}
		builder.method(method, (body != null) ? BodyPublishers.ofString(body) : BodyPublishers.noBody());
		return send(builder);
	}

	private HttpResponse<String> postToken(String bearer, String body) {
		HttpRequest.Builder builder = request("/token").header("Content-Type", "application/json");
		if (bearer != null) {
			builder.header("Authorization", "Bearer " + bearer);
		}
		return send(builder.POST(BodyPublishers.ofString(body)));
	}

	private HttpResponse<String> callWith(String bearer) {
		return send(request("/users/alice/notification/language").header("Authorization", "Bearer " + bearer).GET());
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.emulator.baseUrl() + "/" + ORG + "/" + APP + path))
			.header("Accept", "application/json")
			.timeout(Duration.ofSeconds(10));
	}

	private HttpResponse<String> send(HttpRequest.Builder builder) {
		try {
			return this.http.send(builder.build(), BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void assertError(HttpResponse<String> response, int status, String error) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(json(response).get("error").asString()).isEqualTo(error);
	}

	private static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	private static String appToken(long issueTs, int expireSeconds) {
		return AccessToken2.chatAppToken(APP_ID, APP_CERTIFICATE, issueTs, (int) (Math.random() * Integer.MAX_VALUE),
				expireSeconds);
	}

	private static long nowSeconds() {
		return System.currentTimeMillis() / 1000;
	}

}
