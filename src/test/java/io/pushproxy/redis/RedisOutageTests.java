package io.pushproxy.redis;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.pushproxy.emulator.AgoraEmulator;
import io.pushproxy.support.ApiClient;
import io.pushproxy.support.RedisServer;
import io.pushproxy.support.TestApp;
import io.pushproxy.support.TestJwts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One proxy with everything in Redis (budgets, caller quota, read cache) and a user
 * reading twice a second while Redis is stopped: every request is answered, whatever the
 * link's state, before, at and after the switch to the pod's own fallback.
 */
class RedisOutageTests {

	private static final int REQUESTS = 12;

	private static final int STOP_AFTER = 4;

	private static RedisServer redis;

	private static AgoraEmulator emulator;

	private static ConfigurableApplicationContext proxy;

	private static final HttpClient client = HttpClient.newHttpClient();

	@BeforeAll
	static void startProxy() {
		redis = new RedisServer();
		emulator = AgoraEmulator.start(0, TestApp.ORG, TestApp.APP, TestApp.APP_ID, TestApp.APP_CERTIFICATE);
		emulator.registerUser("alice");
		proxy = TestApp.redisReplica(emulator.baseUrl(), redis.url(), Map.of("proxy.caller-limit.rate", "5",
				"proxy.caller-limit.burst", "20", "proxy.rate-limit.recheck-every", "200ms"));
		// A cold proxy's first requests are slow and bunch together (and its first Redis
		// calls may take longer than the 50 ms timeout): warm it up, one read at a time,
		// so that what follows is about Redis alone.
		for (int i = 0; i < 5; i++) {
			new ApiClient(port("local.server.port")).get("/v1/users/alice/push/language", TestJwts.admin());
		}
	}

	@AfterAll
	static void stopEverything() {
		proxy.close();
		emulator.close();
		redis.close();
	}

	@BeforeEach
	void redisIsShared() throws InterruptedException {
		awaitMode("shared");
	}

	@AfterEach
	void redisIsBack() throws InterruptedException {
		redis.start();
		awaitMode("shared");
	}

	@Test
	void aBudgetedReadIsAnsweredEveryTimeWhileRedisIsLost() throws Exception {
		// no-cache: every read is an upstream call, so it needs a budget decision.
		List<Integer> statuses = trickle(TestJwts.admin(), "no-cache");

		assertThat(statuses).hasSize(REQUESTS).containsOnly(200);
		assertThat(mode()).isEqualTo("local-fallback");
	}

	@Test
	void aCachedReadIsAnsweredEveryTimeWhileRedisIsLost() throws Exception {
		List<Integer> statuses = trickle(TestJwts.admin(), null);

		assertThat(statuses).hasSize(REQUESTS).containsOnly(200);
		assertThat(mode()).isEqualTo("local-fallback");
	}

	@Test
	void aCallerWhoseQuotaIsInRedisIsAnsweredEveryTimeWhileRedisIsLost() throws Exception {
		// A user (admins are exempt from the quota), within the quota of 5/s.
		List<Integer> statuses = trickle(TestJwts.user("alice"), "no-cache");

		assertThat(statuses).hasSize(REQUESTS).containsOnly(200);
		assertThat(mode()).isEqualTo("local-fallback");
	}

	/**
	 * Reads alice's language every 500 ms, stopping Redis after {@value #STOP_AFTER}
	 * reads; the statuses of all reads.
	 */
	private static List<Integer> trickle(String token, String cacheControl) throws Exception {
		List<CompletableFuture<HttpResponse<Void>>> answers = new ArrayList<>();
		long start = System.nanoTime();
		for (int i = 0; i < REQUESTS; i++) {
			if (i == STOP_AFTER) {
				redis.stop();
			}
			long wait = start + i * Duration.ofMillis(500).toNanos() - System.nanoTime();
			if (wait > 0) {
				Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
			}
			HttpRequest.Builder request = HttpRequest
				.newBuilder(
						URI.create("http://127.0.0.1:" + port("local.server.port") + "/v1/users/alice/push/language"))
				.header("Authorization", "Bearer " + token)
				.timeout(Duration.ofSeconds(20));
			if (cacheControl != null) {
				request.header("Cache-Control", cacheControl);
			}
			answers.add(client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()));
		}
		List<Integer> statuses = answers.stream().map((answer) -> answer.join().statusCode()).toList();
		System.out.printf("Redis stopped after %d of %d reads, one every 500 ms: answers %s%n", STOP_AFTER, REQUESTS,
				statuses);
		return statuses;
	}

	private static void awaitMode(String expected) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!mode().equals(expected) && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		assertThat(mode()).isEqualTo(expected);
	}

	private static String mode() {
		ApiClient.Answer readiness = new ApiClient(port("local.management.port")).get("/actuator/health/readiness",
				null);
		return readiness.json().get("components").get("rateLimitStore").get("details").get("mode").asString();
	}

	private static int port(String property) {
		return proxy.getEnvironment().getRequiredProperty(property, Integer.class);
	}

}
