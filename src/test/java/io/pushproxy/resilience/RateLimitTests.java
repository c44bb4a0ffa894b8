package io.pushproxy.resilience;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.pushproxy.support.EmulatorProxyTest;
import io.pushproxy.support.TestJwts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-operation budget against the emulator, which answers 429 like Agora past 100
 * calls in any one-second window. Requests may wait up to a second for a permit here, so
 * a burst spreads over more than one window.
 */
// Every request must reach the budget: the read cache is off (proxy.cache.ttl=PT0S).
@TestPropertySource(
		properties = { "proxy.cache.ttl=PT0S", "agora.rate-limit.max-wait=1s", "server.tomcat.threads.max=320" })
class RateLimitTests extends EmulatorProxyTest {

	@Test
	void aBurstOf300NeverPutsMoreThanTheBudgetIntoAnySecondAndTheRestAnswer429WithRetryAfter() throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		warmUp(client);
		HttpRequest request = HttpRequest.newBuilder(this.api.uri("/v1/users/alice/push/language"))
			.header("Authorization", "Bearer " + TestJwts.user("alice"))
			.timeout(Duration.ofSeconds(30))
			.build();
		long started = System.nanoTime();
		List<HttpResponse<String>> answers = sendWithin(client, request, 300, Duration.ofMillis(300));
		long tookMillis = (System.nanoTime() - started) / 1_000_000;

		long ok = answers.stream().filter((answer) -> answer.statusCode() == 200).count();
		List<HttpResponse<String>> refused = answers.stream().filter((answer) -> answer.statusCode() == 429).toList();
		int busiestSecond = emulator.maxInAnyWindow("get-language", Duration.ofSeconds(1));
		System.out.printf("burst of 300 in %d ms: %d answered 200, %d answered 429, busiest upstream second %d%n",
				tookMillis, ok, refused.size(), busiestSecond);

		assertThat(ok + refused.size()).isEqualTo(300);
		assertThat(busiestSecond).isLessThanOrEqualTo(100);
		assertThat(emulator.rejectedByRateLimit("get-language")).isZero();
		assertThat(emulator.arrivals("get-language")).hasSize((int) ok);
		assertThat(ok).isGreaterThanOrEqualTo(90);
		assertThat(refused).isNotEmpty().allSatisfy((answer) -> {
			assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
			assertThat(answer.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(answer.body()).contains("urn:agora-push-proxy:problem:quota-spent");
		});
	}

	@ParameterizedTest
	@CsvSource({ "98, 1, 98", "97, 1, 97", "2, 1, 2", "950, 10, 95", "95000, 950, 100" })
	void theLimiterHandsOutTheCeilingEachSecondInShortCycles(int ceiling, int permits, int cycles) {
		var config = LocalLimiters.configFor(ceiling, Duration.ZERO);
		double cyclesPerSecond = (double) Duration.ofSeconds(1).toNanos() / config.getLimitRefreshPeriod().toNanos();

		assertThat(config.getLimitForPeriod()).isEqualTo(permits);
		assertThat(Math.round(cyclesPerSecond)).isEqualTo(cycles);
		assertThat(cyclesPerSecond * config.getLimitForPeriod()).isLessThanOrEqualTo(ceiling);
	}

	/**
	 * Opens the 300 client connections (with requests refused before any upstream call)
	 * and a few upstream ones, so that the burst measures the limiter rather than a storm
	 * of TCP handshakes on the same two cores as the emulator.
	 */
	private void warmUp(HttpClient client) throws InterruptedException {
		String alice = TestJwts.user("alice");
		sendTogether(client,
				HttpRequest.newBuilder(this.api.uri("/v1/users/al!ce/push/language"))
					.header("Authorization", "Bearer " + alice)
					.build(),
				300);
		sendTogether(client,
				HttpRequest.newBuilder(this.api.uri("/v1/users/alice/push/language"))
					.header("Authorization", "Bearer " + alice)
					.build(),
				20);
		Thread.sleep(1100);
		emulator.reset();
	}

	/**
	 * Sends the requests evenly within a short time (a thousand a second for 300): three
	 * times the budget, without a CPU storm on the two cores the emulator shares that
	 * would delay its clock rather than test the proxy.
	 */
	private static List<HttpResponse<String>> sendWithin(HttpClient client, HttpRequest request, int count,
			Duration within) throws InterruptedException {
		List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
		long spacing = within.toNanos() / count;
		long start = System.nanoTime();
		for (int i = 0; i < count; i++) {
			long due = start + i * spacing;
			while (System.nanoTime() < due) {
				Thread.onSpinWait();
			}
			calls.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
		}
		return calls.stream().map(CompletableFuture::join).toList();
	}

	private static List<HttpResponse<String>> sendTogether(HttpClient client, HttpRequest request, int count) {
		List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			calls.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
		}
		return calls.stream().map(CompletableFuture::join).toList();
	}

}
