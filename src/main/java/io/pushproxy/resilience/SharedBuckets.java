package io.pushproxy.resilience;

import java.util.function.BiConsumer;

/**
 * The operations' token buckets that every replica shares ({@link RedisBuckets}), as the
 * {@link SharedBudgets} see them: a grant for one call, and the adaptive ceilings' states
 * the replicas keep beside the buckets.
 */
interface SharedBuckets {

	/**
	 * Asks the operation's bucket, which grants at most {@code perSecond} calls in any
	 * one second, for one call that can wait until {@code deadline} (nanoTime).
	 */
	Grant grant(String operation, int perSecond, long deadline);

	/** Who takes the ceiling states other replicas kept. */
	void followCeilings(BiConsumer<String, AdaptiveCeilings.State> follower);

	/** Keeps a lowered ceiling's state for the other replicas. */
	void publishCeiling(String operation, AdaptiveCeilings.State state);

	/**
	 * The bucket's answer for one call: a moment (nanoTime) from which it may leave,
	 * refused, or none (the bucket could not be asked).
	 *
	 * @param verdict what the bucket answered
	 * @param at from when the call may leave, when granted
	 */
	record Grant(Verdict verdict, long at) {

		static final Grant REFUSED = new Grant(Verdict.REFUSED, 0);

		static final Grant UNAVAILABLE = new Grant(Verdict.UNAVAILABLE, 0);

		static Grant from(long at) {
			return new Grant(Verdict.GRANTED, at);
		}

	}

	/** What a bucket answered. */
	enum Verdict {

		GRANTED, REFUSED, UNAVAILABLE

	}

}
