package io.pushproxy.resilience;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;

import io.lettuce.core.KeyValue;
import io.lettuce.core.SetArgs;
import io.pushproxy.redis.RedisLink;

/**
 * The adaptive ceilings' states shared by every replica: the replica that saw Agora's
 * 429s keeps the new state in Redis beside the bucket (for ten minutes), and every
 * replica reads all of them back each {@code recheckEvery}.
 */
final class SharedCeilings {

	private static final Duration KEPT_FOR = Duration.ofMinutes(10);

	private final RedisLink link;

	private final List<String> operations;

	private volatile BiConsumer<String, AdaptiveCeilings.State> follower = (operation, state) -> {
	};

	SharedCeilings(RedisLink link, List<String> operations, Duration recheckEvery) {
		this.link = link;
		this.operations = operations;
		link.every(recheckEvery, this::read);
	}

	/** Who takes the states other replicas kept. */
	void follow(BiConsumer<String, AdaptiveCeilings.State> follower) {
		this.follower = follower;
	}

	/**
	 * Keeps a lowered ceiling's state, without waiting for Redis to confirm; a failure is
	 * left to the next 429.
	 */
	void publish(String operation, AdaptiveCeilings.State state) {
		if (!this.link.available()) {
			return;
		}
		try {
			this.link.commands()
				.getStatefulConnection()
				.async()
				.set(key(operation), state.toString().getBytes(StandardCharsets.US_ASCII),
						SetArgs.Builder.ex(KEPT_FOR));
		}
		catch (RuntimeException ex) {
			this.link.failed(ex);
		}
	}

	private void read() {
		if (!this.link.available()) {
			return;
		}
		String[] keys = this.operations.stream().map(this::key).toArray(String[]::new);
		List<KeyValue<String, byte[]>> values;
		try {
			values = this.link.commands().mget(keys);
			this.link.succeeded();
		}
		catch (RuntimeException ex) {
			this.link.failed(ex);
			return;
		}
		for (int i = 0; i < this.operations.size() && i < values.size(); i++) {
			KeyValue<String, byte[]> value = values.get(i);
			AdaptiveCeilings.State state = value.hasValue()
					? AdaptiveCeilings.State.parse(new String(value.getValue(), StandardCharsets.US_ASCII)) : null;
			if (state != null) {
				this.follower.accept(this.operations.get(i), state);
			}
		}
	}

	private String key(String operation) {
		return this.link.key("ceiling:" + operation);
	}

}
