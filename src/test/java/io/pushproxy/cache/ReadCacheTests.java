package io.pushproxy.cache;

import java.net.http.HttpRequest;
import java.time.Duration;

import io.pushproxy.support.ApiClient.Answer;
import io.pushproxy.support.EmulatorProxyTest;
import io.pushproxy.support.TestJwts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.ParameterizedTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read cache through real HTTP in front of the stateful emulator, counting the reads
 * that reach it: one's own writes are read back without an upstream call, users never
 * share entries, errors are not kept, {@code no-cache} goes upstream, and conditional
 * requests (ETag, 304, If-Match, 412) work on what the caller got.
 */
class ReadCacheTests extends EmulatorProxyTest {

	private static final String ALICE = TestJwts.user("alice");

	private static final String BOB = TestJwts.user("bob");

	private int reads(String operation) {
		return emulator.arrivals(operation).size();
	}

	private Answer get(String path, String token, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.api.uri(path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + token);
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return this.api.send(request.GET().build());
	}

	private Answer put(String path, String json, String token, String ifMatch) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.api.uri(path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.method("PUT", HttpRequest.BodyPublishers.ofString(json));
		if (ifMatch != null) {
			request.header("If-Match", ifMatch);
		}
		return this.api.send(request.build());
	}

	@Test
	void aSecondReadIsAHitAndCostsNoUpstreamCall() {
		Answer first = this.api.get("/v1/users/me/push/settings", ALICE);
		Answer second = this.api.get("/v1/users/me/push/settings", ALICE);

		assertThat(first.status()).isEqualTo(200);
		assertThat(first.header("Cache-Status")).isEqualTo("agora-push-proxy; fwd=miss");
		assertThat(second.header("Cache-Status")).isEqualTo("agora-push-proxy; hit");
		assertThat(second.body()).isEqualTo(first.body());
		assertThat(reads("get-push-settings")).isEqualTo(1);
	}

	@Test
	void everyReadAfterOnesOwnWriteIsFreshAndCostsNoUpstreamCall() {
		assertThat(this.api.put("/v1/users/me/push/language", "{\"language\":\"de\"}", ALICE).status()).isEqualTo(200);
		assertThat(this.api.put("/v1/users/me/push/settings", "{\"mode\":\"NONE\"}", ALICE).status()).isEqualTo(200);
		assertThat(
				this.api.put("/v1/users/me/push/conversations/group/4711", "{\"mode\":\"MENTIONS\"}", ALICE).status())
			.isEqualTo(200);

		Answer language = this.api.get("/v1/users/me/push/language", ALICE);
		Answer settings = this.api.get("/v1/users/me/push/settings", ALICE);
		Answer group = this.api.get("/v1/users/me/push/conversations/group/4711", ALICE);

		assertThat(language.json().get("language").asString()).isEqualTo("de");
		assertThat(settings.json().get("mode").asString()).isEqualTo("NONE");
		assertThat(group.json().get("mode").asString()).isEqualTo("MENTIONS");
		assertThat(language.header("Cache-Status")).isEqualTo("agora-push-proxy; hit");
		assertThat(reads("get-language") + reads("get-push-settings")).isZero();
	}

	@Test
	void aProfileAfterOnesOwnPatchIsAllHits() {
		Answer patched = this.api.send("PATCH", "/v1/users/me/push",
				"{\"displayName\":\"Alice\",\"displayStyle\":\"DETAILED\",\"settings\":{\"mode\":\"ALL\"},\"language\":\"fr\"}",
				ALICE);
		assertThat(patched.status()).as(patched.toString()).isEqualTo(200);

		Answer profile = this.api.get("/v1/users/alice/push", ALICE);

		assertThat(profile.header("Cache-Status")).isEqualTo("agora-push-proxy; hit");
		assertThat(profile.json().get("displayName").asString()).isEqualTo("Alice");
		assertThat(profile.json().get("displayStyle").asString()).isEqualTo("DETAILED");
		assertThat(profile.json().get("language").asString()).isEqualTo("fr");
		assertThat(reads("get-user") + reads("get-push-settings") + reads("get-language")).isZero();
	}

