package io.pushproxy.redis;

import java.time.Duration;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;

/**
 * The Lettuce client of the {@link RedisLink} (the shared budgets, the caller quota and
 * the read cache): every command times out after {@code timeout}, commands fail at once
 * while the connection is down instead of queueing, and the client reconnects by itself,
 * so a store can fall back to its local state and notice when Redis is back.
 */
final class RedisClients {

	private RedisClients() {
	}

	static RedisClient failFast(RedisURI uri, Duration timeout) {
		RedisClient client = RedisClient.create(uri);
		client.setOptions(ClientOptions.builder()
			.timeoutOptions(TimeoutOptions.enabled(timeout))
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.autoReconnect(true)
			.build());
		client.setDefaultTimeout(timeout);
		return client;
	}

}
