package io.pushproxy.resilience;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.pushproxy.support.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The adaptive ceilings' arithmetic, on a clock the test moves. */
class AdaptiveCeilingsTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T12:00:00Z"));

	private final AdaptiveCeilings ceilings = new AdaptiveCeilings(Map.of("get-language", 95, "set-language", 950),
			this.clock);

	@Test
	void theConfiguredCeilingHoldsUntilUpstreamAnswers429() {
		this.clock.advance(Duration.ofMinutes(5));

		assertThat(this.ceilings.ceiling("get-language")).isEqualTo(95);
		assertThat(this.ceilings.state("get-language")).isNull();
	}

	@Test
	void a429LowersTheCeilingByAFifthOfWhatIsInForce() {
		assertThat(this.ceilings.rateLimited("get-language")).isNotNull();
		assertThat(this.ceilings.ceiling("get-language")).isEqualTo(76);

		this.clock.advance(Duration.ofMillis(1000));
		this.ceilings.rateLimited("get-language");
		// 76 grew by one in that second, then lost a fifth
		assertThat(this.ceilings.ceiling("get-language")).isEqualTo(61);
		assertThat(this.ceilings.ceiling("set-language")).as("other operations keep theirs").isEqualTo(950);
	}

	@Test
	void the429sOfTheSameSecondLowerItOnlyOnce() {
		this.ceilings.rateLimited("get-language");
		this.clock.advance(Duration.ofMillis(999));

		assertThat(this.ceilings.rateLimited("get-language")).isNull();
		assertThat(this.ceilings.ceiling("get-language")).isEqualTo(76);
	}

	@Test
	void itNeverFallsBelowATenthOfTheConfiguredCeiling() {
		for (int i = 0; i < 50; i++) {
			this.ceilings.rateLimited("get-language");
			this.clock.advance(Duration.ofMillis(1000));
		}

		assertThat(this.ceilings.ceiling("get-language")).isBetween(10, 11);
		assertThat(this.ceilings.state("get-language").lowered()).isEqualTo(10);
		this.ceilings.rateLimited("get-language");
		assertThat(this.ceilings.atFloor("get-language")).isTrue();
		assertThat(this.ceilings.atFloor("set-language")).isFalse();
	}

	@Test
	void itGrowsBackByAHundredthASecondWhileNo429ComesUpToTheConfiguredCeiling() {
		this.ceilings.rateLimited("get-language");
		this.ceilings.rateLimited("set-language");

		this.clock.advance(Duration.ofMillis(999));
		assertThat(this.ceilings.ceiling("get-language")).isEqualTo(76);
		this.clock.advance(Duration.ofMillis(1));
		assertThat(this.ceilings.ceiling("get-language")).isEqualTo(77);
		assertThat(this.ceilings.ceiling("set-language")).isEqualTo(760 + 9);
		this.clock.advance(Duration.ofSeconds(9));
		assertThat(this.ceilings.ceiling("get-language")).isEqualTo(86);
		this.clock.advance(Duration.ofSeconds(60));
		assertThat(this.ceilings.ceiling("get-language")).isEqualTo(95);
		assertThat(this.ceilings.ceiling("set-language")).isEqualTo(950);
	}

	@Test
	void aNewerStateFromAnotherReplicaIsTakenAnOlderOneIsNot() {
		long now = this.clock.millis();
		assertThat(this.ceilings.adopt("get-language", new AdaptiveCeilings.State(50, now))).isTrue();
		assertThat(this.ceilings.ceiling("get-language")).isEqualTo(50);

		assertThat(this.ceilings.adopt("get-language", new AdaptiveCeilings.State(90, now - 1))).isFalse();
		assertThat(this.ceilings.adopt("get-language", new AdaptiveCeilings.State(1000, now + 1))).isTrue();
		assertThat(this.ceilings.ceiling("get-language")).as("bounded by the configured ceiling").isEqualTo(95);
	}

	@Test
	void aStateReadsBackFromItsText() {
		AdaptiveCeilings.State state = new AdaptiveCeilings.State(61, 1_795_000_000_123L);

		assertThat(AdaptiveCeilings.State.parse(state.toString())).isEqualTo(state);
		assertThat(AdaptiveCeilings.State.parse("junk")).isNull();
		assertThat(AdaptiveCeilings.State.parse(null)).isNull();
	}

}
