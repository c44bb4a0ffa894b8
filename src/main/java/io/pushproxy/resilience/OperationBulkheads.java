package io.pushproxy.resilience;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Resilience4j {@link Bulkhead} per upstream operation: the most calls of it that may
 * be at Agora at once, each attempt from its permit until its answer (a call waiting for
 * a permit is bounded by the budget, one between retries by the retry budget). A call
 * that finds its operation full is refused at once, never queued: an operation Agora
 * answers slowly then costs its callers a quick refusal instead of holding the request
 * threads and upstream connections every other operation needs.
 * <p>
 * Exports, tagged {@code operation}, the calls in flight
 * ({@code agora_bulkhead_in_flight}), the limit ({@code agora_bulkhead_limit}) and the
 * calls refused ({@code agora_bulkhead_rejections_total}).
 */
public class OperationBulkheads {

	private static final Logger log = LoggerFactory.getLogger(OperationBulkheads.class);

	private final Map<String, Bulkhead> bulkheads = new HashMap<>();

	private final Map<String, Counter> refusals = new HashMap<>();

	private final Duration retryAfter;

	/**
	 * A bulkhead for each operation name, registered in the registry under that name.
	 * @param maxInFlight per operation name, the most calls in flight
	 * @param retryAfter what a refused caller is told to wait: about as long as the calls
	 * now in flight can take
	 */
	public OperationBulkheads(BulkheadRegistry registry, Map<String, Integer> maxInFlight, Duration retryAfter,
			MeterRegistry meters) {
		this.retryAfter = retryAfter;
		maxInFlight.forEach((operation, limit) -> {
			Bulkhead bulkhead = registry.bulkhead(operation,
					BulkheadConfig.custom().maxConcurrentCalls(limit).maxWaitDuration(Duration.ZERO).build());
			this.bulkheads.put(operation, bulkhead);
			this.refusals.put(operation, Counter.builder("agora.bulkhead.rejections")
				.description(
						"Calls refused at once because their operation had the most calls in flight " + "it may have")
				.tag("operation", operation)
				.register(meters));
			Gauge.builder("agora.bulkhead.in.flight", bulkhead, OperationBulkheads::inFlight)
				.description("Calls of an operation at Agora now: attempts between their permit and their answer")
				.tag("operation", operation)
				.register(meters);
			Gauge.builder("agora.bulkhead.limit", () -> limit)
				.description("The most calls of an operation that may be in flight at once")
				.tag("operation", operation)
				.register(meters);
			log.info("Bulkhead of {}: at most {} calls in flight", operation, limit);
		});
	}

	/**
	 * Takes a place for one call of the operation, without waiting.
	 * @return false when the operation has the most calls in flight it may have: the call
	 * must not go ahead, and is counted as refused
	 */
	public boolean tryEnter(String operation) {
		if (this.bulkheads.get(operation).tryAcquirePermission()) {
			return true;
		}
		this.refusals.get(operation).increment();
		return false;
	}

	/** Gives back the place a call took with {@link #tryEnter}: call exactly once. */
	public void leave(String operation) {
		this.bulkheads.get(operation).onComplete();
	}

	/** Calls of the operation in flight now. */
	public int inFlight(String operation) {
		return inFlight(this.bulkheads.get(operation));
	}

	/** How long a refused caller should wait before trying again. */
	public Duration retryAfter() {
		return this.retryAfter;
	}

	private static int inFlight(Bulkhead bulkhead) {
		return bulkhead.getBulkheadConfig().getMaxConcurrentCalls()
				- bulkhead.getMetrics().getAvailableConcurrentCalls();
	}

}
