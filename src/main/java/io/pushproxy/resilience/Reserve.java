package io.pushproxy.resilience;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * An operation's reserve in Redis mode: the few calls a second that the shared bucket
 * never grants, which a pod may send on its own word while it cannot know what the other
 * pods take from Redis (a call Redis did not answer, the seconds after Redis went away).
 * The pods' reserves and the bucket together make the ceiling, so these calls never push
 * the pods past it, whatever the others got from Redis meanwhile.
 * <p>
 * A reserve call takes its moment in the pod's {@link SendWindow} like any other, no
 * sooner than a second after the reserve's {@code perSecond}-th last call: never more
 * than {@code perSecond} of them in any one second.
 */
final class Reserve {

	private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	/** The moments of the last calls, in the order they were taken. */
	private final long[] sent;

	/** Where the next call's moment is written: the oldest one's place. */
	private int next;

	Reserve(int perSecond) {
		this.sent = new long[Math.max(1, perSecond)];
		Arrays.fill(this.sent, Long.MIN_VALUE / 2);
	}

	/** Calls the reserve lets into any one second. */
	int perSecond() {
		return this.sent.length;
	}

	/**
	 * A moment in {@code window} (keeping to {@code ceiling}) for a call of the reserve
	 * due at {@code notBefore}, or null when the reserve has none by {@code deadline}.
	 */
	synchronized SendWindow.@Nullable Slot take(SendWindow window, long notBefore, long deadline, int ceiling) {
		long from = Math.max(notBefore, this.sent[this.next] + SECOND);
		if (from - deadline > 0) {
			return null;
		}
		// The window's moments only grow, so the reserve's stay in order.
		SendWindow.Slot slot = window.reserve(from, deadline, ceiling);
		if (slot != null) {
			this.sent[this.next] = slot.at();
			this.next = (this.next + 1) % this.sent.length;
		}
		return slot;
	}

}