	@Test
	void aNameChangeKeepsTheCachedStyleAndIsReadBackWithoutAnUpstreamCall() {
		this.api.put("/v1/users/me/push/display-style", "{\"displayStyle\":\"DETAILED\"}", ALICE);
		assertThat(this.api.get("/v1/users/me/push", ALICE).status()).isEqualTo(200);
		int before = reads("get-user");

		this.api.put("/v1/users/me/push/display-name", "{\"displayName\":\"Ally\"}", ALICE);
		Answer profile = this.api.get("/v1/users/me/push", ALICE);

		assertThat(profile.json().get("displayName").asString()).isEqualTo("Ally");
		assertThat(profile.json().get("displayStyle").asString()).isEqualTo("DETAILED");
		assertThat(reads("get-user")).isEqualTo(before);
	}

	@Test
	void aConversationListReadTwiceIsAHitTheSecondTime() {
		String path = "/v1/users/me/push/conversations?ids=user:bob,group:4711,user:carol";
		Answer first = this.api.get(path, ALICE);
		Answer second = this.api.get(path, ALICE);

		assertThat(first.header("Cache-Status")).isEqualTo("agora-push-proxy; fwd=miss");
		assertThat(second.header("Cache-Status")).isEqualTo("agora-push-proxy; hit");
		assertThat(second.body()).isEqualTo(first.body());
		assertThat(reads("get-push-settings")).isEqualTo(3);
	}

	@Test
	void twoUsersNeverSeeEachOthersEntries() {
		// A user of its own, with Agora's defaults: the emulator keeps state across
		// tests.
		String other = "other" + System.nanoTime();
		emulator.registerUser(other);
		String token = TestJwts.user(other);
		this.api.put("/v1/users/me/push/language", "{\"language\":\"de\"}", ALICE);
		this.api.put("/v1/users/me/push/conversations/group/77001", "{\"mode\":\"NONE\"}", ALICE);

		Answer othersLanguage = this.api.get("/v1/users/me/push/language", token);
		Answer othersGroup = this.api.get("/v1/users/me/push/conversations/group/77001", token);

		assertThat(othersLanguage.json().get("language").asString()).isEmpty();
		assertThat(othersGroup.json().get("mode").asString()).isEqualTo("DEFAULT");
		assertThat(othersLanguage.header("Cache-Status")).isEqualTo("agora-push-proxy; fwd=miss");
		assertThat(othersGroup.header("Cache-Status")).isEqualTo("agora-push-proxy; fwd=miss");
		assertThat(reads("get-language")).isEqualTo(1);
		assertThat(reads("get-push-settings")).isEqualTo(1);
		assertThat(this.api.get("/v1/users/me/push/language", ALICE).json().get("language").asString()).isEqualTo("de");
	}

	@Test
	void anAdminReadsTheSameEntryAsTheUserWhateverTheCase() {
		this.api.put("/v1/users/me/push/language", "{\"language\":\"de\"}", ALICE);

		Answer read = this.api.get("/v1/users/ALICE/push/language", TestJwts.admin());

		assertThat(read.json().get("language").asString()).isEqualTo("de");
		assertThat(reads("get-language")).isZero();
	}

	@Test
	void errorsAreNotCached() {
		String admin = TestJwts.admin();
		// A user of its own: the emulator keeps users registered for the other tests.
		String user = "cached" + System.nanoTime();
		assertThat(this.api.get("/v1/users/" + user + "/push/language", admin).status()).isEqualTo(404);
		emulator.registerUser(user);

		Answer after = this.api.get("/v1/users/" + user + "/push/language", admin);

		assertThat(after.status()).isEqualTo(200);
		assertThat(after.header("Cache-Status")).isEqualTo("agora-push-proxy; fwd=miss");
		assertThat(reads("get-language")).isEqualTo(2);
	}

