package io.pushproxy.push;

import java.util.List;

import io.pushproxy.support.ApiClient.Answer;
import io.pushproxy.support.EmulatorProxyTest;
import io.pushproxy.support.TestJwts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * All eleven calls against the stateful emulator, which accepts only a correctly signed
 * 007 app token: proof that the proxy's token and requests are what Agora expects.
 */
class EmulatorEndToEndTests extends EmulatorProxyTest {

	private static final String BOB = TestJwts.user("bob");

	@Test
	void aUserSetsAndReadsBackEveryPushSetting() {
		assertThat(this.api.put("/v1/users/me/push/display-name", "{\"displayName\":\"Bob\"}", BOB)
			.json()
			.get("displayName")
			.asString()).isEqualTo("Bob");
		assertThat(this.api.put("/v1/users/me/push/display-style", "{\"displayStyle\":\"DETAILED\"}", BOB)
			.json()
			.get("displayStyle")
			.asString()).isEqualTo("DETAILED");

		Answer changed = this.api.put("/v1/users/me/push/settings",
				"{\"mode\":\"MENTIONS\",\"quietHours\":{\"start\":\"22:00\",\"end\":\"07:30\"},\"doNotDisturbFor\":\"PT1H\"}",
				BOB);
		assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
		Answer settings = this.api.get("/v1/users/me/push/settings", BOB);
		assertThat(settings.json().get("mode").asString()).isEqualTo("MENTIONS");
		assertThat(settings.json().get("quietHours").get("end").asString()).isEqualTo("07:30");
		assertThat(java.time.Instant.parse(settings.json().get("doNotDisturbUntil").asString()))
			.isBetween(java.time.Instant.now().plusSeconds(3500), java.time.Instant.now().plusSeconds(3700));

		assertThat(this.api.put("/v1/users/me/push/settings", "{\"quietHours\":null}", BOB)
			.json()
			.get("quietHours")
			.isNull()).isTrue();

		assertThat(this.api.put("/v1/users/me/push/conversations/group/4711", "{\"mode\":\"NONE\"}", BOB).status())
			.isEqualTo(200);
		assertThat(this.api.get("/v1/users/me/push/conversations/group/4711", BOB).json().get("mode").asString())
			.isEqualTo("NONE");
		assertThat(this.api.get("/v1/users/me/push/conversations/user/alice", BOB).json().get("mode").asString())
			.isEqualTo("DEFAULT");

		assertThat(this.api.put("/v1/users/me/push/language", "{\"language\":\"ja\"}", BOB).status()).isEqualTo(200);
		assertThat(this.api.get("/v1/users/me/push/language", BOB).json().get("language").asString()).isEqualTo("ja");
	}

	@Test
	void anAdminCreatesReadsAndDeletesATemplate() {
		String admin = TestJwts.admin();
		Answer created = this.api.post("/v1/push/templates",
				"{\"name\":\"welcome1\",\"titlePattern\":\"Hello {0}\",\"contentPattern\":\"{0} says {1}\"}", admin);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.header("Location")).isEqualTo("/v1/push/templates/welcome1");
		assertThat(created.json().get("createdAt").asString()).endsWith("Z");

		Answer read = this.api.get("/v1/push/templates/welcome1", admin);
		assertThat(read.json().get("contentPattern").asString()).isEqualTo("{0} says {1}");

