package io.pushproxy.cache;

import java.time.Duration;

import io.pushproxy.config.Settings;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The read cache ({@code proxy.cache.*}) of get-user, get-push-settings, get-language and
 * get-template.
 *
 * @param ttl how long an entry is served without asking Agora; {@code PT0S} turns the
 * cache off
 * @param maxEntries entries kept in a pod's local cache (least used dropped first)
 */
@ConfigurationProperties("proxy.cache")
public record CacheProperties(Duration ttl, Integer maxEntries) {

	public CacheProperties {
		ttl = Settings.between("proxy.cache.ttl", ttl, Duration.ofSeconds(30), Duration.ZERO, Duration.ofHours(1));
		maxEntries = Settings.between("proxy.cache.max-entries", maxEntries, 100_000, 1, 10_000_000);
	}

	/** Whether reads are cached at all. */
	public boolean enabled() {
		return !this.ttl.isZero();
	}

}
