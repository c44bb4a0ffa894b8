package io.pushproxy.redis;

/**
 * The link to Redis at one moment, swapped whole (the Resilience4j way): whether Redis is
 * used, how many calls failed in a row, since when it is up or down, and when it last
 * came back after an outage (moments in milliseconds of the application's
 * {@link java.time.Clock}).
 *
 * @param available whether Redis is to be used now
 * @param failures calls that failed in a row
 * @param since when the link last went down or came back
 * @param rejoined when the link last came back after an outage
 */
public record LinkState(boolean available, int failures, long since, long rejoined) {

	/** Calls failed in a row that take a link that is up down. */
	public static final int FAILURES_TO_FALL_BACK = 3;

	/** Not connected yet, and no change that anything must wait out. */
	static final LinkState START = new LinkState(false, 0, Long.MIN_VALUE / 2, Long.MIN_VALUE / 2);

	/** Connected at start: up, with no change that anything must wait out. */
	LinkState connected() {
		return new LinkState(true, 0, this.since, this.rejoined);
	}

	/** Back after an outage (or after a start without Redis). */
	LinkState rejoinedAt(long now) {
		return new LinkState(true, 0, now, now);
	}

	LinkState succeeded() {
		return new LinkState(this.available, 0, this.since, this.rejoined);
	}

	/** One more failure in a row; one too many takes a link that is up down. */
	LinkState failed(long now) {
		int inARow = this.failures + 1;
		if (this.available && inARow >= FAILURES_TO_FALL_BACK) {
			return new LinkState(false, inARow, now, this.rejoined);
		}
		return new LinkState(this.available, inARow, this.since, this.rejoined);
	}

}
