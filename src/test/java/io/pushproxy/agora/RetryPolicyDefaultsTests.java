package io.pushproxy.agora;

import java.time.Duration;

import io.pushproxy.resilience.RetryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the default settings allow (connect 1 s, read 3 s, budget 6 s): a lone 429 with
 * {@code Retry-After} of a second or less is retried, a hanging upstream costs one read
 * timeout, and {@code Retry-After} is capped at 60 s.
 */
class RetryPolicyDefaultsTests {

	private final RetryPolicy defaults = AgoraResilienceConfiguration.retriesOf(AgoraSettings.properties());

	@ParameterizedTest(name = "first answer after {0} ms")
	@ValueSource(longs = { 1, 50, 500, 999 })
	void aRetryAfterOfOneSecondIsWaitedForAndAFullAttemptStillFits(long firstAttemptMillis) {
		Duration remaining = this.defaults.budget().minusMillis(firstAttemptMillis);

		Duration wait = this.defaults.nextWait(1, Duration.ofSeconds(1), remaining);

		assertThat(wait).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void aHangingFirstAttemptLeavesNoRoomForASecondOne() {
		Duration afterOneReadTimeout = this.defaults.budget().minusSeconds(3);

		assertThat(this.defaults.nextWait(1, null, afterOneReadTimeout)).isNull();
	}

	@Test
	void theDefaultsAreSixSecondsOfBudgetAndAOneMinuteRetryAfterCap() {
		assertThat(this.defaults.budget()).isEqualTo(Duration.ofSeconds(6));
		assertThat(this.defaults.maxRetryAfter()).isEqualTo(Duration.ofSeconds(60));
	}

}
