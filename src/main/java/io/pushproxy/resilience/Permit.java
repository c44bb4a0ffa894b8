package io.pushproxy.resilience;

import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;

/**
 * A call's permit from the {@link OperationBudgets}: the operation, from when the call
 * may leave (nanoTime), the most calls of the pod's own it lets into that second, and the
 * {@link Reserve} it is drawn from, if any.
 */
record Permit(String operation, long notBefore, int ceiling, @Nullable Reserve reserve) {

	/** A reservation that failed, as the limiters answer it. */
	static final long REFUSED = Long.MIN_VALUE;

	/** The permit, or null when {@code notBefore} is {@link #REFUSED}. */
	static @Nullable Permit of(String operation, long notBefore, int ceiling) {
		return (notBefore == REFUSED) ? null : new Permit(operation, notBefore, ceiling, null);
	}

	/** Waits until the permit comes due; false when interrupted. */
	boolean awaitDue() {
		for (long wait = this.notBefore - System.nanoTime(); wait > 0; wait = this.notBefore - System.nanoTime()) {
			LockSupport.parkNanos(wait);
			if (Thread.currentThread().isInterrupted()) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The call's moment in the pod's send window, or null when none comes by
	 * {@code deadline}.
	 */
	SendWindow.@Nullable Slot slot(SendWindow window, long deadline) {
		return (this.reserve != null) ? this.reserve.take(window, this.notBefore, deadline, this.ceiling)
				: window.reserve(this.notBefore, deadline, this.ceiling);
	}

}
