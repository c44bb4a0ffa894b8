package io.pushproxy.quota;

import io.pushproxy.config.Settings;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The per-caller quota ({@code proxy.caller-limit.*}): a token bucket per caller, so that
 * one user cannot spend the App Key's budget for everyone.
 *
 * @param rate requests per second a caller may make in the long run
 * @param burst requests a caller may make at once
 * @param adminRate the same for admin callers (internal services); 0 exempts them
 * @param adminBurst the burst for admin callers
 * @param maxCallers how many callers' buckets are kept at most; the least recently seen
 * go first
 */
@ConfigurationProperties("proxy.caller-limit")
public record CallerLimitProperties(Integer rate, Integer burst, Integer adminRate, Integer adminBurst,
		Integer maxCallers) {

	public CallerLimitProperties {
		rate = Settings.between("proxy.caller-limit.rate", rate, 5, 1, 100_000);
		burst = Settings.between("proxy.caller-limit.burst", burst, 20, 1, 100_000);
		adminRate = Settings.between("proxy.caller-limit.admin-rate", adminRate, 0, 0, 100_000);
		adminBurst = Settings.between("proxy.caller-limit.admin-burst", adminBurst, 200, 1, 100_000);
		maxCallers = Settings.between("proxy.caller-limit.max-callers", maxCallers, 100_000, 100, 10_000_000);
	}

}
