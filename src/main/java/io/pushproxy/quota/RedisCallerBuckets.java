package io.pushproxy.quota;

import java.time.Duration;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.pushproxy.redis.RedisLink;
import org.jspecify.annotations.Nullable;

/**
 * The callers' buckets in Redis, over the pod's {@link RedisLink}, under
 * {@code ...:caller:<caller>}; a call Redis cannot answer leaves the caller to its local
 * bucket at once (and counts towards the link's fallback).
 */
final class RedisCallerBuckets implements SharedCallerBuckets {

	private final RedisLink link;

	RedisCallerBuckets(RedisLink link) {
		this.link = link;
	}

	@Override
	public @Nullable Duration take(String caller, BucketConfiguration configuration) {
		return take(caller, configuration, 1);
	}

	@Override
	public @Nullable Duration take(String caller, BucketConfiguration configuration, long tokens) {
		if (!this.link.available()) {
			return null;
		}
		try {
			ConsumptionProbe probe = this.link.buckets()
				.builder()
				.build(this.link.key("caller:" + caller), () -> configuration)
				.tryConsumeAndReturnRemaining(tokens);
			this.link.succeeded();
			return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
		}
		catch (RuntimeException ex) {
			this.link.failed(ex);
			return null;
		}
	}

}
