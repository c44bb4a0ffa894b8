package io.pushproxy.resilience;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The moments at which calls of one operation may leave for upstream: never more than
 * {@code capacity} in any sliding second, and never closer together than
 * {@code 1 s / capacity}.
 * <p>
 * The Resilience4j limiter decides who may call and who gets 429, but its permits are
 * handed out at cycle boundaries: threads that waited for one wake up late when the
 * machine is busy (a GC pause, a starved core) and would then leave together, and calls
 * that leave together reach upstream together. Each call here reserves its own send slot
 * right before sending: the slots are spaced evenly and an exact log of the last
 * {@code capacity} slots keeps every second within the ceiling. Under the limiter's rate the
 * wait is normally zero or a few milliseconds.
 */
final class SendWindow {

	private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);

	private final long[] slots;

	private final long spacingNanos;

	private int oldest;

	private long lastSlot;

	SendWindow(int capacity) {
		this.slots = new long[capacity];
		this.spacingNanos = WINDOW_NANOS / capacity;
		long longAgo = System.nanoTime() - 2 * WINDOW_NANOS;
		Arrays.fill(this.slots, longAgo);
		this.lastSlot = longAgo;
	}

	/**
	 * Reserves the next free send slot and waits for it. A thread that wakes late (a busy
	 * core, a GC pause) leaves later than its slot; the log then keeps the real moment, so
	 * the calls reserved after it are held a second from when this one truly left.
	 */
	void awaitSlot() {
		long slot;
		int index;
		synchronized (this) {
			slot = Math.max(System.nanoTime(),
					Math.max(this.lastSlot + this.spacingNanos, this.slots[this.oldest] + WINDOW_NANOS));
			index = this.oldest;
			this.slots[index] = slot;
			this.oldest = (index + 1) % this.slots.length;
			this.lastSlot = slot;
		}
		for (long wait = slot - System.nanoTime(); wait > 0; wait = slot - System.nanoTime()) {
			LockSupport.parkNanos(wait);
			if (Thread.currentThread().isInterrupted()) {
				return;
			}
		}
		long left = System.nanoTime();
		if (left - slot > this.spacingNanos) {
			synchronized (this) {
				if (this.slots[index] == slot) {
					this.slots[index] = left;
				}
			}
		}
	}

}
