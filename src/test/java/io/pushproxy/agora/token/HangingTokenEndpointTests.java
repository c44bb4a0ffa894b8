package io.pushproxy.agora.token;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.pushproxy.support.ApiClient.Answer;
import io.pushproxy.support.TestJwts;
import io.pushproxy.support.WireMockProxyTest;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.pushproxy.support.TestApp.PREFIX;
import static io.pushproxy.support.Upstream.data;
import static io.pushproxy.support.Upstream.okJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Agora's {@code /token} endpoint hangs (client-credentials mode, the exchange mode
 * shares the code): fifty requests that all need a token are answered within about their
 * deadline, the endpoint is called a bounded number of times (not once per waiting
 * request), and a later request succeeds once the endpoint works again.
 */
@TestPropertySource(properties = { "agora.token-mode=client-credentials", "agora.client-id=YXA6client",
		"agora.client-secret=YXA6secret", "agora.circuit-breaker.open-for=1s",
		// Fifty at once are within the budget: this test is about the token, not the rate
		// limit.
		"agora.rate-limit.get-language=100000" })
class HangingTokenEndpointTests extends WireMockProxyTest {

	private static final String LANGUAGE = PREFIX + "/users/alice/notification/language";

	private static final String TOKEN = PREFIX + "/token";

	@Test
	void fiftyRequestsWaitingForAHangingTokenEndpointAreAllAnsweredInTimeAndItRecoversLater() throws Exception {
		upstream.stubFor(post(TOKEN).willReturn(aResponse().withFixedDelay(60_000)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"access_token\":\"too-late\",\"expires_in\":7200}")));
		upstream.stubFor(get(LANGUAGE).willReturn(okJson(data("{\"language\":\"en\"}"))));
		String alice = TestJwts.user("alice");

		long started = System.nanoTime();
		List<Answer> answers = fiftyAtOnce(alice);
		long tookMillis = (System.nanoTime() - started) / 1_000_000L;
		int tokenCalls = upstream.findAll(postRequestedFor(urlEqualTo(TOKEN))).size();

		System.out.printf("50 requests against a hanging /token: all answered after %d ms, /token called %d times%n",
				tookMillis, tokenCalls);
		assertThat(answers).allSatisfy((answer) -> {
			assertThat(answer.status()).as(answer.toString()).isIn(503, 504);
			assertThat(answer.contentType()).startsWith("application/problem+json");
		});
		// The request budget (agora.retry.budget) is 5 s; much more means requests
		// queued.
		assertThat(tookMillis).isLessThan(15_000L);
		assertThat(tokenCalls).isBetween(1, 3);
		upstream.verify(0, getRequestedFor(urlEqualTo(LANGUAGE)));

		upstream.stubFor(post(TOKEN).willReturn(okJson("{\"access_token\":\"YWMt-works\",\"expires_in\":7200}")));
		Answer later = null;
		for (int i = 0; i < 40 && (later == null || later.status() != 200); i++) {
			Thread.sleep(500);
			later = this.api.get("/v1/users/alice/push/language", alice);
		}
		assertThat(later.status()).as(later.toString()).isEqualTo(200);
	}

	private List<Answer> fiftyAtOnce(String token) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(50);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Answer>> futures = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				futures.add(pool.submit(() -> {
					start.await();
					return this.api.get("/v1/users/alice/push/language", token);
				}));
			}
			start.countDown();
			List<Answer> answers = new ArrayList<>();
			for (Future<Answer> future : futures) {
				answers.add(future.get(60, TimeUnit.SECONDS));
			}
			return answers;
		}
		finally {
			pool.shutdownNow();
		}
	}

}
