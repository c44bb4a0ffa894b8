package io.pushproxy.quota;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.jspecify.annotations.Nullable;

/**
 * A Bucket4j token bucket per caller, kept in a Caffeine cache of bounded size so memory
 * stays flat however many distinct callers arrive (a forgotten caller starts again with a
 * full bucket, which is what an idle one would have anyway). In Redis mode the buckets
 * are shared by all replicas (expiring in Redis once full again), and the local ones
 * serve only while Redis is away, or for a call Redis does not answer. A caller that
 * Redis refused is refused here, without asking Redis again, until its next token can
 * exist: one caller's flood costs one Redis call per refill, not one per request, and
 * does not slow the others' calls down.
 */
@Component
public class CallerQuota {

	private final CallerLimitProperties limits;

	private final Cache<String, Bucket> buckets;

	private final @Nullable SharedCallerBuckets shared;

	/**
	 * In Redis mode, per caller: the moment (nanoTime) before which Redis surely has no
	 * token.
	 */
	private final Cache<String, Long> refusedUntil;

	CallerQuota(CallerLimitProperties limits) {
		this(limits, null);
	}

	/**
	 * With {@code shared}, the buckets live in Redis for all replicas, and here only
	 * while it is away.
	 */
	@Autowired
	CallerQuota(CallerLimitProperties limits, @Nullable SharedCallerBuckets shared) {
		this.limits = limits;
		this.shared = shared;
		long idleUntilFull = Math.max(1, (long) Math.ceil((double) Math.max(limits.burst(), limits.adminBurst())
				/ Math.max(1, Math.min(limits.rate(), Math.max(1, limits.adminRate())))));
		this.buckets = Caffeine.newBuilder()
			.maximumSize(limits.maxCallers())
			.expireAfterAccess(Duration.ofSeconds(idleUntilFull + 1))
			.build();
		this.refusedUntil = Caffeine.newBuilder()
			.maximumSize(limits.maxCallers())
			.expireAfterWrite(Duration.ofSeconds(idleUntilFull + 1))
			.build();
	}

	/**
	 * Takes one request from the caller's bucket.
	 * @return zero when the caller may go on, else how long it should wait
	 */
	public Duration take(String caller, boolean admin) {
		return take(caller, admin, 1);
	}

	/**
	 * Takes that many requests' worth from the caller's bucket at once, or nothing.
	 * @return zero when the caller may go on, else how long it should wait
	 */
	public Duration take(String caller, boolean admin, long tokens) {
		if (admin && this.limits.adminRate() == 0) {
			return Duration.ZERO;
		}
		String key = (admin ? "admin:" : "user:") + caller;
		if (this.shared != null) {
			long now = System.nanoTime();
			Long until = this.refusedUntil.getIfPresent(key);
			if (until != null && until - now > 0) {
				return Duration.ofNanos(until - now);
			}
			Duration wait = this.shared.take(key, configuration(admin), tokens);
			if (wait != null) {
				if (!wait.isZero()) {
					this.refusedUntil.put(key, now + wait.toNanos());
				}
				return wait;
			}
		}
		Bucket bucket = this.buckets.get(key, (ignored) -> newBucket(admin));
		ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(tokens);
		return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
	}

	/** How many callers' buckets are held now (for tests and metrics). */
	public long callersHeld() {
		this.buckets.cleanUp();
		return this.buckets.estimatedSize();
	}

	private Bucket newBucket(boolean admin) {
		return Bucket.builder().addLimit(bandwidth(admin)).build();
	}

	private BucketConfiguration configuration(boolean admin) {
		return BucketConfiguration.builder().addLimit(bandwidth(admin)).build();
	}

	private Bandwidth bandwidth(boolean admin) {
		int rate = admin ? this.limits.adminRate() : this.limits.rate();
		int burst = admin ? this.limits.adminBurst() : this.limits.burst();
		return Bandwidth.builder().capacity(burst).refillGreedy(rate, Duration.ofSeconds(1)).build();
	}

}
