package io.pushproxy.resilience;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Resilience4j {@link CircuitBreaker} per upstream operation. The gateway asks it
 * before every request and reports the request's final outcome, retries spent; only
 * faults of Agora itself count as failures, never a caller's mistake (400, 404) or a rate
 * limit. Opening and closing is logged as a warning.
 */
public class OperationCircuits {

	private static final Logger log = LoggerFactory.getLogger(OperationCircuits.class);

	private final Map<String, CircuitBreaker> breakers = new HashMap<>();

	private final Duration openFor;

	/**
	 * A breaker of the given configuration for each operation name, registered in the
	 * registry under that name.
	 */
	public OperationCircuits(CircuitBreakerRegistry registry, CircuitBreakerConfig config,
			Iterable<String> operations) {
		this.openFor = Duration.ofMillis(config.getWaitIntervalFunctionInOpenState().apply(1));
		for (String operation : operations) {
			CircuitBreaker breaker = registry.circuitBreaker(operation, config);
			breaker.getEventPublisher()
				.onStateTransition((event) -> log.warn("Circuit of {} went from {} to {}", operation,
						event.getStateTransition().getFromState(), event.getStateTransition().getToState()));
			this.breakers.put(operation, breaker);
		}
	}

	/** The breaker of an operation. */
	public CircuitBreaker breaker(String operation) {
		return this.breakers.get(operation);
	}

	/** How long a caller should wait while a circuit is open: at most its open time. */
	public Duration retryAfter() {
		return this.openFor;
	}

}
