package io.pushproxy.quota;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-caller quota in Redis mode, against a shared store that records what it was
 * asked.
 */
class SharedCallerQuotaTests {

	private final List<String> asked = new ArrayList<>();

	private Duration answer = Duration.ZERO;

	private final SharedCallerBuckets store = (caller, configuration) -> {
		this.asked.add(caller);
		return this.answer;
	};

	private final CallerQuota quota = new CallerQuota(new CallerLimitProperties(5, 20, null, null, null), this.store);

	@Test
	void aCallerWithTokensAsksTheSharedStoreEveryTime() {
		for (int i = 0; i < 3; i++) {
			assertThat(this.quota.take("carol", false)).isZero();
		}

		assertThat(this.asked).containsExactly("user:carol", "user:carol", "user:carol");
	}

	@Test
	void aRefusedCallerIsRefusedLocallyUntilItsNextTokenCanExist() {
		this.answer = Duration.ofSeconds(30);
		Duration first = this.quota.take("mallory", false);

		List<Duration> flood = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			flood.add(this.quota.take("mallory", false));
		}

		assertThat(first).isEqualTo(Duration.ofSeconds(30));
		assertThat(flood)
			.allSatisfy((wait) -> assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(30)));
		assertThat(this.asked).containsExactly("user:mallory");
	}

	@Test
	void anotherCallerIsStillAskedForWhileOneIsRefused() {
		this.answer = Duration.ofSeconds(30);
		this.quota.take("mallory", false);
		this.answer = Duration.ZERO;

		assertThat(this.quota.take("carol", false)).isZero();
		assertThat(this.asked).containsExactly("user:mallory", "user:carol");
	}

	@Test
	void onceTheWaitIsOverTheSharedStoreIsAskedAgain() throws InterruptedException {
		this.answer = Duration.ofMillis(20);
		this.quota.take("mallory", false);
		Thread.sleep(40);
		this.answer = Duration.ZERO;

		assertThat(this.quota.take("mallory", false)).isZero();
		assertThat(this.asked).containsExactly("user:mallory", "user:mallory");
	}

	@Test
	void whenTheSharedStoreCannotAnswerTheLocalBucketServes() {
		SharedCallerBuckets away = (caller, configuration) -> null;
		CallerQuota local = new CallerQuota(new CallerLimitProperties(5, 2, null, null, null), away);

		assertThat(local.take("carol", false)).isZero();
		assertThat(local.take("carol", false)).isZero();
		assertThat(local.take("carol", false)).isPositive();
	}

}
