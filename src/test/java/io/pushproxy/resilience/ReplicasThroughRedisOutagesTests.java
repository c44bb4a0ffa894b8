package io.pushproxy.resilience;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import io.pushproxy.redis.LinkState;
import io.pushproxy.support.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas' budget decisions on one clock that the test moves, each request at its
 * moment, through Redis lost and found again: the shared bucket is a window of its rate
 * in any second, each replica decides with its real {@link SharedBudgets},
 * {@link Reserve} and {@link SendWindow}, and the moments they send at are counted in
 * every sliding second. The ceiling is 95 over two replicas; a replica's link goes down
 * on its third failed call and its checks are 300 ms apart. Nothing here waits or times
 * anything.
 */
class ReplicasThroughRedisOutagesTests {

	private static final String OPERATION = "get-language";

	private static final int CEILING = 95;

	private static final long MILLI = TimeUnit.MILLISECONDS.toNanos(1);

	private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	private static final long WAIT = 250 * MILLI;

	private final Instant start = Instant.parse("2026-12-03T12:00:00Z");

	private final MutableClock clock = new MutableClock(this.start);

	private final SendWindow bucket = new SendWindow(CEILING, this::now);

	@Test
	void redisStoppedAndRestartedUnderThreeTimesTheBudgetNeverLetsASecondPastTheCeiling() {
		// Redis stops at 2 s; the replicas notice 40 ms apart, and come back two rechecks
		// apart after it restarts at 5 s.
		Replica a = new Replica(2).lost(2000, 2000).found(5000, 5100);
		Replica b = new Replica(2).lost(2000, 2040).found(5000, 5700);

		List<Long> sent = run(9000, 150, a, b);

		print("Redis stopped and restarted", sent);
		assertThat(busiestSecond(sent)).isLessThanOrEqualTo(CEILING);
		assertThat(sentBetween(a.sent, 4000, 5000)).as("a replica's share while Redis is away").isBetween(45L, 47L);
		assertThat(busiestSecond(sent)).as("most of the ceiling on Redis").isGreaterThanOrEqualTo(90);
	}

	@Test
	void aReplicaThatAloneLosesRedisForASecondAddsNoMoreThanItsReserve() {
		Replica a = new Replica(2).lost(3000, 3000).found(4000, 4300);
		Replica b = new Replica(2);

		List<Long> sent = run(7000, 150, a, b);

		print("one replica alone lost Redis for a second", sent);
		assertThat(busiestSecond(sent)).isLessThanOrEqualTo(CEILING);
	}

	@Test
	void callsThatRedisDoesNotAnswerNowAndThenAddNoMoreThanTheReserve() {
		Replica a = new Replica(2).failingEvery(4);
		Replica b = new Replica(2);

		List<Long> sent = run(5000, 150, a, b);

		print("every fourth Redis call of one replica failed", sent);
		assertThat(busiestSecond(sent)).isLessThanOrEqualTo(CEILING);
		assertThat(a.fromReserve).as("a's failed calls were decided, from its reserve").isGreaterThan(8);
	}

	@Test
	void aTrickleIsAnsweredEveryTimeWhileRedisIsLostAndFound() {
		Replica a = new Replica(2).lost(2000, 2000).found(5000, 5100);
		Replica idle = new Replica(2);

		run(8000, 2, a, idle);

		assertThat(a.refused).isZero();
		assertThat(a.sent).hasSize(16);
	}

	@Test
	void theCountCatchesReplicasThatTakeMoreThanTheirShare() {
		// Each counts itself alone: while Redis is away the two take the whole ceiling
		// each.
		Replica a = new Replica(1).lost(2000, 2000).found(6000, 6100);
		Replica b = new Replica(1).lost(2000, 2000).found(6000, 6100);

		List<Long> sent = run(8000, 150, a, b);

		print("each replica counting itself alone", sent);
		assertThat(busiestSecond(sent)).isGreaterThan(CEILING + 50);
	}

	/**
	 * Sends {@code perSecond} requests a second to each replica for {@code millis}; every
	 * moment sent at.
	 */
	private List<Long> run(long millis, int perSecond, Replica... replicas) {
		long spacing = SECOND / perSecond;
		long begin = now();
		List<Long> sent = new ArrayList<>();
		for (long at = 0; at < millis * MILLI; at += spacing) {
			for (int i = 0; i < replicas.length; i++) {
				// The replicas' requests a little apart, as a load balancer spreads them.
				long due = begin + at + i * spacing / replicas.length;
				this.clock.advance(Duration.ofNanos(due - now()));
				replicas[i].request((due - begin) / MILLI);
			}
		}
		for (Replica replica : replicas) {
			sent.addAll(replica.sent);
		}
		Collections.sort(sent);
		return sent;
	}

