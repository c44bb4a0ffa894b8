package io.pushproxy.push;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.pushproxy.support.ApiClient.Answer;
import io.pushproxy.support.MutableClock;
import io.pushproxy.support.TestJwts;
import io.pushproxy.support.WireMockProxyTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static io.pushproxy.support.TestApp.PREFIX;
import static io.pushproxy.support.Upstream.data;
import static io.pushproxy.support.Upstream.okJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whether do-not-disturb is still on is judged by the application's {@link Clock}: the
 * same answer from Agora reads as DND until its end, and as no DND from that instant on.
 */
@Import(DoNotDisturbClockTests.FixedClock.class)
class DoNotDisturbClockTests extends WireMockProxyTest {

	private static final Instant ENDS = Instant.parse("2030-01-01T08:00:00Z");

	@Autowired
	private MutableClock clock;

	@Test
	void doNotDisturbUntilIsNullFromTheInstantItEnds() {
		upstream.stubFor(get(PREFIX + "/users/alice/notification/user/alice").willReturn(okJson(
				data("{\"type\":\"ALL\",\"ignoreInterval\":\"\",\"ignoreDuration\":" + ENDS.toEpochMilli() + "}"))));
		String alice = TestJwts.user("alice");

		Answer before = this.api.get("/v1/users/alice/push/settings", alice);
		this.clock.advance(Duration.between(this.clock.instant(), ENDS));
		Answer at = this.api.get("/v1/users/alice/push/settings", alice);
		this.clock.advance(Duration.ofDays(1));
		Answer after = this.api.get("/v1/users/alice/push/settings", alice);

		assertThat(before.json().get("doNotDisturbUntil").asString()).isEqualTo("2030-01-01T08:00:00Z");
		assertThat(at.body()).contains("\"doNotDisturbUntil\":null");
		assertThat(after.body()).contains("\"doNotDisturbUntil\":null");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class FixedClock {

		@Bean
		@Primary
		MutableClock mutableClock() {
			return new MutableClock(ENDS.minus(Duration.ofHours(1)));
		}

	}

}
