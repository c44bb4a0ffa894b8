package io.pushproxy.quota;

import java.time.Duration;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.pushproxy.resilience.RedisBucketStore;
import org.jspecify.annotations.Nullable;

/**
 * The callers' buckets in the Redis that the operation budgets share, under
 * {@code ...:caller:<caller>}; a call Redis cannot answer leaves the caller to its local
 * bucket.
 */
final class RedisCallerBuckets implements SharedCallerBuckets {

	private final RedisBucketStore store;

	RedisCallerBuckets(RedisBucketStore store) {
		this.store = store;
	}

	@Override
	public @Nullable Duration take(String caller, BucketConfiguration configuration) {
		return take(caller, configuration, 1);
	}

	@Override
	public @Nullable Duration take(String caller, BucketConfiguration configuration, long tokens) {
		if (!this.store.up()) {
			return null;
		}
		try {
			ConsumptionProbe probe = this.store.bucket("caller:" + caller, () -> configuration)
				.tryConsumeAndReturnRemaining(tokens);
			this.store.succeeded();
			return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
		}
		catch (RuntimeException ex) {
			this.store.failedAside();
			return null;
		}
	}

}