	private static void print(String story, List<Long> sent) {
		System.out.printf("Two replicas at 150 requests/s each, %s: %d sent, busiest second %d (ceiling %d)%n", story,
				sent.size(), busiestSecond(sent), CEILING);
	}

	private static int busiestSecond(List<Long> sent) {
		int busiest = 0;
		for (int first = 0, last = 0; last < sent.size(); last++) {
			while (sent.get(last) - sent.get(first) >= SECOND) {
				first++;
			}
			busiest = Math.max(busiest, last - first + 1);
		}
		return busiest;
	}

	private long sentBetween(List<Long> sent, long fromMillis, long toMillis) {
		long from = nanos(this.start) + fromMillis * MILLI;
		long to = nanos(this.start) + toMillis * MILLI;
		return sent.stream().filter((at) -> at >= from && at < to).count();
	}

	private long now() {
		return nanos(this.clock.instant());
	}

	private static long nanos(Instant instant) {
		return TimeUnit.SECONDS.toNanos(instant.getEpochSecond()) + instant.getNano();
	}

	/** One replica: its link's story, its budgets, and the moments it sent at. */
	private final class Replica implements SharedBuckets {

		private final SharedBudgets budgets;

		private final SendWindow window = new SendWindow(CEILING, ReplicasThroughRedisOutagesTests.this::now);

		private final List<Long> sent = new ArrayList<>();

		private int refused;

		private int fromReserve;

		private LinkState link = new LinkState(true, 0, Long.MIN_VALUE / 2, Long.MIN_VALUE / 2);

		/** Redis lost at, noticed at, found at, back at (ms from the start). */
		private long lost = Long.MAX_VALUE;

		private long noticed = Long.MAX_VALUE;

		private long found = Long.MAX_VALUE;

		private long back = Long.MAX_VALUE;

		private int failEvery;

		private int calls;

		private long elapsed;

		Replica(int replicas) {
			this.budgets = new SharedBudgets(() -> this.link, this, Map.of(OPERATION, CEILING), replicas,
					Duration.ofMillis(250), Duration.ofMillis(300), ReplicasThroughRedisOutagesTests.this.clock);
		}

		Replica lost(long lost, long noticed) {
			this.lost = lost;
			this.noticed = noticed;
			return this;
		}

		Replica found(long found, long back) {
			this.found = found;
			this.back = back;
			return this;
		}

		Replica failingEvery(int calls) {
			this.failEvery = calls;
			return this;
		}

		void request(long elapsed) {
			this.elapsed = elapsed;
			long startMillis = ReplicasThroughRedisOutagesTests.this.start.toEpochMilli();
			if (elapsed >= this.back) {
				this.link = new LinkState(true, 0, startMillis + this.back, startMillis + this.back);
			}
			else if (elapsed >= this.noticed) {
				this.link = new LinkState(false, 3, startMillis + this.noticed, Long.MIN_VALUE / 2);
			}
			long now = now();
			Permit permit = this.budgets.permit(OPERATION, CEILING, now, now + WAIT);
			SendWindow.Slot slot = (permit != null) ? permit.slot(this.window, now + WAIT) : null;
			if (slot != null) {
				this.sent.add(slot.at());
				this.fromReserve += (permit.reserve() != null) ? 1 : 0;
			}
			else {
				this.refused++;
			}
		}

		@Override
		public Grant grant(String operation, int perSecond, long deadline) {
			this.calls++;
			boolean away = this.elapsed >= this.lost && this.elapsed < this.found;
			if (away || (this.failEvery > 0 && this.calls % this.failEvery == 0)) {
				return Grant.UNAVAILABLE;
			}
			SendWindow.Slot slot = ReplicasThroughRedisOutagesTests.this.bucket.reserve(now(), deadline, perSecond);
			return (slot != null) ? Grant.from(slot.at()) : Grant.REFUSED;
		}

		@Override
		public void followCeilings(BiConsumer<String, AdaptiveCeilings.State> follower) {
		}

		@Override
		public void publishCeiling(String operation, AdaptiveCeilings.State state) {
		}

	}

}
