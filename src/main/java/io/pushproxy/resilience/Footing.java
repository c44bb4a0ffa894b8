package io.pushproxy.resilience;

import io.pushproxy.redis.LinkState;

/**
 * Where a pod of the shared budgets stands at one moment, read off its Redis link: who
 * decides its permits, and how many of its own calls it lets into any one second.
 * <p>
 * The pods' permits from Redis and from their own shares must never add up. Permits that
 * Redis granted leave up to a permit's longest wait after they were granted, and count
 * against the budget for a second after that; pods notice that Redis left or came back up
 * to two rechecks apart. So for a while after each switch (a second, plus a permit's
 * longest wait, plus two rechecks) a pod keeps to what is safe whatever the other pods
 * do.
 */
enum Footing {

	/** Redis decides; a call it does not answer is decided from the pod's reserve. */
	SHARED,

	/**
	 * Back on Redis, while other pods may still be on their own shares: Redis decides
	 * (the reserve when it does not answer), and the pod keeps to its share.
	 */
	REJOINING,

	/**
	 * Redis is away, but what it granted other pods may still be leaving: the pod's
	 * reserve only, which the shared bucket never grants.
	 */
	FALLING_BACK,

	/** Redis has been away long enough: the pod's own share of the budget. */
	FALLEN_BACK;

	/**
	 * The footing of a pod whose link is in {@code link} at {@code now}, a switch taking
	 * {@code switchMillis} to settle (moments of the link's clock).
	 */
	static Footing of(LinkState link, long now, long switchMillis) {
		if (link.available()) {
			return (now - link.rejoined() < switchMillis) ? REJOINING : SHARED;
		}
		return (now - link.since() < switchMillis) ? FALLING_BACK : FALLEN_BACK;
	}

	/** Whether Redis is asked for the permit. */
	boolean asksRedis() {
		return this == SHARED || this == REJOINING;
	}

	/**
	 * Whether the pod keeps its own calls to its share (other pods may be on theirs,
	 * which Redis does not count).
	 */
	boolean keepsToShare() {
		return this == REJOINING || this == FALLEN_BACK;
	}

}
