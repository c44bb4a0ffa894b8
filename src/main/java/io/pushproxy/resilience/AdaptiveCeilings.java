package io.pushproxy.resilience;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Per operation name, the ceiling in force: the configured one, lowered when upstream
 * answers 429 although the proxy kept to it (someone else, such as the apps' own SDK
 * calls, spends the same per-second budget of the App Key), and raised back slowly while
 * no 429 comes: additive increase, multiplicative decrease.
 * <p>
 * A 429 multiplies the ceiling by {@value #DECREASE_PERCENT}% (never below a tenth of the
 * configured ceiling); once a second after that, the ceiling grows by a hundredth of the
 * configured one (at least one call) until it is back at the configured ceiling. Only one
 * decrease counts per second: the 429s of calls that were sent under the old ceiling, and
 * that upstream still counts in its sliding second, say nothing new.
 * <p>
 * Each operation's state is one immutable {@link State} (the ceiling it was lowered to
 * and when), so the ceiling at any moment follows from a single read, and the state can
 * be handed to other replicas as it is.
 */
final class AdaptiveCeilings {

	static final int DECREASE_PERCENT = 80;

	static final long INCREASE_EVERY_MILLIS = 1000;

	static final long HOLD_MILLIS = 1000;

	private final Map<String, Operation> operations = new HashMap<>();

	private final Clock clock;

	AdaptiveCeilings(Map<String, Integer> configured, Clock clock) {
		this.clock = clock;
		configured.forEach((name, ceiling) -> this.operations.put(name, new Operation(ceiling)));
	}

	/** The ceiling in force for the operation now. */
	int ceiling(String operation) {
		Operation op = this.operations.get(operation);
		return op.ceilingAt(op.state.get(), this.clock.millis());
	}

	/** Whether the operation's ceiling is as low as it may go. */
	boolean atFloor(String operation) {
		Operation op = this.operations.get(operation);
		return op.ceilingAt(op.state.get(), this.clock.millis()) <= op.floor;
	}

	/** The ceiling the operation was configured with. */
	int configured(String operation) {
		return this.operations.get(operation).configured;
	}

	/**
	 * Upstream answered the operation with 429 although the proxy kept to its ceiling.
	 * @return the new state when the ceiling was lowered; null when a decrease less than
	 * a second ago already answered this
	 */
	@Nullable State rateLimited(String operation) {
		Operation op = this.operations.get(operation);
		long now = this.clock.millis();
		while (true) {
			State current = op.state.get();
			if (current != null && now - current.since() < HOLD_MILLIS) {
				return null;
			}
			int lowered = Math.max(op.floor, (int) ((long) op.ceilingAt(current, now) * DECREASE_PERCENT / 100));
			State next = new State(lowered, now);
			if (op.state.compareAndSet(current, next)) {
				return next;
			}
		}
	}

	/** The operation's state: null while it has never been lowered. */
	@Nullable State state(String operation) {
		return this.operations.get(operation).state.get();
	}

	/**
	 * Takes a state decided elsewhere (another replica) when it is more recent than this
	 * one's.
	 * @return whether it was taken
	 */
	boolean adopt(String operation, State state) {
		Operation op = this.operations.get(operation);
		while (true) {
			State current = op.state.get();
			if (current != null && current.since() >= state.since()) {
				return false;
			}
			State bounded = new State(Math.max(op.floor, Math.min(op.configured, state.lowered())), state.since());
			if (op.state.compareAndSet(current, bounded)) {
				return true;
			}
		}
	}

	/**
	 * The ceiling an operation was lowered to and when, in epoch milliseconds: from then
	 * on it grows back by one step a second.
	 */
	record State(int lowered, long since) {

		/** {@code lowered:since}, as kept in Redis. */
		@Override
		public String toString() {
			return this.lowered + ":" + this.since;
		}

		/** Reads {@link #toString()}'s form; null for anything else. */
		static @Nullable State parse(@Nullable String text) {
			if (text == null) {
				return null;
			}
			int colon = text.indexOf(':');
			try {
				return (colon > 0) ? new State(Integer.parseInt(text.substring(0, colon)),
						Long.parseLong(text.substring(colon + 1))) : null;
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}

	}

	private static final class Operation {

		private final int configured;

		private final int floor;

		private final int step;

		private final AtomicReference<@Nullable State> state = new AtomicReference<>();

		private Operation(int configured) {
			this.configured = configured;
			this.floor = Math.max(1, (configured + 9) / 10);
			this.step = Math.max(1, configured / 100);
		}

		private int ceilingAt(@Nullable State state, long now) {
			if (state == null) {
				return this.configured;
			}
			long steps = Math.max(0, now - state.since()) / INCREASE_EVERY_MILLIS;
			return (int) Math.min(this.configured, state.lowered() + steps * this.step);
		}

	}

}
