package io.pushproxy.resilience;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import io.pushproxy.redis.LinkState;

import org.jspecify.annotations.Nullable;

/**
 * The operation budgets shared by every replica through Redis ({@link SharedBuckets}),
 * and what a pod decides on its own when Redis does not answer, so that the pods together
 * never send more than an operation's ceiling in any second.
 * <p>
 * An operation's ceiling is split three ways. Each pod has a <em>reserve</em>, a
 * twentieth of its share and at least one call a second ({@link Reserve}); the shared
 * bucket grants the ceiling less every pod's reserve; and while Redis is away each pod
 * takes its <em>share</em>, the ceiling divided by {@code replicas}
 * ({@code proxy.rate-limit.fallback-replicas}). Which one decides depends on the pod's
 * {@link Footing}:
 * <ul>
 * <li>on Redis, the bucket; a call Redis does not answer (a timeout, a dropped
 * connection) is decided at once from the reserve, since the other pods may be taking the
 * whole bucket meanwhile;</li>
 * <li>from when Redis went away until what it granted has surely left, the reserve;</li>
 * <li>after that, the share, the pod's own calls in any second (reserve and Redis ones
 * included) kept to it;</li>
 * <li>back on Redis, the bucket, the pod's own calls still kept to its share until the
 * other pods are surely back.</li>
 * </ul>
 * So no call is refused because Redis failed while the pod's reserve has room (a trickle
 * of requests never notices), and the bucket plus the reserves, or the shares, never add
 * up to more than the ceiling. The one case left: a pod that alone loses Redis for longer
 * than a switch takes (a network partition between that pod and Redis) takes its share
 * while the others still take the bucket.
 */
class SharedBudgets {

	/** A pod's reserve is this part of its share. */
	private static final int RESERVE_PART = 20;

	private final Supplier<LinkState> link;

	private final SharedBuckets buckets;

	private final Clock clock;

	private final int replicas;

	/** How long after a switch the pod keeps to what is safe whatever the others do. */
	private final long switchMillis;

	private final Map<String, Reserve> reserves = new HashMap<>();

	/**
	 * Budgets for the operations' {@code ceilings} (as configured) over {@code buckets},
	 * the footing read off {@code link} on {@code clock}.
	 */
	SharedBudgets(Supplier<LinkState> link, SharedBuckets buckets, Map<String, Integer> ceilings, int replicas,
			Duration maxWait, Duration recheckEvery, Clock clock) {
		this.link = link;
		this.buckets = buckets;
		this.clock = clock;
		this.replicas = Math.max(1, replicas);
		this.switchMillis = Duration.ofSeconds(1).plus(maxWait).plus(recheckEvery.multipliedBy(2)).toMillis();
		ceilings.forEach((operation, ceiling) -> this.reserves.put(operation,
				new Reserve(Math.max(1, share(ceiling) / RESERVE_PART))));
	}

	/**
	 * The permit for one call of the operation whose ceiling is now {@code ceiling},
	 * asked for at {@code now} by a call that can wait until {@code deadline} (nanoTime);
	 * null when the shared bucket refuses it.
	 */
	@Nullable Permit permit(String operation, int ceiling, long now, long deadline) {
		Footing footing = Footing.of(this.link.get(), this.clock.millis(), this.switchMillis);
		int own = footing.keepsToShare() ? share(ceiling) : ceiling;
		if (footing == Footing.FALLEN_BACK) {
			return new Permit(operation, now, own, null);
		}
		Reserve reserve = this.reserves.get(operation);
		if (footing.asksRedis()) {
			SharedBuckets.Grant grant = this.buckets.grant(operation, bucketRate(operation, ceiling), deadline);
			switch (grant.verdict()) {
				case GRANTED:
					return new Permit(operation, grant.at(), own, null);
				case REFUSED:
					return null;
				default:
					// Redis did not answer: the reserve decides, at once.
			}
		}
		return new Permit(operation, now, own, reserve);
	}

	/** The operation's share of a pod while Redis is away. */
	int share(int ceiling) {
		return Math.max(1, ceiling / this.replicas);
	}

	/**
	 * The most calls the shared bucket grants in any second: the ceiling less every pod's
	 * reserve.
	 */
	int bucketRate(String operation, int ceiling) {
		return Math.max(1, ceiling - this.replicas * this.reserves.get(operation).perSecond());
	}

	/** How the operation's {@code ceiling} is split, for the start-up log. */
	String split(String operation, int ceiling) {
		return "Redis granting " + bucketRate(operation, ceiling) + " and each pod keeping "
				+ this.reserves.get(operation).perSecond() + " in reserve; " + share(ceiling)
				+ " a pod while Redis is away";
	}

	/** Who takes the ceiling states other replicas kept in Redis. */
	void followCeilings(BiConsumer<String, AdaptiveCeilings.State> follower) {
		this.buckets.followCeilings(follower);
	}

	/** Keeps a lowered ceiling's state in Redis for the other replicas. */
	void publishCeiling(String operation, AdaptiveCeilings.State state) {
		this.buckets.publishCeiling(operation, state);
	}

	/**
	 * Whether the budgets are shared right now (false while Redis is away).
	 */
	boolean shared() {
		return this.link.get().available();
	}

}
