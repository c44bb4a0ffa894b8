package io.pushproxy.push;

import java.net.http.HttpRequest;
import java.time.Duration;

import io.pushproxy.support.ApiClient.Answer;
import io.pushproxy.support.EmulatorProxyTest;
import io.pushproxy.support.TestJwts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The push profile against the stateful emulator: the whole screen in one call, changed
 * in one call, with exactly the upstream calls each needs.
 */
class PushProfileTests extends EmulatorProxyTest {

	private static final String MERGE_PATCH = "application/merge-patch+json";

	@Test
	void aProfileIsThreeParallelReadsAndNamesNothingUnavailable() {
		emulator.registerUser("dora");
		String dora = TestJwts.user("dora");

		Answer answer = this.api.get("/v1/users/me/push", dora);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		assertThat(answer.json().get("username").asString()).isEqualTo("dora");
		assertThat(answer.json().get("displayName").isNull()).as("never set").isTrue();
		assertThat(answer.json().get("displayStyle").asString()).isEqualTo("SUMMARY");
		assertThat(answer.json().get("settings").get("mode").asString()).isEqualTo("ALL");
		assertThat(answer.json().get("language").asString()).isEmpty();
		assertThat(answer.json().get("unavailable").size()).isZero();
		assertThat(emulator.arrivals("get-user")).hasSize(1);
		assertThat(emulator.arrivals("get-push-settings")).hasSize(1);
		assertThat(emulator.arrivals("get-language")).hasSize(1);
		assertThat(emulator.arrivals("user-attributes")).isEmpty();
		assertThat(emulator.arrivals("set-push-settings")).isEmpty();
		assertThat(emulator.arrivals("set-language")).isEmpty();
	}

	@Test
	void aPatchOfNameAndStyleIsOnePutAndTheProfileShowsIt() {
		emulator.registerUser("fynn");
		String bob = TestJwts.user("fynn");

		Answer answer = patch("/v1/users/me/push", MERGE_PATCH,
				"{\"displayName\":\"Bobby\",\"displayStyle\":\"DETAILED\"}", bob);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		assertThat(answer.json().get("displayName").asString()).isEqualTo("Bobby");
		assertThat(answer.json().get("displayStyle").asString()).isEqualTo("DETAILED");
		assertThat(emulator.arrivals("user-attributes")).hasSize(1);
		assertThat(emulator.arrivals("get-user")).as("the PUT answers the entity").isEmpty();
		assertThat(emulator.arrivals("set-push-settings")).isEmpty();
		assertThat(emulator.arrivals("set-language")).isEmpty();
		assertThat(emulator.arrivals("get-push-settings")).hasSize(1);
		assertThat(emulator.arrivals("get-language")).hasSize(1);

		Answer read = this.api.get("/v1/users/fynn/push", bob);
		assertThat(read.json().get("displayName").asString()).isEqualTo("Bobby");
		assertThat(read.json().get("displayStyle").asString()).isEqualTo("DETAILED");
	}

	@Test
	void aPatchOfEverySectionIsThreeWritesAndNoRead() {
		emulator.registerUser("gwen");
		String carol = TestJwts.user("gwen");

		Answer answer = patch("/v1/users/gwen/push", "application/json",
				"{\"displayName\":\"Carol\",\"settings\":{\"mode\":\"MENTIONS\",\"doNotDisturbFor\":\"PT1H\"},"
						+ "\"language\":\"ja\"}",
				carol);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		assertThat(answer.json().get("settings").get("mode").asString()).isEqualTo("MENTIONS");
		assertThat(answer.json().get("settings").get("doNotDisturbUntil").isNull()).isFalse();
		assertThat(answer.json().get("language").asString()).isEqualTo("ja");
		assertThat(emulator.arrivals("user-attributes")).hasSize(1);
		assertThat(emulator.arrivals("set-push-settings")).hasSize(1);
		assertThat(emulator.arrivals("set-language")).hasSize(1);
		assertThat(emulator.arrivals("get-user")).isEmpty();
		assertThat(emulator.arrivals("get-push-settings")).isEmpty();
		assertThat(emulator.arrivals("get-language")).isEmpty();
	}

	@Test
	void aPatchWithAnyBadFieldForwardsNothingAndNamesEachField() {
		Answer answer = patch("/v1/users/me/push", MERGE_PATCH,
				"{\"displayName\":\"ok\",\"settings\":{\"quietHours\":{\"start\":\"25:00\",\"end\":\"08:00\"}},"
						+ "\"language\":\"not a tag\"}",
				TestJwts.user("bob"));

		assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
		assertThat(answer.body()).contains("settings.quietHours.start").contains("\"language\"");
		assertNothingForwarded();
	}

	@Test
	void anUnknownSectionIsNamed() {
		Answer answer = patch("/v1/users/me/push", MERGE_PATCH, "{\"displayName\":\"ok\",\"ringtone\":\"bell\"}",
				TestJwts.user("bob"));

		assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
		assertThat(answer.json().get("errors").get(0).get("field").asString()).isEqualTo("ringtone");
		assertNothingForwarded();
	}

	@Test
	void anEmptyPatchOrAnExplicitNullIsRefused() {
		assertThat(patch("/v1/users/me/push", MERGE_PATCH, "{}", TestJwts.user("bob")).status()).isEqualTo(400);
		Answer nulled = patch("/v1/users/me/push", MERGE_PATCH, "{\"language\":null}", TestJwts.user("bob"));
		assertThat(nulled.status()).isEqualTo(400);
		assertThat(nulled.json().get("errors").get(0).get("field").asString()).isEqualTo("language");
		Answer sameEnds = patch("/v1/users/me/push", MERGE_PATCH,
				"{\"settings\":{\"quietHours\":{\"start\":\"08:00\",\"end\":\"08:00\"}}}", TestJwts.user("bob"));
		assertThat(sameEnds.status()).isEqualTo(400);
		assertThat(sameEnds.json().get("errors").get(0).get("field").asString()).isEqualTo("settings.quietHours");
		assertNothingForwarded();
	}

	@Test
	void anotherContentTypeIs415() {
		Answer answer = patch("/v1/users/me/push", "text/plain", "{\"language\":\"en\"}", TestJwts.user("bob"));

		assertThat(answer.status()).as(answer.toString()).isEqualTo(415);
		assertThat(answer.contentType()).startsWith("application/problem+json");
		assertNothingForwarded();
	}

	@Test
	void anotherUsersProfileIsForbiddenWithoutTheAdminScope() {
		assertThat(this.api.get("/v1/users/alice/push", TestJwts.user("bob")).status()).isEqualTo(403);
		assertThat(patch("/v1/users/alice/push", MERGE_PATCH, "{\"language\":\"en\"}", TestJwts.user("bob")).status())
			.isEqualTo(403);
		assertThat(emulator.arrivals("get-user")).isEmpty();
		assertNothingForwarded();
	}

	private void assertNothingForwarded() {
		for (String operation : new String[] { "user-attributes", "set-push-settings", "set-language" }) {
			assertThat(emulator.arrivals(operation)).as(operation).isEmpty();
		}
	}

	private Answer patch(String path, String contentType, String json, String token) {
		return this.api.send(HttpRequest.newBuilder(this.api.uri(path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", contentType)
			.method("PATCH", HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

}
