package io.pushproxy.config;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Checks for operator settings, used in the compact constructors of the
 * {@code @ConfigurationProperties} records. Hand-written rather than Bean Validation so
 * that a failure names the setting but never echoes its value (it may be a secret).
 */
public final class Settings {

	private static final Pattern HEX_32 = Pattern.compile("[0-9a-fA-F]{32}");

	private Settings() {
	}

	public static String required(String property, @Nullable String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidSettingException(property, "is required but not set");
		}
		return value.strip();
	}

	public static String matching(String property, @Nullable String value, Pattern pattern, String expectation) {
		String given = required(property, value);
		if (!pattern.matcher(given).matches()) {
			throw new InvalidSettingException(property, "must be " + expectation);
		}
		return given;
	}

	public static String hex32(String property, @Nullable String value) {
		return matching(property, value, HEX_32, "32 hexadecimal characters");
	}

	public static URI httpUrl(String property, @Nullable String value) {
		String given = required(property, value);
		try {
			URI uri = URI.create(given);
			boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
			boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty() || "/".equals(uri.getRawPath()))
					&& uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
			if (http && uri.getHost() != null && bare) {
				return URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
			}
		}
		catch (IllegalArgumentException ex) {
			// fall through to the clear message below
		}
		throw new InvalidSettingException(property,
				"must be an http(s) URL without a path, e.g. https://a41.chat.agora.io");
	}

	public static Duration between(String property, @Nullable Duration value, Duration fallback, Duration min,
			Duration max) {
		Duration result = (value != null) ? value : fallback;
		if (result.compareTo(min) < 0 || result.compareTo(max) > 0) {
			throw new InvalidSettingException(property, "must be between " + min + " and " + max);
		}
		return result;
	}

	public static int between(String property, @Nullable Integer value, int fallback, int min, int max) {
		int result = (value != null) ? value : fallback;
		if (result < min || result > max) {
			throw new InvalidSettingException(property, "must be between " + min + " and " + max);
		}
		return result;
	}

	/** An IANA time zone id such as {@code Asia/Shanghai}, or the fallback when unset. */
	public static ZoneId zone(String property, @Nullable String id, ZoneId fallback) {
		if (id == null || id.isBlank()) {
			return fallback;
		}
		if (!ZoneId.getAvailableZoneIds().contains(id.strip())) {
			throw new InvalidSettingException(property, "must be an IANA time zone such as UTC or Asia/Shanghai");
		}
		return ZoneId.of(id.strip());
	}

}
