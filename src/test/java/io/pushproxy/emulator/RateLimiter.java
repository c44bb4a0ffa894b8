package io.pushproxy.emulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A per-operation sliding-log rate limiter that also records every arrival, admitted or
 * not, so tests can inspect the traffic a client produced.
 */
final class RateLimiter {

	private static final long WINDOW_NANOS = Duration.ofSeconds(1).toNanos();

	private final Map<String, OperationLog> logs = new HashMap<>();

	private int perSecond;

	RateLimiter(int perSecond) {
		perSecond(perSecond);
	}

	synchronized void perSecond(int perSecond) {
		if (perSecond < 1) {
			throw new IllegalArgumentException("perSecond must be at least 1");
		}
		this.perSecond = perSecond;
	}

	/** Records an arrival; false when the operation already admitted its limit in the last second. */
	synchronized boolean admit(String operation) {
		long now = System.nanoTime();
		OperationLog log = this.logs.computeIfAbsent(operation, (key) -> new OperationLog());
		log.arrivals.add(now);
		while (!log.admitted.isEmpty() && now - log.admitted.peekFirst() >= WINDOW_NANOS) {
			log.admitted.removeFirst();
		}
		if (log.admitted.size() >= this.perSecond) {
			log.rejected++;
			return false;
		}
		log.admitted.addLast(now);
		return true;
	}

	synchronized List<Long> arrivals(String operation) {
		OperationLog log = this.logs.get(operation);
		return (log != null) ? List.copyOf(log.arrivals) : List.of();
	}

	synchronized int maxInAnyWindow(String operation, Duration window) {
		if (window.isNegative() || window.isZero()) {
			throw new IllegalArgumentException("window must be positive");
		}
		long windowNanos = window.toNanos();
		List<Long> arrivals = arrivals(operation);
		int max = 0;
		int start = 0;
		for (int end = 0; end < arrivals.size(); end++) {
			while (arrivals.get(end) - arrivals.get(start) >= windowNanos) {
				start++;
			}
			max = Math.max(max, end - start + 1);
		}
		return max;
	}

	synchronized int rejected(String operation) {
		OperationLog log = this.logs.get(operation);
		return (log != null) ? log.rejected : 0;
	}

	synchronized void reset() {
		this.logs.clear();
	}

	private static final class OperationLog {

		private final List<Long> arrivals = new ArrayList<>();

		private final Deque<Long> admitted = new ArrayDeque<>();

		private int rejected;

	}

}
