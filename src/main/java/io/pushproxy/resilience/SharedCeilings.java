package io.pushproxy.resilience;

import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The adaptive ceilings' states shared by every replica: the replica that saw Agora's
 * 429s keeps the new state in Redis beside the bucket (for ten minutes), and every
 * replica reads all of them back each {@code recheckEvery}.
 */
final class SharedCeilings {

	private static final Duration KEPT_FOR = Duration.ofMinutes(10);

	private final RedisBucketStore store;

	private final List<String> operations;

	private volatile BiConsumer<String, AdaptiveCeilings.State> follower = (operation, state) -> {
	};

	SharedCeilings(RedisBucketStore store, List<String> operations, Duration recheckEvery) {
		this.store = store;
		this.operations = operations;
		store.every(recheckEvery, this::read);
	}

	/** Who takes the states other replicas kept. */
	void follow(BiConsumer<String, AdaptiveCeilings.State> follower) {
		this.follower = follower;
	}

	/** Keeps a lowered ceiling's state; a failure is left to the next 429. */
	void publish(String operation, AdaptiveCeilings.State state) {
		if (!this.store.up()) {
			return;
		}
		try {
			this.store.put(key(operation), state.toString(), KEPT_FOR);
		}
		catch (RuntimeException ex) {
			this.store.failedAside();
		}
	}

	private void read() {
		if (!this.store.up()) {
			return;
		}
		try {
			List<String> values = this.store.get(this.operations.stream().map(SharedCeilings::key).toList());
			for (int i = 0; i < this.operations.size() && i < values.size(); i++) {
				AdaptiveCeilings.State state = AdaptiveCeilings.State.parse(values.get(i));
				if (state != null) {
					this.follower.accept(this.operations.get(i), state);
				}
			}
		}
		catch (RuntimeException ex) {
			// Redis's own failures show in the budgets' calls; read again next time.
		}
	}

	private static String key(String operation) {
		return "ceiling:" + operation;
	}

}
