package io.pushproxy.faults;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.pushproxy.support.FlakyUpstream;
import io.pushproxy.support.TestApp;
import io.pushproxy.support.TestJwts;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Twenty seconds at 300 requests a second while upstream fails half its calls at random
 * for the first twelve, then recovers: every request is answered, nothing leaks, and
 * success returns within seconds. Prints a second-by-second table and the leak figures.
 */
// Every request must reach the budget: the read cache is off (proxy.cache.ttl=PT0S).
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "proxy.cache.ttl=PT0S", "agora.rate-limit.get-language=1000", "server.tomcat.threads.max=400",
				TestApp.UNLIMITED_CALLER_RATE, TestApp.UNLIMITED_CALLER_BURST })
class FaultStormTests {

	private static final int RATE = 300;

	private static final int SECONDS = 20;

	private static final int RECOVERY_AT = 12;

	private static final FlakyUpstream upstream = new FlakyUpstream();

	@LocalServerPort
	int port;

	@Autowired
	PoolingHttpClientConnectionManager pool;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestApp.register(registry, upstream::baseUrl);
	}

	@AfterAll
	static void stop() {
		upstream.close();
	}

	@Test
	void aStormOfFaultsIsAnsweredRequestByRequestAndLeavesNothingBehind() throws Exception {
		// A fixed pool for the client's own work, so that only the proxy's threads can
		// grow.
		ExecutorService clientThreads = Executors.newFixedThreadPool(8);
		HttpClient client = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(5))
			.executor(clientThreads)
			.build();
		HttpRequest request = HttpRequest
			.newBuilder(java.net.URI.create("http://127.0.0.1:" + this.port + "/v1/users/alice/push/language"))
			.header("Authorization", "Bearer " + TestJwts.user("alice"))
			.timeout(Duration.ofSeconds(15))
			.build();
		drive(client, request, 3);
		Thread.sleep(500);
		int threadsBefore = threadsOutsideTheServletPool();

		upstream.failHalf(true);
		long start = System.nanoTime();
		List<Sent> sent = new ArrayList<>();
		for (int i = 0; i < RATE * SECONDS; i++) {
			long due = start + i * (1_000_000_000L / RATE);
			while (System.nanoTime() < due) {
				Thread.onSpinWait();
			}
			if (i == RATE * RECOVERY_AT) {
				upstream.failHalf(false);
			}
			sent.add(new Sent(i / RATE, client.sendAsync(request, HttpResponse.BodyHandlers.discarding())));
		}

		Map<Integer, Map<Integer, Integer>> bySecond = new TreeMap<>();
		int unanswered = 0;
		for (Sent one : sent) {
			try {
				int status = one.answer().get(20, TimeUnit.SECONDS).statusCode();
				bySecond.computeIfAbsent(one.second(), (s) -> new TreeMap<>()).merge(status, 1, Integer::sum);
			}
			catch (Exception ex) {
				unanswered++;
			}
		}
		Thread.sleep(2000);
		int threadsAfter = threadsOutsideTheServletPool();
		int leased = this.pool.getTotalStats().getLeased();
		int recoveredAt = firstHealthySecond(bySecond);

		System.out.println("fault storm: second -> answers by status (upstream fails half its calls until second "
				+ RECOVERY_AT + ")");
		bySecond.forEach((second, statuses) -> System.out.println("  " + second + " -> " + statuses));
		System.out.printf("fault storm: %d requests, %d unanswered, %d upstream calls; threads (outside Tomcat's pool) "
				+ "%d before, %d after; " + "%d pooled connections still leased; all 200 again %d s after recovery%n",
				sent.size(), unanswered, upstream.calls(), threadsBefore, threadsAfter, leased,
				recoveredAt - RECOVERY_AT);

		clientThreads.shutdown();
		assertThat(unanswered).isZero();
		assertThat(bySecond.values().stream().flatMap((statuses) -> statuses.keySet().stream()))
			.allMatch((status) -> status == 200 || status == 429 || status == 502 || status == 503 || status == 504);
		assertThat(leased).isZero();
		assertThat(threadsAfter).isLessThanOrEqualTo(threadsBefore + 5);
		assertThat(recoveredAt - RECOVERY_AT).isLessThanOrEqualTo(6);
	}

	/**
	 * Healthy traffic at the storm's rate, so that pools have grown before anything is
	 * counted.
	 */
	private static void drive(HttpClient client, HttpRequest request, int seconds) {
		List<CompletableFuture<HttpResponse<Void>>> answers = new ArrayList<>();
		long start = System.nanoTime();
		for (int i = 0; i < RATE * seconds; i++) {
			long due = start + i * (1_000_000_000L / RATE);
			while (System.nanoTime() < due) {
				Thread.onSpinWait();
			}
			answers.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding()));
		}
		answers.forEach(CompletableFuture::join);
	}

	/**
	 * Live threads less Tomcat's request workers, which it keeps for a minute after a
	 * peak by design; anything else that grows is a leak.
	 */
	private static int threadsOutsideTheServletPool() {
		return (int) Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> !thread.getName().contains("-exec-"))
			.count();
	}

	/** The first second after recovery from which on every answer is 200. */
	private static int firstHealthySecond(Map<Integer, Map<Integer, Integer>> bySecond) {
		int healthyFrom = SECONDS;
		for (int second = SECONDS - 1; second >= RECOVERY_AT; second--) {
			Map<Integer, Integer> statuses = bySecond.getOrDefault(second, Map.of());
			if (statuses.keySet().stream().allMatch((status) -> status == 200)) {
				healthyFrom = second;
			}
			else {
				break;
			}
		}
		return healthyFrom;
	}

	private record Sent(int second, CompletableFuture<HttpResponse<Void>> answer) {
	}

}
