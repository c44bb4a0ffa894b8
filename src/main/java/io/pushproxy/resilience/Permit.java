package io.pushproxy.resilience;

import org.jspecify.annotations.Nullable;

/**
 * A call's permit from the {@link OperationBudgets}: the operation, from when the call
 * may leave (nanoTime), and the ceiling its departure keeps to (the pod's local share
 * whenever that share decided).
 */
record Permit(String operation, long notBefore, int ceiling) {

	/** A reservation that failed, as the limiters answer it. */
	static final long REFUSED = Long.MIN_VALUE;

	/** The permit, or null when {@code notBefore} is {@link #REFUSED}. */
	static @Nullable Permit of(String operation, long notBefore, int ceiling) {
		return (notBefore == REFUSED) ? null : new Permit(operation, notBefore, ceiling);
	}

}
