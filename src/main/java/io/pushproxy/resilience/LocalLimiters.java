package io.pushproxy.resilience;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;

/**
 * The pod's own Resilience4j {@link RateLimiter} per operation, when the budgets are not
 * shared: each hands out the ceiling's worth of permits each second in short cycles (at
 * 100/s: 95 cycles of one permit), so a burst is paced rather than sent at once and a
 * request that can be served within the wait is not refused. Fixed cycles alone could let
 * {@code (cycles + 1) * permits} into a sliding second; the pod's {@link SendWindow}
 * holds the moments of sending to the ceiling exactly, at the cost of at most one cycle's
 * extra wait for the few calls that straddle a cycle boundary.
 */
final class LocalLimiters {

	private static final int MAX_CYCLES_PER_SECOND = 100;

	private final Map<String, RateLimiter> limiters = new HashMap<>();

	/**
	 * Limiters for the operations' {@code ceilings}, registered in {@code registry},
	 * waiting up to {@code maxWait}.
	 */
	LocalLimiters(RateLimiterRegistry registry, Map<String, Integer> ceilings, Duration maxWait) {
		ceilings.forEach((operation, ceiling) -> this.limiters.put(operation,
				registry.rateLimiter(operation, configFor(ceiling, maxWait))));
	}

	/** How the operation's limiter hands out permits, for the start-up log. */
	String describe(String operation) {
		RateLimiterConfig config = this.limiters.get(operation).getRateLimiterConfig();
		return "local limiter " + config.getLimitForPeriod() + " permit(s) every "
				+ config.getLimitRefreshPeriod().toNanos() / 1000 + " µs";
	}

	/**
	 * The moment (nanoTime) of a permit that can come within the limiter's timeout, or
	 * {@link Permit#REFUSED}, without waiting for it here ({@code acquirePermission}
	 * would sleep out the whole timeout before saying no, so every 429 would come late).
	 */
	long reserve(String operation) {
		long nanos = this.limiters.get(operation).reservePermission();
		return (nanos < 0) ? Permit.REFUSED : System.nanoTime() + nanos;
	}

	/**
	 * A limiter that hands out {@code ceiling} permits a second in as many short cycles
	 * as possible (at most {@value #MAX_CYCLES_PER_SECOND}), the send window keeping
	 * every sliding second to the ceiling.
	 */
	static RateLimiterConfig configFor(int ceiling, Duration maxWait) {
		int permits = (ceiling + MAX_CYCLES_PER_SECOND - 1) / MAX_CYCLES_PER_SECOND;
		int cycles = ceiling / permits;
		// Rounded up, so a second never holds more than `cycles` whole cycles.
		long periodNanos = (1_000_000_000L + cycles - 1) / cycles;
		return RateLimiterConfig.custom()
			.limitRefreshPeriod(Duration.ofNanos(periodNanos))
			.limitForPeriod(permits)
			.timeoutDuration(maxWait)
			.build();
	}

}
