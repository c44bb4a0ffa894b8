package io.pushproxy.push;

import java.util.List;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.pushproxy.support.ApiClient.Answer;
import io.pushproxy.support.TestJwts;
import io.pushproxy.support.WireMockProxyTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.pushproxy.support.TestApp.PREFIX;
import static io.pushproxy.support.Upstream.data;
import static io.pushproxy.support.Upstream.error;
import static io.pushproxy.support.Upstream.okJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Batch reads when single items fail, and the bound on reads in flight.
 */
class ConversationBatchFailureTests extends WireMockProxyTest {

	private static final String ALICE = TestJwts.user("alice");

	@Test
	void aFailedItemCarriesItsErrorAndTheOthersAreAnswered() {
		upstream.stubFor(
				get(urlPathMatching(".*/notification/chatgroup/.*")).willReturn(okJson(data("{\"type\":\"AT\"}"))));
		upstream.stubFor(
				get(PREFIX + "/users/alice/notification/chatgroup/13").willReturn(error(403, "forbidden_op", "no")));

		Answer answer = this.api.get("/v1/users/me/push/conversations?ids=group:12,group:13,group:14", ALICE);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		JsonNode items = answer.json().get("conversations");
		assertThat(items.get(0).get("mode").asString()).isEqualTo("MENTIONS");
		assertThat(items.get(1).get("id").asString()).isEqualTo("13");
		assertThat(items.get(1).has("mode")).isFalse();
		assertThat(items.get(1).get("error").get("status").asInt()).isEqualTo(403);
		assertThat(items.get(1).get("error").get("type").asString())
			.isEqualTo("urn:agora-push-proxy:problem:upstream-forbidden");
		assertThat(items.get(2).get("mode").asString()).isEqualTo("MENTIONS");
	}

	@Test
	void atMostEightReadsAreInFlight() {
		upstream.stubFor(get(urlPathMatching(".*/notification/chatgroup/.*"))
			.willReturn(okJson(data("{\"type\":\"ALL\"}")).withFixedDelay(500)));
		StringBuilder ids = new StringBuilder();
		for (int i = 1; i <= 16; i++) {
			ids.append((i > 1) ? "," : "").append("group:").append(i);
		}

		Answer answer = this.api.get("/v1/users/me/push/conversations?ids=" + ids, ALICE);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		List<Long> arrivals = upstream.getAllServeEvents()
			.stream()
			.map(ServeEvent::getRequest)
			.map((request) -> request.getLoggedDate().getTime())
			.sorted()
			.toList();
		assertThat(arrivals).hasSize(16);
		assertThat(arrivals.get(8) - arrivals.get(0)).as("the ninth waits for a slot").isGreaterThanOrEqualTo(450);
		assertThat(arrivals.get(7) - arrivals.get(0)).as("the first eight go together").isLessThan(450);
	}

}
