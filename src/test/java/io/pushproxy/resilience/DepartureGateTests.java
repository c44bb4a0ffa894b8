package io.pushproxy.resilience;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The departure gate's bookkeeping, read off the moments its callers passed; nothing here
 * asserts how long anything took beyond what the gate itself must enforce.
 */
class DepartureGateTests {

	private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	/**
	 * How late a thread may note its own departure after the gate recorded it, on a busy
	 * machine.
	 */
	private static final long SLACK = TimeUnit.MILLISECONDS.toNanos(100);

	@Test
	void callsThatArriveTogetherLeaveSpreadOutAndNoSecondHoldsMoreThanTheCeiling() throws InterruptedException {
		DepartureGate gate = new DepartureGate(10);
		List<Long> departures = new ArrayList<>();
		CountDownLatch start = new CountDownLatch(1);
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < 14; i++) {
			Thread thread = new Thread(() -> {
				try {
					start.await();
				}
				catch (InterruptedException ex) {
					return;
				}
				gate.pass(8);
				synchronized (departures) {
					departures.add(System.nanoTime());
				}
			});
			thread.start();
			threads.add(thread);
		}
		start.countDown();
		for (Thread thread : threads) {
			thread.join(10_000);
		}

		List<Long> sorted = departures.stream().sorted().toList();
		assertThat(sorted).hasSize(14);
		for (int i = 8; i < sorted.size(); i++) {
			assertThat(sorted.get(i) - sorted.get(i - 8)).as("nine within a second")
				.isGreaterThanOrEqualTo(SECOND - SLACK);
		}
		assertThat(sorted.get(7) - sorted.get(0)).as("the first eight, half a spacing apart")
			.isGreaterThanOrEqualTo(7 * (SECOND / 8 / 2) - SLACK);
	}

}
