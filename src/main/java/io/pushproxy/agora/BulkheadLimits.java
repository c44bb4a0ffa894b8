package io.pushproxy.agora;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.Environment;

/**
 * The most calls of each operation of the {@link AgoraOperation} table that may be in
 * flight at once, keyed by the operation's key: {@code agora.bulkhead.<operation>}
 * ({@code AGORA_BULKHEAD_<OPERATION>}), 1 to 10,000, bound name by name as
 * {@link TableSettings} explains.
 * <p>
 * The default is a sixth of what the operation's budget sends during one read timeout,
 * rounded up: {@code perSecond × readTimeout / 6}, 50 at 100/s and 3 s. By Little's law
 * the full budget then keeps flowing while Agora answers within a sixth of the read
 * timeout (half a second, several times its usual latency), and an operation whose every
 * call hangs until the read timeout still gets a sixth of its budget through rather than
 * all of the request threads: three such operations hold 150 of Tomcat's 200. A pod whose
 * budget is a share of the App Key's (the chart divides it by the replicas) gets the same
 * share of calls in flight. docs/design.md, "Bulkheads", gives the figures.
 */
public final class BulkheadLimits {

	static final String PREFIX = "agora.bulkhead";

	/** The share of a read timeout's worth of the budget that may be in flight. */
	static final int READ_TIMEOUT_SHARE = 6;

	private static final int MAX = 10_000;

	private static final TableSettings SETTINGS = new TableSettings(PREFIX, "an Agora operation", 1, MAX, List.of());

	private final Map<String, Integer> maxInFlight;

	private BulkheadLimits(Map<String, Integer> maxInFlight) {
		this.maxInFlight = Collections.unmodifiableMap(maxInFlight);
	}

	/**
	 * Every operation at its default, with the table's budgets and the read timeout's
	 * default.
	 */
	public static BulkheadLimits defaults() {
		return bind(new Binder(List.of()), List.of(), RateLimits.defaults(),
				AgoraProperties.Http.defaults().readTimeout());
	}

	/** The limits the environment sets, the defaults from the budgets for the others. */
	static BulkheadLimits bind(Environment environment, RateLimits rateLimits, Duration readTimeout) {
		return bind(Binder.get(environment), ConfigurationPropertySources.get(environment), rateLimits, readTimeout);
	}

	/**
	 * The limits the binder finds, the defaults from the budgets and the read timeout for
	 * the others; an unknown name under {@code agora.bulkhead} is refused.
	 */
	static BulkheadLimits bind(Binder binder, Iterable<ConfigurationPropertySource> sources, RateLimits rateLimits,
			Duration readTimeout) {
		Map<String, Integer> defaults = new LinkedHashMap<>();
		for (AgoraOperation operation : AgoraOperation.values()) {
			defaults.put(operation.key(), defaultFor(rateLimits.perSecond(operation.budget()), readTimeout));
		}
		return new BulkheadLimits(SETTINGS.bind(binder, sources, defaults));
	}

	/** {@code perSecond × readTimeout / 6}, rounded up, within 1 and 10,000. */
	static int defaultFor(int perSecond, Duration readTimeout) {
		long share = (long) READ_TIMEOUT_SHARE * 1000;
		return (int) Math.min(MAX, Math.max(1, (perSecond * readTimeout.toMillis() + share - 1) / share));
	}

	/** The most calls of the operation in flight at once. */
	public int maxInFlight(AgoraOperation operation) {
		Integer limit = this.maxInFlight.get(operation.key());
		if (limit == null) {
			throw new IllegalArgumentException("no bulkhead for " + operation.key());
		}
		return limit;
	}

	/** Each operation's most calls in flight, in the table's order. */
	public Map<String, Integer> maxInFlight() {
		return this.maxInFlight;
	}

	@Override
	public String toString() {
		return "BulkheadLimits" + this.maxInFlight;
	}

}
