package io.pushproxy.resilience;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The last check before a call's bytes go out: never more than the ceiling in any sliding
 * second of real departures.
 * <p>
 * The {@link SendWindow} spaces the moments at which calls may leave, but a call still
 * has work to do after its moment: a fresh process loads classes, builds its first token
 * and opens connections, and a busy machine may stall the thread. Calls delayed that way
 * would reach upstream bunched together with the calls that left on time, more than the
 * ceiling in one second (a just-started proxy met by a burst did exactly that). This gate
 * stands right before the request is written, after the connection is ready, and records
 * when each call really left: a call that finds the last second full waits for room, and
 * calls that got here together leave at least half a spacing ({@code 1 s / ceiling / 2})
 * apart, so that the late ones do not reach upstream as one burst either. Punctual calls,
 * spaced a whole spacing apart by the send window, pass without waiting.
 */
final class DepartureGate {

	private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);

	private final long[] departures;

	private int next;

	private long last;

	DepartureGate(int capacity) {
		this.departures = new long[capacity];
		Arrays.fill(this.departures, System.nanoTime() - 2 * WINDOW_NANOS);
		this.last = System.nanoTime() - 2 * WINDOW_NANOS;
	}

	/**
	 * Waits until fewer than {@code ceiling} calls left in the last second and half a
	 * spacing has passed since the last one, and records this departure.
	 * @return false when interrupted while waiting
	 */
	boolean pass(int ceiling) {
		int limit = Math.max(1, Math.min(ceiling, this.departures.length));
		while (true) {
			long wait;
			synchronized (this) {
				long now = System.nanoTime();
				long limiting = this.departures[(this.next + this.departures.length - limit) % this.departures.length];
				wait = Math.max(limiting + WINDOW_NANOS, this.last + WINDOW_NANOS / limit / 2) - now;
				if (wait <= 0) {
					this.last = now;
					this.departures[this.next] = now;
					this.next = (this.next + 1) % this.departures.length;
					return true;
				}
			}
			LockSupport.parkNanos(wait);
			if (Thread.currentThread().isInterrupted()) {
				return false;
			}
		}
	}

}
