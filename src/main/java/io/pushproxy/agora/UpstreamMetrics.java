package io.pushproxy.agora;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * The proxy's own metrics about Agora, each tagged with the operation's key: every
 * attempt as a timer by outcome (with a latency histogram), retries, calls refused by the
 * budget or a pause. Circuit states are Resilience4j's own
 * ({@code resilience4j_circuitbreaker_state}, tagged {@code name} = the operation).
 */
@Component
class UpstreamMetrics {

	private final MeterRegistry registry;

	UpstreamMetrics(MeterRegistry registry) {
		this.registry = registry;
		for (AgoraOperation operation : AgoraOperation.values()) {
			// Registered up front so that dashboards see a zero rather than nothing.
			retries(operation);
			refusals(operation, "budget");
			refusals(operation, "upstream-pause");
		}
	}

	void attempt(AgoraOperation operation, String outcome, long nanos) {
		Timer.builder("agora.upstream.calls")
			.description("Attempts at Agora calls, by outcome (HTTP status or fault)")
			.tag("operation", operation.key())
			.tag("outcome", outcome)
			.register(this.registry)
			.record(Duration.ofNanos(nanos));
	}

	void retry(AgoraOperation operation) {
		retries(operation).increment();
	}

	void refused(AgoraOperation operation, String reason) {
		refusals(operation, reason).increment();
	}

	private Counter retries(AgoraOperation operation) {
		return Counter.builder("agora.upstream.retries")
			.description("Attempts at Agora calls that repeated an earlier one")
			.tag("operation", operation.key())
			.register(this.registry);
	}

	private Counter refusals(AgoraOperation operation, String reason) {
		return Counter.builder("agora.ratelimit.rejections")
			.description("Requests answered 429 without an upstream call: budget spent, or paused after Agora's 429")
			.tag("operation", operation.key())
			.tag("reason", reason)
			.register(this.registry);
	}

}
