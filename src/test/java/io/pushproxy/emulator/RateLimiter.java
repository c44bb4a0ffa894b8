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
 * <p>
 * Other callers (the apps' own SDK calls, which Agora counts against the same budget) can
 * take part of every second: they arrive evenly spaced, are admitted while the second has
 * room, and are neither recorded as arrivals nor counted as rejections of the client.
 */
final class RateLimiter {

	private static final long WINDOW_NANOS = Duration.ofSeconds(1).toNanos();

	private final Map<String, OperationLog> logs = new HashMap<>();

	private int perSecond;

	private int otherCallersPerSecond;

	RateLimiter(int perSecond) {
		perSecond(perSecond);
	}

	/**
	 * Calls per second that other callers make of every operation but {@code token}; 0
	 * for none.
	 */
	synchronized void otherCallersPerSecond(int perSecond) {
		if (perSecond < 0) {
			throw new IllegalArgumentException("otherCallersPerSecond must not be negative");
		}
		this.otherCallersPerSecond = perSecond;
		// Their calls start anew at each operation's next arrival.
		this.logs.values().forEach((log) -> log.nextOther = null);
	}

	synchronized void perSecond(int perSecond) {
		if (perSecond < 1) {
			throw new IllegalArgumentException("perSecond must be at least 1");
		}
		this.perSecond = perSecond;
	}

	/**
	 * Records an arrival; false when the operation already admitted its limit in the last
	 * second.
	 */
	synchronized boolean admit(String operation) {
		long now = System.nanoTime();
		OperationLog log = this.logs.computeIfAbsent(operation, (key) -> new OperationLog());
		if (!operation.equals(ChatOperations.TOKEN)) {
			otherCallers(log, now);
		}
		log.arrivals.add(now);
		if (!roomAt(log, now)) {
			log.rejected++;
			log.rejectedAt.add(now);
			return false;
		}
		log.admitted.addLast(now);
		return true;
	}

	/**
	 * The other callers' calls up to {@code now}, in order: every one of them came later
	 * than anything already in the log, since the log's last arrival took those before
	 * it.
	 */
	private void otherCallers(OperationLog log, long now) {
		if (this.otherCallersPerSecond == 0) {
			return;
		}
		long spacing = WINDOW_NANOS / this.otherCallersPerSecond;
		if (log.nextOther == null) {
			log.nextOther = now;
		}
		long next = log.nextOther;
		if (now - next > WINDOW_NANOS) {
			// A quiet operation: only the last second's calls still count.
			next += ((now - next - WINDOW_NANOS) / spacing) * spacing;
		}
		for (; next - now <= 0; next += spacing) {
			if (roomAt(log, next)) {
				log.admitted.addLast(next);
				log.otherAdmitted++;
			}
			else {
				log.otherRefused++;
			}
		}
		log.nextOther = next;
	}

	private boolean roomAt(OperationLog log, long at) {
		while (!log.admitted.isEmpty() && at - log.admitted.peekFirst() >= WINDOW_NANOS) {
			log.admitted.removeFirst();
		}
		return log.admitted.size() < this.perSecond;
	}

	/**
	 * Calls of other callers that were admitted, and those refused, for the operation.
	 */
	synchronized int[] otherCallers(String operation) {
		OperationLog log = this.logs.get(operation);
		return (log != null) ? new int[] { log.otherAdmitted, log.otherRefused } : new int[2];
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

	synchronized List<Long> rejectedArrivals(String operation) {
		OperationLog log = this.logs.get(operation);
		return (log != null) ? List.copyOf(log.rejectedAt) : List.of();
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

		private final List<Long> rejectedAt = new ArrayList<>();

		private Long nextOther;

		private int otherAdmitted;

		private int otherRefused;

	}

}
