package io.pushproxy.resilience;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.pushproxy.emulator.AgoraEmulator;
import io.pushproxy.support.ApiClient.Answer;
import io.pushproxy.support.EmulatorProxyTest;
import io.pushproxy.support.TestJwts;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 28's case against the emulator: get-push-settings answers conversation reads
 * after 2.5 s while twelve users each read a batch of 50 conversations. Another user's
 * profile (other operations, and an app-level read that stays fast) keeps within twice
 * its normal latency plus 100 ms, and every batch answers by its deadline (the retry
 * budget and 2 s: 8 s), the items that could not be read marked unavailable, those never
 * started having sent nothing.
 * <p>
 * "Normal" is measured on the same machine just before, with twenty profile reads that
 * ask Agora ({@code Cache-Control: no-cache}) as the reads under load do: the typical
 * read under load must keep within twice the typical normal read plus 100 ms, and the
 * slowest within twice the slowest normal one plus 100 ms, so that the machine's own
 * noise (other builds share it) moves both sides alike. Sharing one pool, the profile
 * took 954 to 5,236 ms here: either bound fails that.
 */
class SlowOperationTests extends EmulatorProxyTest {

	private static final Duration SLOW = Duration.ofMillis(2500);

	private static final Duration DEADLINE = Duration.ofSeconds(8);

	/** For the request's own time on either side of the deadline: HTTP, JWT, JSON. */
	private static final Duration MARGIN = Duration.ofSeconds(1);

	private static final int USERS = 12;

	private static final int PROFILE_READS_UNDER_LOAD = 5;

	@Test
	void aSlowOperationKeepsToTheBatchesThatReadItWhileAnotherUsersProfileStaysFast() throws Exception {
		for (int i = 1; i <= USERS; i++) {
			emulator.registerUser("u" + i);
		}
		warmUp();
		long[] normal = new long[20];
		for (int i = 0; i < normal.length; i++) {
			normal[i] = profileMillis();
		}
		Arrays.sort(normal);
		this.readCache.clear();
		emulator.reset();
		emulator.delay("get-push-settings", SLOW, AgoraEmulator.CONVERSATIONS);

		ExecutorService users = Executors.newFixedThreadPool(USERS);
		List<CompletableFuture<Batch>> batches = new ArrayList<>();
		for (int i = 1; i <= USERS; i++) {
			String user = "u" + i;
			batches.add(CompletableFuture.supplyAsync(() -> batch(user), users));
		}
		// The batches' pool is full of slow reads.
		await().atMost(Duration.ofSeconds(5)).until(() -> emulator.arrivals("get-push-settings").size() >= 20);
		long[] underLoad = new long[PROFILE_READS_UNDER_LOAD];
		for (int i = 0; i < underLoad.length; i++) {
			underLoad[i] = profileMillis();
			Thread.sleep(300);
		}
		List<Batch> answered = batches.stream().map(CompletableFuture::join).toList();
		users.shutdown();
		assertThat(users.awaitTermination(5, TimeUnit.SECONDS)).isTrue();

		Arrays.sort(underLoad);
		System.out.printf(
				"profile: normal %s ms, under load %s ms; batches took %s ms, "
						+ "items read %s, busy (never sent) %s, timed out %s%n",
				Arrays.toString(normal), Arrays.toString(underLoad), answered.stream().map(Batch::millis).toList(),
				answered.stream().map(Batch::read).toList(), answered.stream().map(Batch::busy).toList(),
				answered.stream().map(Batch::timedOut).toList());
		assertThat(median(underLoad))
			.as("the typical profile under load, against twice the typical normal one + 100 ms")
			.isLessThanOrEqualTo(2 * median(normal) + 100);
		assertThat(underLoad[underLoad.length - 1])
			.as("the slowest profile under load, against twice the slowest normal one + 100 ms")
			.isLessThanOrEqualTo(2 * normal[normal.length - 1] + 100);
		assertThat(answered).allSatisfy((batch) -> {
			assertThat(batch.millis()).as("answered by the deadline")
				.isLessThanOrEqualTo(DEADLINE.plus(MARGIN).toMillis());
			assertThat(batch.read() + batch.busy() + batch.timedOut()).isEqualTo(50);
			assertThat(batch.busy() + batch.timedOut()).as("the slow items marked unavailable").isPositive();
		});
		int read = answered.stream().mapToInt(Batch::read).sum();
		int timedOut = answered.stream().mapToInt(Batch::timedOut).sum();
		int conversationReads = emulator.arrivals("get-push-settings").size() - PROFILE_READS_UNDER_LOAD;
		assertThat(read).as("some of each second's reads were answered").isPositive();
		assertThat(conversationReads).as("what reached Agora: the items read, and at most those timed out")
			.isBetween(read, read + timedOut);
	}

	/** One batch of 50 of the user's conversations, and what became of its items. */
	private Batch batch(String user) {
		StringBuilder ids = new StringBuilder();
		for (int i = 1; i <= 50; i++) {
			ids.append((i > 1) ? "," : "").append("group:").append(1000 + i);
		}
		long started = System.nanoTime();
		Answer answer = this.api.get("/v1/users/me/push/conversations?ids=" + ids, TestJwts.user(user));
		long millis = (System.nanoTime() - started) / 1_000_000;
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		int read = 0;
		int busy = 0;
		int timedOut = 0;
		for (JsonNode item : answer.json().get("conversations")) {
			if (item.has("mode")) {
				read++;
				continue;
			}
			String type = item.get("error").get("type").asString();
			int status = item.get("error").get("status").asInt();
			if (status == 503 && type.endsWith(":upstream-busy")) {
				busy++;
			}
			else if (status == 504 && type.endsWith(":upstream-timeout")) {
				timedOut++;
			}
			else {
				throw new AssertionError("unexpected item " + item);
			}
		}
		return new Batch(millis, read, busy, timedOut);
	}

	/** Carol's profile, read from Agora, in milliseconds; every section must be there. */
	private long profileMillis() {
		long started = System.nanoTime();
		Answer profile = this.api.send(HttpRequest.newBuilder(this.api.uri("/v1/users/me/push"))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + TestJwts.user("carol"))
			.header("Cache-Control", "no-cache")
			.GET()
			.build());
		long millis = (System.nanoTime() - started) / 1_000_000;
		assertThat(profile.status()).as(profile.toString()).isEqualTo(200);
		assertThat(profile.json().get("unavailable").size()).as(profile.toString()).isZero();
		return millis;
	}

	private void warmUp() {
		for (int i = 0; i < 20; i++) {
			profileMillis();
		}
		for (int i = 1; i <= 3; i++) {
			batch("u" + i);
		}
	}

	private static long median(long[] sorted) {
		return sorted[sorted.length / 2];
	}

	private record Batch(long millis, int read, int busy, int timedOut) {
	}

}
