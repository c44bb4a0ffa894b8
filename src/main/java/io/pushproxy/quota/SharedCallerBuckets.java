package io.pushproxy.quota;

import java.time.Duration;

import io.github.bucket4j.BucketConfiguration;
import org.jspecify.annotations.Nullable;

/** Per-caller token buckets shared by all replicas (in Redis mode). */
public interface SharedCallerBuckets {

	/**
	 * Takes one token from the caller's shared bucket.
	 * @return zero when the caller may go on, how long it should wait otherwise, or null
	 * when the shared store cannot answer (the caller then uses its local bucket)
	 */
	@Nullable Duration take(String caller, BucketConfiguration configuration);

	/**
	 * Takes that many tokens at once (a batch call costs more than one), or none.
	 * @return as {@link #take(String, BucketConfiguration)}
	 */
	default @Nullable Duration take(String caller, BucketConfiguration configuration, long tokens) {
		return (tokens == 1) ? take(caller, configuration) : null;
	}

}