		assertThat(this.api.delete("/v1/push/templates/welcome1", admin).status()).isEqualTo(204);
		Answer gone = this.api.get("/v1/push/templates/welcome1", admin);
		assertThat(gone.status()).isEqualTo(404);
		assertThat(gone.contentType()).startsWith("application/problem+json");
	}

	@Test
	void creatingATemplateWhoseNameIsTakenIsA409ConflictNotARetriedCreate() {
		String admin = TestJwts.admin();
		String body = "{\"name\":\"welcome2\",\"titlePattern\":\"Hi {0}\",\"contentPattern\":\"{0} writes\"}";
		assertThat(this.api.post("/v1/push/templates", body, admin).status()).isEqualTo(201);

		Answer again = this.api.post("/v1/push/templates", body, admin);

		assertThat(again.status()).as(again.toString()).isEqualTo(409);
		assertThat(again.contentType()).startsWith("application/problem+json");
		assertThat(again.json().get("type").asString()).isEqualTo("urn:agora-push-proxy:problem:upstream-conflict");
		assertThat(emulator.arrivals("create-template")).hasSize(2);
	}

	@Test
	void anUnknownUserIsA404FromUpstream() {
		Answer answer = this.api.get("/v1/users/zed/push/language", TestJwts.admin());

		assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
		assertThat(answer.json().get("type").asString()).isEqualTo("urn:agora-push-proxy:problem:upstream-not-found");
	}

	@Test
	void anUnregisteredUserIsA404WhateverTheOperationWithAgorasTextOnlyForAnAdmin() {
		String dave = TestJwts.user("dave");

		Answer name = this.api.put("/v1/users/dave/push/display-name", "{\"displayName\":\"D\"}", dave);
		Answer settings = this.api.put("/v1/users/me/push/settings", "{\"mode\":\"NONE\"}", dave);
		Answer language = this.api.get("/v1/users/me/push/language", dave);
		Answer byAdmin = this.api.get("/v1/users/dave/push/settings", TestJwts.admin());

		assertThat(List.of(name, settings, language, byAdmin)).allSatisfy((answer) -> {
			assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
			assertThat(answer.json().get("type").asString())
				.isEqualTo("urn:agora-push-proxy:problem:upstream-not-found");
		});
		assertThat(name.json().get("detail").asString())
			.isEqualTo("Agora has no user of that name: it was never registered");
		assertThat(byAdmin.json().get("detail").asString()).isEqualTo("Entity user requires a property named username");
	}

	@Test
	void anEndedDoNotDisturbIsNullThoughAgoraKeepsItsEndTime() throws InterruptedException {
		String carol = TestJwts.user("carol");
		Answer set = this.api.put("/v1/users/me/push/settings", "{\"doNotDisturbFor\":\"PT0.001S\"}", carol);
		assertThat(set.status()).as(set.toString()).isEqualTo(200);
		Thread.sleep(20);

		Answer read = this.api.get("/v1/users/me/push/settings", carol);

		assertThat(read.status()).as(read.toString()).isEqualTo(200);
		assertThat(read.body()).contains("\"doNotDisturbUntil\":null");
		assertThat(read.json().get("mode").asString()).isEqualTo("ALL");
	}

	@Test
	void theAppLevelRefusesModeDefaultAndEqualQuietHoursWithoutCallingAgora() {
		String carol = TestJwts.user("carol");

		Answer mode = this.api.put("/v1/users/me/push/settings", "{\"mode\":\"DEFAULT\"}", carol);
		Answer quiet = this.api.put("/v1/users/me/push/settings",
				"{\"quietHours\":{\"start\":\"00:00\",\"end\":\"00:00\"}}", carol);

		assertThat(mode.status()).isEqualTo(400);
		assertThat(mode.json().get("errors").get(0).get("field").asString()).isEqualTo("mode");
		assertThat(quiet.status()).isEqualTo(400);
		assertThat(quiet.json().get("errors").get(0).get("field").asString()).isEqualTo("quietHours");
		assertThat(emulator.arrivals("set-push-settings")).isEmpty();
	}

	@Test
	void aMissingTemplateIsA404AndNotRetried() {
		Answer read = this.api.get("/v1/push/templates/nosuchtemplate", TestJwts.admin());
		Answer delete = this.api.delete("/v1/push/templates/nosuchtemplate", TestJwts.admin());

		assertThat(List.of(read, delete)).allSatisfy((answer) -> {
			assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
			assertThat(answer.json().get("type").asString())
				.isEqualTo("urn:agora-push-proxy:problem:upstream-not-found");
		});
		assertThat(read.json().get("detail").asString()).isEqualTo("nosuchtemplate template is not exist");
		assertThat(emulator.arrivals("get-template")).hasSize(1);
		assertThat(emulator.arrivals("delete-template")).hasSize(1);
	}

}
