package io.pushproxy.push;

import io.pushproxy.support.ApiClient.Answer;
import io.pushproxy.support.EmulatorProxyTest;
import io.pushproxy.support.TestJwts;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Batch reads of conversations' push settings against the stateful emulator: one upstream
 * read per distinct id, in the order asked, and nothing forwarded when any id is bad.
 */
class ConversationBatchTests extends EmulatorProxyTest {

	private static final String BOB = TestJwts.user("bob");

	@Test
	void itemsComeInTheOrderAskedWithDuplicatesCollapsed() {
		assertThat(this.api.put("/v1/users/me/push/conversations/group/90001", "{\"mode\":\"NONE\"}", BOB).status())
			.isEqualTo(200);
		emulator.reset();

		Answer answer = this.api
			.get("/v1/users/me/push/conversations?ids=group:90001,user:alice,group:90002,user:ALICE,group:90001", BOB);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		JsonNode items = answer.json().get("conversations");
		assertThat(items.size()).isEqualTo(3);
		assertThat(items.get(0).get("type").asString()).isEqualTo("group");
		assertThat(items.get(0).get("id").asString()).isEqualTo("90001");
		assertThat(items.get(0).get("mode").asString()).isEqualTo("NONE");
		assertThat(items.get(0).has("doNotDisturbUntil")).isTrue();
		assertThat(items.get(1).get("type").asString()).isEqualTo("user");
		assertThat(items.get(1).get("id").asString()).isEqualTo("alice");
		assertThat(items.get(1).get("mode").asString()).isEqualTo("DEFAULT");
		assertThat(items.get(2).get("id").asString()).isEqualTo("90002");
		// group:90001 was just written through the proxy: read from the cache.
		assertThat(emulator.arrivals("get-push-settings")).hasSize(2);
	}

	@Test
	void userMeMeansNothingForAnAdminAndIsRefusedNamingTheId() {
		Answer answer = this.api.get("/v1/users/bob/push/conversations?ids=group:1,user:me", TestJwts.admin());

		assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
		assertThat(answer.json().get("errors").get(0).get("field").asString()).isEqualTo("ids[1]");
		assertThat(emulator.arrivals("get-push-settings")).isEmpty();
	}

	@Test
	void meInThePathMeansNothingForAnAdminAndIsRefusedBeforeAnyUpstreamCall() {
		Answer answer = this.api.get("/v1/users/me/push/settings", TestJwts.admin());

		assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
		assertThat(answer.json().get("errors").get(0).get("field").asString()).isEqualTo("user");
		assertThat(answer.json().get("detail").asString()).contains("name the user");
		assertThat(emulator.arrivals("get-push-settings")).isEmpty();
	}

	@Test
	void everyBadIdIsNamedAndNothingIsForwarded() {
		Answer answer = this.api.get(
				"/v1/users/me/push/conversations?ids=user:alice,group:abc,chat:1,user:me,user:bad%20name,,group:4711",
				BOB);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
		JsonNode errors = answer.json().get("errors");
		assertThat(errors.size()).isEqualTo(5);
		assertThat(errors.get(0).get("field").asString()).isEqualTo("ids[1]");
		assertThat(errors.get(0).get("message").asString()).contains("group:abc");
		assertThat(errors.get(1).get("field").asString()).isEqualTo("ids[2]");
		assertThat(errors.get(2).get("field").asString()).isEqualTo("ids[3]");
		assertThat(errors.get(2).get("message").asString()).contains("oneself");
		assertThat(errors.get(3).get("field").asString()).isEqualTo("ids[4]");
		assertThat(errors.get(4).get("field").asString()).isEqualTo("ids[5]");
		assertThat(emulator.arrivals("get-push-settings")).isEmpty();
	}

	@Test
	void fiftyIdsAreReadAndFiftyOneAreRefused() {
		StringBuilder ids = new StringBuilder();
		for (int i = 1; i <= 50; i++) {
			ids.append((i > 1) ? "," : "").append("group:").append(7000 + i);
		}
		Answer fifty = this.api.get("/v1/users/bob/push/conversations?ids=" + ids, TestJwts.admin());
		assertThat(fifty.status()).as(fifty.toString()).isEqualTo(200);
		assertThat(fifty.json().get("conversations").size()).isEqualTo(50);
		assertThat(fifty.json().get("conversations").get(49).get("id").asString()).isEqualTo("7050");
		assertThat(emulator.arrivals("get-push-settings")).hasSize(50);
		emulator.reset();

		Answer fiftyOne = this.api.get("/v1/users/bob/push/conversations?ids=" + ids + ",group:1", TestJwts.admin());
		assertThat(fiftyOne.status()).as(fiftyOne.toString()).isEqualTo(400);
		assertThat(fiftyOne.json().get("errors").get(0).get("field").asString()).isEqualTo("ids");
		assertThat(emulator.arrivals("get-push-settings")).isEmpty();
	}

	@Test
	void noIdsIsRefused() {
		assertThat(this.api.get("/v1/users/me/push/conversations", BOB).status()).isEqualTo(400);
		assertThat(this.api.get("/v1/users/me/push/conversations?ids=", BOB).status()).isEqualTo(400);
		assertThat(emulator.arrivals("get-push-settings")).isEmpty();
	}

}
