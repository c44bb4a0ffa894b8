package io.pushproxy.redis;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;

import org.jspecify.annotations.Nullable;

/**
 * The Lettuce side of a {@link RedisLink}: one client, its one connection and Bucket4j's
 * proxy manager over it. Every command times out after {@code timeout}, commands fail at
 * once while the connection is down instead of queueing, and the client reconnects by
 * itself, so the link's users can decide locally and the link can notice when Redis is
 * back.
 * <p>
 * Lettuce waits longer between reconnection attempts the longer Redis is away (up to 30 s
 * by default), so after an outage of a minute the pods would come back up to half a
 * minute apart, while a pod back on Redis counts on the others being back within two
 * rechecks. Here the wait between attempts never exceeds the recheck period.
 */
final class RedisConnection implements AutoCloseable {

	private final ClientResources resources;

	private final RedisClient client;

	private final Duration timeout;

	private volatile @Nullable StatefulRedisConnection<String, byte[]> connection;

	private volatile @Nullable ProxyManager<String> buckets;

	RedisConnection(RedisURI uri, Duration timeout, Duration recheckEvery) {
		this.timeout = timeout;
		this.resources = resources(recheckEvery);
		this.client = RedisClient.create(this.resources, uri);
		this.client.setOptions(ClientOptions.builder()
			.timeoutOptions(TimeoutOptions.enabled(timeout))
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.autoReconnect(true)
			.build());
		this.client.setDefaultTimeout(timeout);
	}

	/**
	 * Resources whose reconnection attempts are at most {@code reconnectAtMost} apart.
	 */
	static ClientResources resources(Duration reconnectAtMost) {
		return ClientResources.builder()
			.reconnectDelay(Delay.exponential(Duration.ofMillis(1), reconnectAtMost, 2, TimeUnit.MILLISECONDS))
			.build();
	}

	/** Whether a connection was ever opened (Lettuce keeps it connected from then on). */
	boolean opened() {
		return this.connection != null;
	}

	/** Opens the connection; what failed, or null. */
	@Nullable RuntimeException open() {
		try {
			StatefulRedisConnection<String, byte[]> opened = this.client
				.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
			opened.setTimeout(this.timeout);
			this.buckets = Bucket4jLettuce.casBasedBuilder(opened)
				.expirationAfterWrite(
						ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
				.build();
			this.connection = opened;
			return null;
		}
		catch (RuntimeException ex) {
			return ex;
		}
	}

	/** Redis's synchronous commands. */
	RedisCommands<String, byte[]> commands() {
		StatefulRedisConnection<String, byte[]> opened = this.connection;
		if (opened == null) {
			throw new IllegalStateException("no connection to Redis");
		}
		return opened.sync();
	}

	/** Bucket4j's buckets in Redis (compare-and-swap based), expiring once full. */
	ProxyManager<String> buckets() {
		ProxyManager<String> manager = this.buckets;
		if (manager == null) {
			throw new IllegalStateException("no connection to Redis");
		}
		return manager;
	}

	@Override
	public void close() {
		StatefulRedisConnection<String, byte[]> opened = this.connection;
		if (opened != null) {
			opened.close();
		}
		this.client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
		this.resources.shutdown(0, 1, TimeUnit.SECONDS);
	}

}
