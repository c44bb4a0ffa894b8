package io.pushproxy.resilience;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

/**
 * The moments at which calls of one operation may leave for upstream: never more than
 * {@code capacity} in any sliding second, and never closer together than
 * {@code 1 s / capacity}.
 * <p>
 * The Resilience4j limiter decides who may call and who gets 429, but its permits are
 * handed out at cycle boundaries: threads that waited for one wake up late when the
 * machine is busy (a GC pause, a starved core) and would then leave together, and calls
 * that leave together reach upstream together. Each call here reserves its own send slot
 * before it waits: the slots are spaced evenly and an exact log of the last
 * {@code capacity} departures keeps every second within the ceiling. A call that wakes
 * late records when it really left, so the calls a second later are held back from that
 * moment; a reservation that would fall beyond the caller's deadline is refused rather
 * than queued, so lateness cannot pile up into ever longer waits.
 * <p>
 * Its moments come from {@link System#nanoTime()}, or from a clock that a test sets.
 */
final class SendWindow {

	private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);

	private final long[] departures;

	private final long spacingNanos;

	/** Where the next departure is written: the oldest of the log. */
	private int oldest;

	private long lastSlot;

	private final LongSupplier nanoTime;

	SendWindow(int capacity) {
		this(capacity, System::nanoTime);
	}

	SendWindow(int capacity, LongSupplier nanoTime) {
		this.nanoTime = nanoTime;
		this.departures = new long[capacity];
		this.spacingNanos = WINDOW_NANOS / capacity;
		long longAgo = nanoTime.getAsLong() - 2 * WINDOW_NANOS;
		Arrays.fill(this.departures, longAgo);
		this.lastSlot = longAgo;
	}

	/**
	 * Reserves the first free moment at or after {@code notBefore}, the moment the
	 * caller's permit comes due.
	 * @return the slot, or {@code null} when it would come after {@code deadline} and
	 * more than two spacings after {@code notBefore} (a permit granted late in the wait
	 * still gets its slot; a backlog of late departures does not grow)
	 */
	@Nullable Slot reserve(long notBefore, long deadline) {
		return reserve(notBefore, deadline, this.departures.length);
	}

	/**
	 * Reserves as {@link #reserve(long, long)} does, for a ceiling lower than the
	 * capacity (an adaptive one): no more than {@code ceiling} departures in any sliding
	 * second, and spaced {@code 1 s / ceiling} apart.
	 */
	@Nullable Slot reserve(long notBefore, long deadline, int ceiling) {
		int limit = Math.max(1, Math.min(ceiling, this.departures.length));
		long spacing = (limit == this.departures.length) ? this.spacingNanos : WINDOW_NANOS / limit;
		long latest = Math.max(deadline, notBefore + 2 * spacing);
		synchronized (this) {
			// The limit-th latest departure: one more in the second after it would be too
			// many.
			long limiting = this.departures[(this.oldest + this.departures.length - limit) % this.departures.length];
			long slot = Math.max(Math.max(this.nanoTime.getAsLong(), notBefore),
					Math.max(this.lastSlot + spacing, limiting + WINDOW_NANOS));
			if (slot - latest > 0) {
				return null;
			}
			int index = this.oldest;
			this.departures[index] = slot;
			this.oldest = (index + 1) % this.departures.length;
			this.lastSlot = slot;
			return new Slot(index, slot);
		}
	}

	private void departed(Slot slot, long at) {
		synchronized (this) {
			if (this.departures[slot.index] == slot.nanos) {
				this.departures[slot.index] = at;
			}
		}
	}

	/** A reserved moment to send. */
	final class Slot {

		private final int index;

		private final long nanos;

		private Slot(int index, long nanos) {
			this.index = index;
			this.nanos = nanos;
		}

		/** The moment, on the window's clock. */
		long at() {
			return this.nanos;
		}

		/**
		 * Waits for the moment; a thread that wakes more than a spacing late records when
		 * it really left.
		 * @return false when interrupted while waiting
		 */
		boolean await() {
			LongSupplier clock = SendWindow.this.nanoTime;
			for (long wait = this.nanos - clock.getAsLong(); wait > 0; wait = this.nanos - clock.getAsLong()) {
				LockSupport.parkNanos(wait);
				if (Thread.currentThread().isInterrupted()) {
					return false;
				}
			}
			long left = clock.getAsLong();
			if (left - this.nanos > SendWindow.this.spacingNanos) {
				departed(this, left);
			}
			return true;
		}

	}

}
