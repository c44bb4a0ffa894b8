package io.pushproxy.resilience;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

import io.pushproxy.agora.AgoraOperation;
import io.pushproxy.emulator.AgoraEmulator;
import io.pushproxy.redis.RedisLink;
import io.pushproxy.support.ApiClient;
import io.pushproxy.support.RedisServer;
import io.pushproxy.support.TestApp;
import io.pushproxy.support.TestJwts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two proxy replicas sharing one real Redis in front of the emulator (100 calls/s per
 * operation, 429 past it): together they never exceed the budget, they use most of it,
 * and they keep answering within a local share while Redis is away.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedBudgetTests {

	private static final int RATE = 300;

	private static RedisServer redis;

	private static AgoraEmulator emulator;

	private static final List<ConfigurableApplicationContext> replicas = new ArrayList<>();

	private static final HttpClient client = HttpClient.newHttpClient();

	@BeforeAll
	static void startReplicas() {
		redis = new RedisServer();
		emulator = AgoraEmulator.start(0, TestApp.ORG, TestApp.APP, TestApp.APP_ID, TestApp.APP_CERTIFICATE);
		emulator.registerUser("alice");
		for (int i = 0; i < 2; i++) {
			replicas.add(TestApp.redisReplica(emulator.baseUrl(), redis.url(),
					Map.of("proxy.caller-limit.rate", "5", "proxy.caller-limit.burst", "20", "proxy.cache.ttl", "PT0S",
							"proxy.rate-limit.recheck-every", "300ms",
							// Two replicas, the emulator, Redis and the load share two
							// cores
							// here: a generous Redis timeout keeps CPU starvation from
							// passing
							// for a Redis outage.
							"proxy.rate-limit.redis-timeout", "250ms", "server.tomcat.threads.max", "300")));
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

	@Test
	@Order(1)
	void twoReplicasAtThreeTimesTheBudgetStayWithinItAndUseMostOfIt() throws Exception {
		drive(Duration.ofSeconds(1));
		Thread.sleep(1100);
		emulator.reset();
		// An upstream 429 in the cold warm-up lowers the ceiling by design (adaptive
		// ceilings); "most of it" is judged against what the shared bucket grants under
		// the ceiling in force (the ceiling less the two pods' reserves): nine tenths of
		// it. The bucket sustains its rate less its burst of 4 (87 of 91), which a
		// starved two-core machine does not always reach: the former bound, the rate less
		// 5 (1 call/s under what the bucket sustains), failed about one run in three on a
		// loaded two-core machine, with the reserves and without them.
		String operation = AgoraOperation.GET_LANGUAGE.key();
		int ceiling = replicas.get(0).getBean(OperationBudgets.class).ceiling(operation);
		int shared = replicas.get(0).getBean(SharedBudgets.class).bucketRate(operation, ceiling);

		Map<Integer, Integer> statuses = drive(Duration.ofSeconds(4));

		List<Long> arrivals = emulator.arrivals("get-language");
		double seconds = (arrivals.get(arrivals.size() - 1) - arrivals.get(0)) / 1e9;
		double perSecond = (arrivals.size() - 1) / seconds;
		int busiest = emulator.maxInAnyWindow("get-language", Duration.ofSeconds(1));
		System.out.printf(
				"two replicas sharing Redis at %d/s: answers %s; upstream %.1f calls/s, busiest second %d, "
						+ "upstream 429s %d, failed Redis calls %s%n",
				RATE, statuses, perSecond, busiest, emulator.rejectedByRateLimit("get-language"), redisFailures());

		assertThat(statuses.keySet()).containsOnly(200, 429);
		assertThat(busiest).isLessThanOrEqualTo(100);
		assertThat(emulator.rejectedByRateLimit("get-language")).isZero();
		assertThat(perSecond).as("calls/s against a ceiling of %d in force, %d of it shared", ceiling, shared)
			.isGreaterThanOrEqualTo(0.9 * shared);
		assertThat(modes()).containsOnly("shared");
	}

	@Test
	@Order(2)
	void withRedisGoneEveryRequestIsStillAnsweredWithinTheFallbackShareAndSharingResumesWhenItReturns()
			throws Exception {
		emulator.reset();
		CompletableFuture<Map<Integer, Integer>> load = CompletableFuture
			.supplyAsync(() -> drive(Duration.ofSeconds(6)));
		Thread.sleep(1500);
		redis.stop();
		Thread.sleep(1500);
		List<String> duringOutage = modes();
		redis.start();
		Map<Integer, Integer> statuses = load.get();
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (!modes().equals(List.of("shared", "shared")) && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		int busiest = emulator.maxInAnyWindow("get-language", Duration.ofSeconds(1));
		System.out.printf(
				"Redis stopped and restarted under %d/s: answers %s; modes during the outage %s; "
						+ "busiest upstream second %d, upstream 429s %d%n",
				RATE, statuses, duringOutage, busiest, emulator.rejectedByRateLimit("get-language"));

		assertThat(statuses.keySet()).containsOnly(200, 429);
		assertThat(duringOutage).containsOnly("local-fallback");
		assertThat(busiest).isLessThanOrEqualTo(100);
		assertThat(emulator.rejectedByRateLimit("get-language")).isZero();
		assertThat(modes()).containsOnly("shared");
	}

	@Test
	@Order(3)
	void aCallersQuotaIsSharedByTheReplicasToo() {
		String bob = TestJwts.user("bob");
		emulator.registerUser("bob");
		Map<Integer, Integer> statuses = new TreeMap<>();
		for (int i = 0; i < 40; i++) {
			ApiClient.Answer answer = new ApiClient(port(i % 2, "local.server.port")).get("/v1/users/bob/push/language",
					bob);
			statuses.merge(answer.status(), 1, Integer::sum);
		}
		System.out.printf("one caller, 40 quick requests over two replicas: %s%n", statuses);

		// A burst of 20 for both replicas together (plus what refills meanwhile), not 20
		// each.
		assertThat(statuses.getOrDefault(200, 0)).isBetween(20, 27);
		assertThat(statuses.keySet()).containsOnly(200, 429);
	}

	@Test
	@Order(4)
	void agoras429sLowerTheSharedCeilingForEveryReplica() throws Exception {
		emulator.reset();
		emulator.otherCallers(40);
		try {
			Map<Integer, Integer> statuses = drive(Duration.ofSeconds(3));
			Thread.sleep(700); // each replica reads the shared state back (every 300 ms
								// here)

			List<Integer> ceilings = replicas.stream()
				.map((context) -> context.getBean(OperationBudgets.class).ceiling(AgoraOperation.GET_LANGUAGE.key()))
				.toList();
			System.out.printf(
					"two replicas sharing Redis, other callers 40/s: answers %s; upstream 429s %d of %d; "
							+ "ceilings %s%n",
					statuses, emulator.rejectedByRateLimit("get-language"), emulator.arrivals("get-language").size(),
					ceilings);

			assertThat(emulator.rejectedByRateLimit("get-language")).isPositive();
			assertThat(ceilings).allSatisfy((ceiling) -> assertThat(ceiling).isLessThan(95));
			// Both compute the ceiling from the one state in Redis (give or take a
			// second's step).
			assertThat(Math.abs(ceilings.get(0) - ceilings.get(1))).isLessThanOrEqualTo(1);
		}
		finally {
			emulator.otherCallers(0);
		}
	}

	/**
	 * Sends RATE requests a second, alternating between the replicas; answers by status.
	 */
	private static Map<Integer, Integer> drive(Duration duration) {
		// An internal service: admins are exempt from the per-caller quota, which is
		// tested below.
		String token = TestJwts.admin();
		List<CompletableFuture<HttpResponse<Void>>> answers = new ArrayList<>();
		long start = System.nanoTime();
		long count = duration.toSeconds() * RATE;
		for (int i = 0; i < count; i++) {
			long due = start + i * (1_000_000_000L / RATE);
			long wait = due - System.nanoTime();
			if (wait > 0) {
				// Parked, not spinning: two replicas, the emulator and Redis share two
				// cores.
				LockSupport.parkNanos(wait);
			}
			HttpRequest request = HttpRequest
				.newBuilder(URI
					.create("http://127.0.0.1:" + port(i % 2, "local.server.port") + "/v1/users/alice/push/language"))
				.header("Authorization", "Bearer " + token)
				.timeout(Duration.ofSeconds(20))
				.build();
			answers.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding()));
		}
		Map<Integer, Integer> statuses = new TreeMap<>();
		answers.forEach((answer) -> statuses.merge(answer.join().statusCode(), 1, Integer::sum));
		return statuses;
	}

	private static List<String> modes() {
		List<String> modes = new ArrayList<>();
		for (int i = 0; i < replicas.size(); i++) {
			ApiClient.Answer readiness = new ApiClient(port(i, "local.management.port"))
				.get("/actuator/health/readiness", null);
			modes.add(readiness.json().get("components").get("rateLimitStore").get("details").get("mode").asString());
		}
		return modes;
	}

	private static List<Long> redisFailures() {
		return replicas.stream().map((context) -> context.getBean(RedisLink.class).failures()).toList();
	}

	private static int port(int replica, String property) {
		return replicas.get(replica).getEnvironment().getRequiredProperty(property, Integer.class);
	}

}
