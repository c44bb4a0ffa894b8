package io.pushproxy.resilience;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The send window's bookkeeping, read off the slots it hands out (moments on
 * {@link System#nanoTime()}'s scale); nothing here asserts how long anything took.
 */
class SendWindowTests {

	private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	private static final long MILLI = TimeUnit.MILLISECONDS.toNanos(1);

	@Test
	void slotsAreSpacedEvenlyAndNoSecondHoldsMoreThanTheCapacity() {
		SendWindow window = new SendWindow(4);
		long now = System.nanoTime();
		List<Long> slots = new ArrayList<>();
		for (int i = 0; i < 9; i++) {
			slots.add(window.reserve(now, now + 10 * SECOND).at());
		}

		for (int i = 1; i < slots.size(); i++) {
			assertThat(slots.get(i) - slots.get(i - 1)).isGreaterThanOrEqualTo(SECOND / 4);
		}
		for (int i = 4; i < slots.size(); i++) {
			assertThat(slots.get(i) - slots.get(i - 4)).as("five slots within a second").isGreaterThanOrEqualTo(SECOND);
		}
	}

	@Test
	void aSlotBeyondTheDeadlineIsRefusedAndTakesNothing() {
		SendWindow window = new SendWindow(4);
		long now = System.nanoTime();
		long dueLongAgo = now - SECOND; // no grace left after the permit
		long first = window.reserve(dueLongAgo, now + 100 * MILLI).at();

		// The next slot is a quarter of a second away: beyond a 100 ms deadline.
		assertThat(window.reserve(dueLongAgo, now + 100 * MILLI)).isNull();
		assertThat(window.reserve(dueLongAgo, now + 100 * MILLI)).isNull();

		long next = window.reserve(now, now + 10 * SECOND).at();
		assertThat(next - first).as("the refusals took no slot").isLessThan(SECOND / 2);
	}

	@Test
	void aPermitDueLateStillGetsASlotNearIt() {
		SendWindow window = new SendWindow(100);
		long now = System.nanoTime();
		long dueLate = now + 300 * MILLI;

		// The caller's deadline has passed by the time its permit is due: two spacings of
		// grace after the permit still give it a slot.
		SendWindow.Slot slot = window.reserve(dueLate, now);

		assertThat(slot).isNotNull();
		assertThat(slot.at()).isEqualTo(dueLate);
	}

	@Test
	void aCallThatLeavesLateHoldsTheCallsOfTheNextSecondBackFromWhenItReallyLeft() throws InterruptedException {
		SendWindow window = new SendWindow(100);
		long now = System.nanoTime();
		SendWindow.Slot first = window.reserve(now, now + SECOND);
		Thread.sleep(50); // the thread wakes far later than its slot
		assertThat(first.await()).isTrue();
		long departedNoEarlierThan = first.at() + 50 * MILLI;

		long hundredAndFirst = 0;
		for (int i = 0; i < 100; i++) {
			hundredAndFirst = window.reserve(now, now + 10 * SECOND).at();
		}

		assertThat(hundredAndFirst).isGreaterThanOrEqualTo(departedNoEarlierThan + SECOND);
	}

}
