package io.pushproxy.resilience;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.pushproxy.agora.AgoraOperation;
import io.pushproxy.agora.AgoraProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * A Resilience4j {@link CircuitBreaker} per upstream operation. The gateway asks it
 * before every request and reports the request's final outcome, retries spent; only
 * faults of Agora itself count as failures, never a caller's mistake (400, 404) or a rate
 * limit. Opening and closing is logged as a warning.
 */
@Component
public class OperationCircuits {

	private static final Logger log = LoggerFactory.getLogger(OperationCircuits.class);

	private final Map<AgoraOperation, CircuitBreaker> breakers = new EnumMap<>(AgoraOperation.class);

	private final Duration openFor;

	public OperationCircuits(CircuitBreakerRegistry registry, AgoraProperties agora) {
		AgoraProperties.CircuitBreaker settings = agora.circuitBreaker();
		this.openFor = settings.openFor();
		CircuitBreakerConfig config = CircuitBreakerConfig.custom()
			.failureRateThreshold(settings.failureRatePercent())
			.minimumNumberOfCalls(settings.minimumCalls())
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(settings.windowSize())
			.waitDurationInOpenState(settings.openFor())
			.permittedNumberOfCallsInHalfOpenState(settings.probes())
			.automaticTransitionFromOpenToHalfOpenEnabled(false)
			.build();
		for (AgoraOperation operation : AgoraOperation.values()) {
			CircuitBreaker breaker = registry.circuitBreaker(operation.key(), config);
			breaker.getEventPublisher()
				.onStateTransition((event) -> log.warn("Circuit of {} went from {} to {}", operation,
						event.getStateTransition().getFromState(), event.getStateTransition().getToState()));
			this.breakers.put(operation, breaker);
		}
	}

	/** The breaker of an operation. */
	public CircuitBreaker breaker(AgoraOperation operation) {
		return this.breakers.get(operation);
	}

	/** How long a caller should wait while a circuit is open: at most its open time. */
	public Duration retryAfter() {
		return this.openFor;
	}

}
