package io.pushproxy.resilience;

/**
 * The link to Redis at one moment: whether it is used, how many calls in a row failed,
 * when it last went down or came back, and when it last came back after an outage
 * (nanoTime).
 */
record RedisLink(boolean up, int failuresInARow, long changedAt, long rejoinedAt) {

	/** Not connected yet, and no change that anything must wait out. */
	static final RedisLink START = new RedisLink(false, 0, Long.MIN_VALUE / 2, Long.MIN_VALUE / 2);

	static RedisLink rejoined(long now) {
		return new RedisLink(true, 0, now, now);
	}

	RedisLink connected() {
		return new RedisLink(true, this.failuresInARow, this.changedAt, this.rejoinedAt);
	}

	RedisLink succeeded() {
		return new RedisLink(this.up, 0, this.changedAt, this.rejoinedAt);
	}

	/** One more failure in a row; one too many takes a link that is up down. */
	RedisLink failed(long now) {
		int inARow = this.failuresInARow + 1;
		if (this.up && inARow >= RedisBucketStore.FAILURES_TO_FALL_BACK) {
			return new RedisLink(false, inARow, now, this.rejoinedAt);
		}
		return new RedisLink(this.up, inARow, this.changedAt, this.rejoinedAt);
	}

}
