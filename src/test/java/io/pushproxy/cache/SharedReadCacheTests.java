package io.pushproxy.cache;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.pushproxy.emulator.AgoraEmulator;
import io.pushproxy.support.RedisServer;
import io.pushproxy.support.TestApp;
import io.pushproxy.support.TestJwts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas with {@code proxy.rate-limit.store=redis} share one {@code redis-server}:
 * what one writes, the other reads without an upstream call; with Redis gone, reads are
 * still answered (from the pod's own cache or upstream, never a 5xx), and one's own
 * writes are still read back fresh.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedReadCacheTests {

	private static final String ALICE = TestJwts.user("alice");

	private static RedisServer redis;

	private static AgoraEmulator emulator;

	private static final List<ConfigurableApplicationContext> replicas = new ArrayList<>();

	private static final HttpClient client = HttpClient.newHttpClient();

	@BeforeAll
	static void startReplicas() {
		redis = new RedisServer();
		emulator = AgoraEmulator.start(0, TestApp.ORG, TestApp.APP, TestApp.APP_ID, TestApp.APP_CERTIFICATE);
		for (int i = 0; i < 2; i++) {
			replicas.add(TestApp.redisReplica(emulator.baseUrl(), redis.url(),
					Map.of("proxy.caller-limit.rate", "1000", "proxy.caller-limit.burst", "1000",
							"proxy.rate-limit.recheck-every", "200ms",
							// Two replicas, the emulator and Redis share two cores here.
							"proxy.rate-limit.redis-timeout", "250ms")));
		}
	}

	@AfterAll
	static void stopEverything() {
		replicas.forEach(ConfigurableApplicationContext::close);
		// Surefire's rerun of a failed method starts them again
		replicas.clear();
		emulator.close();
		redis.close();
	}

	@BeforeEach
	void resetEmulator() {
		emulator.reset();
		emulator.registerUser("alice");
	}

	private static HttpResponse<String> send(int replica, String method, String path, String json) throws Exception {
		String port = replicas.get(replica).getEnvironment().getProperty("local.server.port");
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Authorization", "Bearer " + ALICE);
		if (json != null) {
			request.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(json));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	@Order(1)
	void aWriteThroughOneReplicaIsReadThroughTheOtherWithoutAnUpstreamCall() throws Exception {
		assertThat(send(0, "PUT", "/v1/users/me/push/language", "{\"language\":\"de\"}").statusCode()).isEqualTo(200);
		assertThat(send(0, "PUT", "/v1/users/me/push/settings", "{\"mode\":\"NONE\"}").statusCode()).isEqualTo(200);

		HttpResponse<String> language = send(1, "GET", "/v1/users/me/push/language", null);
		HttpResponse<String> settings = send(1, "GET", "/v1/users/me/push/settings", null);

		assertThat(language.body()).isEqualTo("{\"language\":\"de\"}");
		assertThat(language.headers().firstValue("Cache-Status")).hasValue("agora-push-proxy; hit");
		assertThat(settings.body()).contains("\"mode\":\"NONE\"");
		assertThat(emulator.arrivals("get-language")).isEmpty();
		assertThat(emulator.arrivals("get-push-settings")).isEmpty();
	}

	@Test
	@Order(2)
	void aReadThroughOneReplicaIsAHitOnTheOther() throws Exception {
		HttpResponse<String> first = send(0, "GET", "/v1/users/me/push/conversations/group/4711", null);
		HttpResponse<String> second = send(1, "GET", "/v1/users/me/push/conversations/group/4711", null);

		assertThat(first.headers().firstValue("Cache-Status")).hasValue("agora-push-proxy; fwd=miss");
		assertThat(second.headers().firstValue("Cache-Status")).hasValue("agora-push-proxy; hit");
		assertThat(second.headers().firstValue("ETag")).isEqualTo(first.headers().firstValue("ETag"));
		assertThat(emulator.arrivals("get-push-settings")).hasSize(1);
	}

	@Test
	@Order(3)
	void withRedisGoneReadsAreStillAnsweredAndOwnWritesStillReadBack() throws Exception {
		redis.stop();
		try {
			List<Integer> statuses = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				statuses.add(send(0, "GET", "/v1/users/me/push/language", null).statusCode());
				statuses.add(send(1, "GET", "/v1/users/me/push", null).statusCode());
			}
			// Never a 5xx (RedisOutageTests proves that no request is refused either).
			assertThat(statuses).allMatch((status) -> status == 200 || status == 429);
			assertThat(statuses).contains(200);
			Thread.sleep(1500);

			assertThat(send(0, "PUT", "/v1/users/me/push/language", "{\"language\":\"ja\"}").statusCode())
				.isEqualTo(200);
			int reads = emulator.arrivals("get-language").size();
			HttpResponse<String> readBack = send(0, "GET", "/v1/users/me/push/language", null);
			assertThat(readBack.body()).isEqualTo("{\"language\":\"ja\"}");
			assertThat(readBack.headers().firstValue("Cache-Status")).hasValue("agora-push-proxy; hit");
			assertThat(emulator.arrivals("get-language")).hasSize(reads);
		}
		finally {
			redis.start();
		}
		// Back on Redis, the write made during the outage is not hidden by an older
		// shared entry.
		long deadline = System.nanoTime() + 10_000_000_000L;
		String language = null;
		while (System.nanoTime() < deadline) {
			Thread.sleep(300);
			language = send(1, "GET", "/v1/users/me/push/language", null).body();
			if (language.equals("{\"language\":\"ja\"}")) {
				break;
			}
		}
		assertThat(language).isEqualTo("{\"language\":\"ja\"}");
	}

}
