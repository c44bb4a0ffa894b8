package io.pushproxy.agora;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import org.springframework.stereotype.Component;

/**
 * The proxy's own metrics about Agora, each tagged with the operation's key: every
 * attempt as a timer by outcome (with a latency histogram) and a log line, retries, calls
 * refused by the budget or a pause. Circuit states are Resilience4j's own
 * ({@code resilience4j_circuitbreaker_state}, tagged {@code name} = the operation).
 */
@Component
class UpstreamMetrics {

	/** The gateway's logger: the attempts' lines are the gateway's. */
	private static final Logger log = LoggerFactory.getLogger(AgoraGateway.class);

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

	/**
	 * An attempt's metric, and its log line (INFO, or DEBUG for a first attempt that
	 * succeeded).
	 */
	void attempted(AgoraOperation operation, int attempt, String outcome, long startedNanos) {
		long took = System.nanoTime() - startedNanos;
		attempt(operation, outcome, took);
		// A first attempt that succeeds is what metrics count; a line for each would cost
		// more CPU than the JWT check (docs/performance.md) and fill the log pipeline.
		Level level = (attempt == 1 && "200".equals(outcome)) ? Level.DEBUG : Level.INFO;
		if (log.isEnabledForLevel(level)) {
			log.atLevel(level)
				.log("upstream operation={} attempt={} status={} latencyMs={}", operation, attempt, outcome,
						took / 1_000_000);
		}
	}

	/**
	 * The attempt's line for an error answer, with Agora's {@code error},
	 * {@code exception} and {@code error_description} (callers other than admins never
	 * see that text, so the log is where the request id finds it). A 404 is the proxy's
	 * own URL or App Key: ERROR.
	 */
	void answered(AgoraOperation operation, int attempt, AgoraResponseException answer, boolean misconfigured,
			long startedNanos) {
		long took = System.nanoTime() - startedNanos;
		attempt(operation, String.valueOf(answer.status()), took);
		Level level = misconfigured ? Level.ERROR : Level.INFO;
		if (log.isEnabledForLevel(level)) {
			log.atLevel(level)
				.log("upstream operation={} attempt={} status={} latencyMs={} error={} exception={} description=\"{}\"",
						operation, attempt, answer.status(), took / 1_000_000, answer.error(), answer.exception(),
						answer.description());
		}
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
