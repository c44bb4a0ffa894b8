package io.pushproxy.quota;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.MeterRegistry;
import io.pushproxy.support.RawHttp;
import io.pushproxy.support.RawHttp.Answer;
import io.pushproxy.support.TestJwts;
import io.pushproxy.support.WireMockProxyTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.pushproxy.support.Upstream.data;
import static io.pushproxy.support.Upstream.okJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever a request's spelling, it is charged to its caller or refused before anything
 * else: the requests go out byte for byte ({@link RawHttp}), so {@code %76} reaches the
 * proxy as sent and is not normalised back to {@code v} by the client.
 */
@TestPropertySource(properties = { CallerQuotaTests.RATE, CallerQuotaTests.BURST })
class QuotaSpellingTests extends WireMockProxyTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String FIFTY_BAD_IDS = "x" + ",x".repeat(49);

	@Autowired
	private MeterRegistry meters;

	private RawHttp raw;

	@BeforeEach
	void rawClient() {
		this.raw = new RawHttp(this.port);
		upstream.stubFor(get(urlPathMatching(".*/notification/.*"))
			.willReturn(okJson(data("{\"type\":\"ALL\",\"ignoreDuration\":0,\"language\":\"en\"}"))));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/%761/users/me/push/language", "/v%31/users/me/push/language",
			"/%76%31/users/me/push/language", "/v1/users/me/push/conversation%73?ids=group:1",
			"/v1/users/me/push/%6Canguage", "/v1/users/%6De/push/language" })
	void aPathWithAnEncodedCharacterIsRefusedBeforeAnythingElse(String target) {
		Answer answer = this.raw.get(target, TestJwts.user("hana"));

		assertThat(answer.status()).as(answer.body()).isEqualTo(400);
		assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
		JsonNode problem = JSON.readTree(answer.body());
		assertThat(problem.get("type").asString()).isEqualTo("urn:agora-push-proxy:problem:rejected-url");
		assertThat(problem.get("detail").asString()).contains("percent-encoded");
		assertThat(answer.header("X-Request-Id")).isNotBlank();
		assertThat(upstream.findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/v1//users/me/push/language", "//v1/users/me/push/language",
			"/v1/./users/me/push/language", "/v1/x/../users/me/push/language", "/v1;a=b/users/me/push/language",
			"/v1/users/me;a=b/push/language" })
	void aPathThatIsNotNormalisedIsRefusedBeforeAnythingElse(String target) {
		Answer answer = this.raw.get(target, TestJwts.user("hana"));

		assertThat(answer.status()).as(answer.body()).isEqualTo(400);
		assertThat(JSON.readTree(answer.body()).get("type").asString())
			.isEqualTo("urn:agora-push-proxy:problem:rejected-url");
		assertThat(upstream.findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	@Test
	void anEncodedPathIsRefusedEvenWithoutAToken() {
		Answer answer = this.raw.get("/%761/users/me/push/language", null);

		assertThat(answer.status()).isEqualTo(400);
	}

	@Test
	void anEncodedWriteIsRefusedAndNothingIsWritten() {
		Answer answer = this.raw.send("PUT", "/v%31/users/me/push/language", TestJwts.user("hana"),
				"{\"language\":\"de\"}");

		assertThat(answer.status()).as(answer.body()).isEqualTo(400);
		assertThat(upstream.findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	@Test
	void aFloodOfEncodedSpellingsCannotTakeTheReadsOfAnotherUser() throws Exception {
		String mallory = TestJwts.user("mallory");
		List<Future<Integer>> flood = new ArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			for (int i = 0; i < 40; i++) {
				StringBuilder ids = new StringBuilder("group:").append(1000 + 50 * i);
				for (int j = 1; j < 50; j++) {
					ids.append(",group:").append(1000 + 50 * i + j);
				}
				String target = ((i % 2 == 0) ? "/%761" : "/v%31") + "/users/me/push/conversations?ids=" + ids;
				flood.add(pool.submit(() -> this.raw.get(target, mallory).status()));
			}
			Answer bobs = this.raw.get("/v1/users/me/push/conversations?ids=group:1,group:2,group:3,group:4,group:5,"
					+ "group:6,group:7,group:8,group:9,group:10", TestJwts.user("bob"));
			for (Future<Integer> status : flood) {
				assertThat(status.get()).isEqualTo(400);
			}

			assertThat(bobs.status()).as(bobs.body()).isEqualTo(200);
			JsonNode items = JSON.readTree(bobs.body()).get("conversations");
			assertThat(items.size()).isEqualTo(10);
			items.forEach((item) -> assertThat(item.has("error")).as(item.toString()).isFalse());
			assertThat(upstream.findAll(getRequestedFor(urlPathMatching(".*/notification/.*")))).hasSize(10);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void fiftyIdsSplitOverRepeatedParametersCostFiveTokens() {
		String half = "x" + ",x".repeat(24);
		assertThat(statusesOfFive("GET", "/v1/users/me/push/conversations?ids=" + half + "&ids=" + half,
				TestJwts.user("ivan")))
			.containsExactly(400, 400, 400, 400, 429);
	}

	@Test
	void aHeadOfTheBatchCostsWhatItsGetCosts() {
		assertThat(
				statusesOfFive("HEAD", "/v1/users/me/push/conversations?ids=" + FIFTY_BAD_IDS, TestJwts.user("judy")))
			.containsExactly(400, 400, 400, 400, 429);
	}

	@Test
	void aRefusalByTheCallerQuotaIsMeasuredUnderItsRoute() throws InterruptedException {
		String kim = TestJwts.user("kim");
		int status = 200;
		for (int i = 0; i < 30 && status != 429; i++) {
			status = this.raw.get("/v1/users/me/push/language", kim).status();
		}
		assertThat(status).isEqualTo(429);

		// The observation ends just after the answer is written.
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (refusalsUnderTheRoute() == 0 && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(refusalsUnderTheRoute()).isPositive();
		assertThat(this.meters.find("http.server.requests").tag("status", "429").tag("uri", "UNKNOWN").timer())
			.isNull();
	}

	private long refusalsUnderTheRoute() {
		var timer = this.meters.find("http.server.requests")
			.tag("status", "429")
			.tag("uri", "/v1/users/{user}/push/language")
			.timer();
		return (timer != null) ? timer.count() : 0;
	}

	/** Five calls in a row; with a burst of 20, a fifth call of price 5 is refused. */
	private List<Integer> statusesOfFive(String method, String target, String token) {
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			statuses.add(this.raw.send(method, target, token, null).status());
		}
		return statuses;
	}

}
