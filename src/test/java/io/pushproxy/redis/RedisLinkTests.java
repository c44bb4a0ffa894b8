package io.pushproxy.redis;

import java.time.Duration;
import java.time.Instant;

import io.lettuce.core.RedisURI;
import io.lettuce.core.resource.ClientResources;
import io.pushproxy.support.MutableClock;
import io.pushproxy.support.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The link's one fallback rule, against a real Redis, on a clock the test moves. */
class RedisLinkTests {

	private static RedisServer redis;

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T12:00:00Z"));

	@BeforeAll
	static void startRedis() {
		redis = new RedisServer();
	}

	@AfterAll
	static void stopRedis() {
		redis.close();
	}

	@Test
	void aRoundToRedisThatManyRequestsWaitedOnIsOneFailure() {
		try (RedisLink link = link()) {
			RuntimeException timeout = new RuntimeException("Command timed out after 50 millisecond(s)");
			for (int i = 0; i < 7; i++) {
				// How Bucket4j hands one failed batch to each request that waited on it.
				link.failed(new IllegalStateException("batch failed", timeout));
			}

			assertThat(link.available()).isTrue();
			assertThat(link.failures()).isEqualTo(1);
		}
	}

	@Test
	void threeFailedCallsInARowTakeTheLinkDownAtTheClocksMoment() {
		try (RedisLink link = link()) {
			link.failed(new RuntimeException("one"));
			link.failed(new RuntimeException("two"));
			this.clock.advance(Duration.ofMillis(40));
			link.failed(new RuntimeException("three"));

			assertThat(link.available()).isFalse();
			assertThat(link.state().since()).isEqualTo(this.clock.millis());
		}
	}

	@Test
	void aSuccessInBetweenStartsTheCountAgain() {
		try (RedisLink link = link()) {
			link.failed(new RuntimeException("one"));
			link.failed(new RuntimeException("two"));
			link.succeeded();
			link.failed(new RuntimeException("three"));

			assertThat(link.available()).isTrue();
		}
	}

	@Test
	void reconnectionAttemptsAreNeverFurtherApartThanARecheck() {
		ClientResources resources = RedisConnection.resources(Duration.ofMillis(300));
		try {
			for (int attempt = 1; attempt <= 40; attempt++) {
				assertThat(resources.reconnectDelay().createDelay(attempt)).isLessThanOrEqualTo(Duration.ofMillis(300));
			}
		}
		finally {
			resources.shutdown();
		}
	}

	private RedisLink link() {
		RedisLink link = new RedisLink(RedisURI.create(redis.url()), "org#app", Duration.ofMillis(250),
				Duration.ofMinutes(1), this.clock);
		assertThat(link.available()).as("connected").isTrue();
		return link;
	}

}
