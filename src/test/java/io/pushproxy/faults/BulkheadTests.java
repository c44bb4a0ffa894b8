package io.pushproxy.faults;

import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;

import io.pushproxy.resilience.OperationBulkheads;
import io.pushproxy.support.ApiClient;
import io.pushproxy.support.ApiClient.Answer;
import io.pushproxy.support.TestJwts;
import io.pushproxy.support.WireMockProxyTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.pushproxy.faults.FaultMatrixTests.assertProblem;
import static io.pushproxy.support.TestApp.PREFIX;
import static io.pushproxy.support.Upstream.data;
import static io.pushproxy.support.Upstream.okJson;
import static io.pushproxy.support.Upstream.userEnvelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An operation whose calls in flight reach its bulkhead (two here, Agora answering in 1.5
 * s) refuses the next call at once: a single call is a 503 {@code upstream-busy} with
 * {@code Retry-After}, a profile lists that section as unavailable and a batch those
 * items, each while the calls in flight are still waiting for Agora, and nothing more
 * reaches Agora. The refusals are counted per operation.
 */
@TestPropertySource(properties = { "agora.bulkhead.get-language=2", "agora.bulkhead.get-push-settings=2" })
class BulkheadTests extends WireMockProxyTest {

	private static final String ALICE = TestJwts.user("alice");

	private static final String LANGUAGE = PREFIX + "/users/alice/notification/language";

	/** Under the read timeout (3 s): the calls in flight are answered, late. */
	private static final int SLOW = 2500;

	@Autowired
	OperationBulkheads bulkheads;

	@LocalManagementPort
	int managementPort;

	/**
	 * Every path these tests take once, on another user, so that the answers they time
	 * against Agora's delay do not include a cold start's class loading and compiling.
	 */
	@BeforeEach
	void warmUp() {
		String carol = PREFIX + "/users/carol";
		upstream.stubFor(get(carol).willReturn(okJson(userEnvelope("{\"username\":\"carol\"}"))));
		upstream.stubFor(get(carol + "/notification/user/carol").willReturn(okJson(data("{\"type\":\"ALL\"}"))));
		upstream.stubFor(get(carol + "/notification/language").willReturn(okJson(data("{\"language\":\"en\"}"))));
		upstream.stubFor(get(carol + "/notification/chatgroup/1").willReturn(okJson(data("{\"type\":\"ALL\"}"))));
		String token = TestJwts.user("carol");
		assertThat(this.api.get("/v1/users/me/push", token).status()).isEqualTo(200);
		assertThat(this.api.get("/v1/users/me/push/conversations?ids=group:1", token).status()).isEqualTo(200);
		upstream.resetAll();
		this.readCache.clear();
	}

	@Test
	void aCallThatFindsItsOperationFullIsRefusedAtOnceWithRetryAfter() {
		upstream.stubFor(get(LANGUAGE).willReturn(okJson(data("{\"language\":\"en\"}")).withFixedDelay(SLOW)));
		double refusedBefore = refusals("get-language");
		CompletableFuture<Answer> first = inBackground(() -> this.api.get("/v1/users/alice/push/language", ALICE));
		CompletableFuture<Answer> second = inBackground(() -> this.api.get("/v1/users/alice/push/language", ALICE));
		awaitInFlight("get-language", 2);

		Answer refused = this.api.get("/v1/users/alice/push/language", ALICE);

		assertThat(first).as("the refusal came while the calls in flight were still waiting").isNotDone();
		assertProblem(refused, 503, "upstream-busy");
		assertThat(refused.header("Retry-After")).as("the read timeout").isEqualTo("3");
		assertThat(refused.json().get("detail").asString())
			.isEqualTo("Too many calls of get-language are already waiting for Agora");
		assertThat(first.join().status()).isEqualTo(200);
		assertThat(second.join().status()).isEqualTo(200);
		upstream.verify(2, getRequestedFor(urlEqualTo(LANGUAGE)));
		assertThat(refusals("get-language") - refusedBefore).isEqualTo(1);
		assertThat(this.bulkheads.inFlight("get-language")).isZero();
	}

