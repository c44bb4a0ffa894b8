package io.pushproxy.resilience;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the operation budgets are built from, keyed by plain operation names as
 * Resilience4j's registries and Spring Cloud Gateway's {@code RateLimiter} are: this
 * package knows nothing of the upstream API it protects.
 *
 * @param namespace what the shared buckets' Redis keys start with (the App Key), so that
 * proxies of different apps sharing one Redis never share a bucket
 * @param budgets per budget name (an operation's own, or one that several operations
 * spend from together), in a stable order, its budget and ceiling
 * @param maxWait how long a request may wait for a permit before it is refused
 */
public record BudgetSettings(String namespace, Map<String, Budget> budgets, Duration maxWait) {

	public BudgetSettings {
		budgets = Collections.unmodifiableMap(new LinkedHashMap<>(budgets));
	}

	/** The ceiling of an operation: the most calls let into any one second. */
	int ceiling(String operation) {
		return this.budgets.get(operation).ceiling();
	}

	/**
	 * One operation's budget.
	 *
	 * @param perSecond calls per second that upstream allows
	 * @param ceiling the most calls the proxy lets into any one second: the budget less a
	 * headroom
	 */
	public record Budget(int perSecond, int ceiling) {

	}

}
