package io.pushproxy.resilience;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import io.pushproxy.redis.LinkState;
import io.pushproxy.support.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a pod of the shared budgets decides at each moment of its Redis link's life, on a
 * clock the test moves: a ceiling of 95 over two replicas is a share of 47 a pod, a
 * reserve of 2 a pod and a bucket of 91; a switch settles in 1 s + 250 ms (a permit's
 * longest wait) + 2 x 300 ms (rechecks).
 */
class SharedBudgetsTests {

	private static final String OPERATION = "get-language";

	private static final long MILLI = TimeUnit.MILLISECONDS.toNanos(1);

	private static final long WAIT = 250 * MILLI;

	private static final Duration SWITCH = Duration.ofMillis(1850);

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T12:00:00Z"));

	private final ScriptedBuckets redis = new ScriptedBuckets();

	private LinkState link = new LinkState(true, 0, Long.MIN_VALUE / 2, Long.MIN_VALUE / 2);

	private final SharedBudgets budgets = new SharedBudgets(() -> this.link, this.redis, Map.of(OPERATION, 95), 2,
			Duration.ofMillis(250), Duration.ofMillis(300), this.clock);

	private final SendWindow window = new SendWindow(95, this::now);

	@Test
	void onRedisTheBucketDecidesAndGrantsTheCeilingLessEveryPodsReserve() {
		this.redis.answer = SharedBuckets.Grant.from(now() + 5 * MILLI);

		Permit permit = permit();

		assertThat(this.redis.rates).containsExactly(91);
		assertThat(permit.notBefore()).isEqualTo(now() + 5 * MILLI);
		assertThat(permit.ceiling()).isEqualTo(95);
		assertThat(permit.reserve()).isNull();
	}

	@Test
	void aRefusalOfTheBucketIsTheAnswer() {
		this.redis.answer = SharedBuckets.Grant.REFUSED;

		assertThat(this.budgets.permit(OPERATION, 95, now(), now() + WAIT)).isNull();
	}

	@Test
	void aCallRedisDoesNotAnswerIsDecidedAtOnceFromTheReserveTwoInAnySecond() {
		this.redis.answer = SharedBuckets.Grant.UNAVAILABLE;

		List<SendWindow.Slot> slots = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			slots.add(permit().slot(this.window, now() + WAIT));
		}

		assertThat(slots.get(0).at()).isEqualTo(now());
		assertThat(slots.get(1).at() - now()).as("one send spacing later").isLessThan(11 * MILLI);
		assertThat(slots.get(2)).as("a third in the same second").isNull();
		this.clock.advance(Duration.ofMillis(999));
		assertThat(permit().slot(this.window, now() + WAIT).at()).as("a second after the first")
			.isEqualTo(slots.get(0).at() + 1000 * MILLI);
	}

	@Test
	void whileRedisIsAwayTheReserveDecidesUntilWhatRedisGrantedHasSurelyLeftThenTheShare() {
		this.link = new LinkState(false, 3, this.clock.millis(), Long.MIN_VALUE / 2);
		this.clock.advance(SWITCH.minusMillis(1));

		Permit falling = permit();
		this.clock.advance(Duration.ofMillis(1));
		Permit fallen = permit();

		assertThat(falling.reserve()).isNotNull();
		assertThat(fallen.reserve()).isNull();
		assertThat(fallen.ceiling()).as("the pod's own calls in any second").isEqualTo(47);
		assertThat(fallen.notBefore()).isEqualTo(now());
		assertThat(this.redis.rates).as("Redis is not asked while the link is down").isEmpty();
	}

	@Test
	void backOnRedisThePodKeepsItsOwnCallsToItsShareUntilTheOthersAreSurelyBack() {
		this.link = new LinkState(true, 0, this.clock.millis(), this.clock.millis());
		this.redis.answer = SharedBuckets.Grant.from(now());
		this.clock.advance(SWITCH.minusMillis(1));

		Permit rejoining = permit();
		this.redis.answer = SharedBuckets.Grant.UNAVAILABLE;
		Permit rejoiningFromTheReserve = permit();
		this.clock.advance(Duration.ofMillis(1));
		this.redis.answer = SharedBuckets.Grant.from(now());
		Permit shared = permit();

		assertThat(rejoining.ceiling()).isEqualTo(47);
		assertThat(rejoining.reserve()).isNull();
		assertThat(rejoiningFromTheReserve.ceiling()).isEqualTo(47);
		assertThat(rejoiningFromTheReserve.reserve()).isNotNull();
		assertThat(shared.ceiling()).isEqualTo(95);
	}

	@Test
	void aLoweredCeilingLowersTheBucketAndTheShareAndKeepsTheReserve() {
		this.redis.answer = SharedBuckets.Grant.from(now());
		this.budgets.permit(OPERATION, 62, now(), now() + WAIT);
		this.link = new LinkState(false, 3, this.clock.millis() - SWITCH.toMillis(), Long.MIN_VALUE / 2);

		Permit fallen = this.budgets.permit(OPERATION, 62, now(), now() + WAIT);

		assertThat(this.redis.rates).containsExactly(62 - 2 * 2);
		assertThat(fallen.ceiling()).isEqualTo(31);
	}

	private Permit permit() {
		Permit permit = this.budgets.permit(OPERATION, 95, now(), now() + WAIT);
		assertThat(permit).isNotNull();
		return permit;
	}

	private long now() {
		Instant now = this.clock.instant();
		return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
	}

	/** Answers every grant as the test says, and notes the rates asked for. */
	static final class ScriptedBuckets implements SharedBuckets {

		SharedBuckets.Grant answer = SharedBuckets.Grant.UNAVAILABLE;

		final List<Integer> rates = new ArrayList<>();

		@Override
		public Grant grant(String operation, int perSecond, long deadline) {
			this.rates.add(perSecond);
			return this.answer;
		}

		@Override
		public void followCeilings(BiConsumer<String, AdaptiveCeilings.State> follower) {
		}

		@Override
		public void publishCeiling(String operation, AdaptiveCeilings.State state) {
		}

	}

}