	@Test
	void aProfileListsTheFullOperationsSectionAsUnavailableWithoutWaiting() {
		upstream.stubFor(get(PREFIX + "/users/bob/notification/language")
			.willReturn(okJson(data("{\"language\":\"en\"}")).withFixedDelay(SLOW)));
		upstream.stubFor(get(PREFIX + "/users/alice")
			.willReturn(okJson(userEnvelope("{\"username\":\"alice\",\"nickname\":\"Alice\"}"))));
		upstream.stubFor(
				get(PREFIX + "/users/alice/notification/user/alice").willReturn(okJson(data("{\"type\":\"ALL\"}"))));
		String bob = TestJwts.user("bob");
		CompletableFuture<Answer> first = inBackground(() -> this.api.get("/v1/users/bob/push/language", bob));
		CompletableFuture<Answer> second = inBackground(() -> this.api.get("/v1/users/bob/push/language", bob));
		awaitInFlight("get-language", 2);

		Answer profile = this.api.get("/v1/users/me/push", ALICE);

		assertThat(first).isNotDone();
		assertThat(profile.status()).as(profile.toString()).isEqualTo(200);
		assertThat(profile.json().get("displayName").asString()).isEqualTo("Alice");
		assertThat(profile.json().get("settings").get("mode").asString()).isEqualTo("ALL");
		assertThat(profile.json().get("language").isNull()).isTrue();
		JsonNode unavailable = profile.json().get("unavailable");
		assertThat(unavailable.size()).isEqualTo(1);
		assertThat(unavailable.get(0).get("section").asString()).isEqualTo("language");
		assertThat(unavailable.get(0).get("status").asInt()).isEqualTo(503);
		assertThat(unavailable.get(0).get("type").asString()).isEqualTo("urn:agora-push-proxy:problem:upstream-busy");
		upstream.verify(0, getRequestedFor(urlEqualTo(LANGUAGE)));
		assertThat(first.join().status()).isEqualTo(200);
		assertThat(second.join().status()).isEqualTo(200);
	}

	@Test
	void aBatchAnswersTheItemsItsOperationHadNoRoomForAsUnavailable() {
		upstream.stubFor(get(urlPathMatching(".*/notification/chatgroup/.*"))
			.willReturn(okJson(data("{\"type\":\"NONE\"}")).withFixedDelay(1000)));

		Answer answer = this.api.get("/v1/users/me/push/conversations?ids=" + groups(8), ALICE);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		JsonNode items = answer.json().get("conversations");
		assertThat(items.size()).isEqualTo(8);
		int answered = 0;
		for (JsonNode item : items) {
			if (item.has("mode")) {
				assertThat(item.get("mode").asString()).isEqualTo("NONE");
				answered++;
			}
			else {
				assertThat(item.get("error").get("status").asInt()).isEqualTo(503);
				assertThat(item.get("error").get("type").asString())
					.isEqualTo("urn:agora-push-proxy:problem:upstream-busy");
			}
		}
		assertThat(answered).as("as many as the bulkhead holds").isEqualTo(2);
		upstream.verify(2, getRequestedFor(urlPathMatching(".*/notification/chatgroup/.*")));
	}

	private static String groups(int count) {
		StringBuilder ids = new StringBuilder();
		for (int i = 1; i <= count; i++) {
			ids.append((i > 1) ? "," : "").append("group:").append(i);
		}
		return ids.toString();
	}

	private void awaitInFlight(String operation, int calls) {
		IntSupplier inFlight = () -> this.bulkheads.inFlight(operation);
		await().atMost(java.time.Duration.ofSeconds(5)).until(() -> inFlight.getAsInt() == calls);
	}

	private double refusals(String operation) {
		String metrics = new ApiClient(this.managementPort).get("/actuator/prometheus", null).body();
		return metrics.lines()
			.filter((line) -> line.startsWith("agora_bulkhead_rejections_total{")
					&& line.contains("operation=\"" + operation + "\""))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	private static CompletableFuture<Answer> inBackground(java.util.function.Supplier<Answer> call) {
		return CompletableFuture.supplyAsync(call);
	}

}