	@Test
	void noCacheReadsUpstreamAndRefreshesTheEntry() {
		this.api.get("/v1/users/me/push", ALICE);

		Answer refreshed = get("/v1/users/me/push", ALICE, "Cache-Control", "no-cache");
		Answer after = this.api.get("/v1/users/me/push", ALICE);

		assertThat(refreshed.status()).isEqualTo(200);
		assertThat(refreshed.header("Cache-Status")).isEqualTo("agora-push-proxy; fwd=request");
		assertThat(after.header("Cache-Status")).isEqualTo("agora-push-proxy; hit");
		assertThat(reads("get-user")).isEqualTo(2);
		assertThat(reads("get-push-settings")).isEqualTo(2);
		assertThat(reads("get-language")).isEqualTo(2);
	}

	@Test
	void everyOkReadCarriesAStrongEtagAndPrivateNoCache() {
		this.api.put("/v1/users/me/push/language", "{\"language\":\"en\"}", ALICE);
		Answer first = this.api.get("/v1/users/me/push/language", ALICE);
		Answer second = this.api.get("/v1/users/me/push/language", ALICE);

		assertThat(first.header("ETag")).matches("\"[0-9a-f]{32}\"");
		assertThat(second.header("ETag")).isEqualTo(first.header("ETag"));
		assertThat(first.header("Cache-Control")).isEqualTo("private, no-cache");
		Answer put = this.api.put("/v1/users/me/push/language", "{\"language\":\"de\"}", ALICE);
		assertThat(put.status()).as(put.toString()).isEqualTo(200);
		Answer changed = this.api.get("/v1/users/me/push/language", ALICE);
		assertThat(changed.header("ETag")).as(changed + " after " + first).isNotEqualTo(first.header("ETag"));
	}

	@Test
	void aMatchingIfNoneMatchIs304WithoutABodyServedFromTheCache() {
		Answer first = this.api.get("/v1/users/me/push", ALICE);

		Answer unchanged = get("/v1/users/me/push", ALICE, "If-None-Match", first.header("ETag"));
		Answer other = get("/v1/users/me/push", ALICE, "If-None-Match", "\"0123\"");

		assertThat(unchanged.status()).isEqualTo(304);
		assertThat(unchanged.body()).isEmpty();
		assertThat(unchanged.header("ETag")).isEqualTo(first.header("ETag"));
		assertThat(unchanged.header("Cache-Status")).isEqualTo("agora-push-proxy; hit");
		assertThat(other.status()).isEqualTo(200);
		assertThat(other.body()).isEqualTo(first.body());
		assertThat(reads("get-user")).isEqualTo(1);
	}

	@Test
	void aStaleIfMatchIs412AndWritesNothing() {
		this.api.put("/v1/users/me/push/settings", "{\"mode\":\"ALL\"}", ALICE);
		String tag = this.api.get("/v1/users/me/push/settings", ALICE).header("ETag");
		assertThat(tag).isNotNull();
		assertThat(put("/v1/users/me/push/settings", "{\"mode\":\"NONE\"}", ALICE, tag).status()).isEqualTo(200);

		Answer stale = put("/v1/users/me/push/settings", "{\"mode\":\"ALL\"}", ALICE, tag);

		assertThat(stale.status()).isEqualTo(412);
		assertThat(stale.contentType()).startsWith("application/problem+json");
		assertThat(stale.json().get("type").asString()).isEqualTo("urn:agora-push-proxy:problem:precondition-failed");
		assertThat(stale.header("ETag")).isEqualTo(this.api.get("/v1/users/me/push/settings", ALICE).header("ETag"));
		assertThat(emulator.arrivals("set-push-settings")).hasSize(2);
		assertThat(this.api.get("/v1/users/me/push/settings", ALICE).json().get("mode").asString()).isEqualTo("NONE");
	}

	@ParameterizedTest
	@ValueSource(strings = { "5d41402abc4b2a76b9719d911017c592", "'abc'", "\"abc", "\"a\",b", "W/abc", "**" })
	void anIllFormedIfMatchIs400NamingTheHeaderAndReadsAndWritesNothing(String ifMatch) {
		Answer answer = put("/v1/users/me/push/settings", "{\"mode\":\"NONE\"}", ALICE, ifMatch);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
		assertThat(answer.json().get("type").asString()).isEqualTo("urn:agora-push-proxy:problem:validation");
		assertThat(answer.json().get("errors").get(0).get("field").asString()).isEqualTo("If-Match");
		assertThat(emulator.arrivals("get-push-settings")).isEmpty();
		assertThat(emulator.arrivals("set-push-settings")).isEmpty();
	}

