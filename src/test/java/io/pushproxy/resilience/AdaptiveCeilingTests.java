package io.pushproxy.resilience;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.pushproxy.agora.AgoraOperation;
import io.pushproxy.support.PacedLoad;
import io.pushproxy.support.EmulatorProxyTest;
import io.pushproxy.support.TestJwts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The adaptive ceiling against the emulator with "other callers" (the apps' SDK) taking
 * 40 of each second's 100 calls: Agora's 429s bring the proxy's ceiling down, and from
 * then on few of its calls get a 429 while it still uses most of what the others leave.
 * The figures asserted are loose on purpose; bench part {@code shared-budget} measures
 * them.
 */
// Every request must reach the budget: the read cache is off (proxy.cache.ttl=PT0S).
@TestPropertySource(properties = { "proxy.cache.ttl=PT0S", "proxy.caller-limit.rate=100000",
		"proxy.caller-limit.burst=100000", "server.tomcat.threads.max=100" })
class AdaptiveCeilingTests extends EmulatorProxyTest {

	private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	@Autowired
	private OperationBudgets budgets;

	@Autowired
	private MeterRegistry meters;

	@AfterEach
	void noOtherCallers() {
		emulator.otherCallers(0);
	}

	@Test
	void upstream429sWithinTheCeilingLowerItAndThenFewCallsGetA429() throws Exception {
		emulator.otherCallers(40);
		HttpClient client = HttpClient.newHttpClient();
		HttpRequest request = HttpRequest.newBuilder(this.api.uri("/v1/users/alice/push/language"))
			.header("Authorization", "Bearer " + TestJwts.user("alice"))
			.timeout(Duration.ofSeconds(30))
			.build();
		// A proxy that has served a few calls, so that its first second is not its
		// start-up.
		PacedLoad.send(client, request, 10, Duration.ofSeconds(1), HttpResponse.BodyHandlers.ofString());
		Thread.sleep(1100);
		emulator.reset();
		assertThat(this.budgets.ceiling(AgoraOperation.GET_LANGUAGE.key())).isEqualTo(95);

		long started = System.nanoTime();
		List<HttpResponse<String>> answers = PacedLoad.send(client, request, 100, Duration.ofSeconds(8),
				HttpResponse.BodyHandlers.ofString());

		int ceiling = this.budgets.ceiling(AgoraOperation.GET_LANGUAGE.key());
		List<Long> arrivals = emulator.arrivals("get-language");
		int[] perSecond = new int[9];
		for (long arrival : arrivals) {
			int second = (int) ((arrival - started) / SECOND);
			if (second >= 0 && second < perSecond.length) {
				perSecond[second]++;
			}
		}
		int rejected = emulator.rejectedByRateLimit("get-language");
		// The seconds after the ceiling came down; the first two find it.
		int laterCalls = 0;
		for (int second = 2; second < 8; second++) {
			laterCalls += perSecond[second];
		}
		long laterRejected = rejectedBetween(started + 2 * SECOND, started + 8 * SECOND);
		System.out.printf(
				"other callers 40/s: proxy's upstream calls per second %s, %d got 429 (%d of %d in "
						+ "seconds 2-8), ceiling now %d; clients: %d answered 200%n",
				Arrays.toString(perSecond), rejected, laterRejected, laterCalls, ceiling,
				answers.stream().filter((answer) -> answer.statusCode() == 200).count());

		assertThat(rejected).as("Agora answered 429 within the proxy's ceiling").isPositive();
		assertThat(ceiling).as("the ceiling came down").isLessThan(95);
		assertThat(this.meters.get("agora.ratelimit.ceiling").tag("operation", "get-language").gauge().value())
			.isLessThan(95);
		assertThat(this.meters.get("agora.ratelimit.ceiling").tag("operation", "set-language").gauge().value())
			.isEqualTo(95);
		assertThat(laterCalls).as("most of the 60 free calls a second are used").isGreaterThanOrEqualTo(6 * 30);
		assertThat(laterRejected).as("few calls get a 429 once the ceiling is down")
			.isLessThanOrEqualTo(laterCalls / 10);
	}

	/**
	 * How many of the calls that arrived in [from, to) the emulator refused: those that
	 * found no room.
	 */
	private static long rejectedBetween(long from, long to) {
		return emulator.rejectedArrivals("get-language").stream().filter((at) -> at >= from && at < to).count();
	}

}