	@Test
	void aWritesAnswerCarriesTheEtagOfWhatItReturnsSoTheNextConditionalWriteNeedsNoRead() {
		Answer first = put("/v1/users/me/push/language", "{\"language\":\"en\"}", ALICE, "*");
		assertThat(first.header("ETag")).isNotNull();
		assertThat(first.header("ETag")).isEqualTo(this.api.get("/v1/users/me/push/language", ALICE).header("ETag"));

		Answer second = put("/v1/users/me/push/language", "{\"language\":\"de\"}", ALICE, first.header("ETag"));
		Answer stale = put("/v1/users/me/push/language", "{\"language\":\"fr\"}", ALICE, first.header("ETag"));

		assertThat(second.status()).isEqualTo(200);
		assertThat(stale.status()).isEqualTo(412);
		Answer settings = put("/v1/users/me/push/settings?timeZone=Asia/Tokyo", "{\"mode\":\"NONE\"}", ALICE, null);
		assertThat(settings.header("ETag"))
			.isEqualTo(this.api.get("/v1/users/me/push/settings?timeZone=Asia/Tokyo", ALICE).header("ETag"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "display-name|{\"displayName\":\"A\"}", "display-style|{\"displayStyle\":\"DETAILED\"}" })
	void ifMatchOnTheDisplayNameOrStyleIsRefusedInFavourOfThePatchOfTheProfile(String call) {
		String[] parts = call.split("\\|");
		Answer answer = put("/v1/users/me/push/" + parts[0], parts[1], ALICE, "*");

		assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
		assertThat(answer.json().get("errors").get(0).get("field").asString()).isEqualTo("If-Match");
		assertThat(answer.json().get("errors").get(0).get("message").asString()).contains("PATCH");
		assertThat(emulator.arrivals("user-attributes")).isEmpty();
		assertThat(emulator.arrivals("get-user")).isEmpty();
	}

	@Test
	void ifMatchHoldsForEveryPutAndPatchAndStarAlwaysMatches() {
		this.api.put("/v1/users/me/push/language", "{\"language\":\"en\"}", ALICE);
		String language = this.api.get("/v1/users/me/push/language", ALICE).header("ETag");
		String group = this.api.get("/v1/users/me/push/conversations/group/4711", ALICE).header("ETag");
		String profile = this.api.get("/v1/users/me/push", ALICE).header("ETag");
		assertThat(language).isNotNull();
		assertThat(group).isNotNull();
		assertThat(profile).isNotNull();

		assertThat(put("/v1/users/me/push/language", "{\"language\":\"de\"}", ALICE, language).status()).isEqualTo(200);
		assertThat(put("/v1/users/me/push/conversations/group/4711", "{\"mode\":\"NONE\"}", ALICE, group).status())
			.isEqualTo(200);
		assertThat(put("/v1/users/me/push/language", "{\"language\":\"fr\"}", ALICE, language).status()).isEqualTo(412);
		assertThat(put("/v1/users/me/push/language", "{\"language\":\"fr\"}", ALICE, "*").status()).isEqualTo(200);

		HttpRequest patch = HttpRequest.newBuilder(this.api.uri("/v1/users/me/push"))
			.header("Authorization", "Bearer " + ALICE)
			.header("Content-Type", "application/merge-patch+json")
			.header("If-Match", profile)
			.method("PATCH", HttpRequest.BodyPublishers.ofString("{\"displayName\":\"Al\"}"))
			.build();
		// The profile's language changed since it was read.
		assertThat(this.api.send(patch).status()).isEqualTo(412);
		assertThat(emulator.arrivals("set-language")).hasSize(3);
		assertThat(emulator.arrivals("user-attributes")).isEmpty();
	}

}
