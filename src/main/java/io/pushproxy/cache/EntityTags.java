package io.pushproxy.cache;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Strong entity tags of app-facing representations: the first 128 bits of the SHA-256 of
 * the exact bytes the caller gets, so equal answers have equal tags on every pod and
 * after a restart; and the comparisons of {@code If-None-Match} (weak) and
 * {@code If-Match} (strong) of RFC 9110.
 */
public final class EntityTags {

	private EntityTags() {
	}

	/** The quoted strong tag of these representation bytes. */
	public static String of(byte[] representation) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(representation);
			return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

	/**
	 * Whether an {@code If-Match} header holds the current tag: {@code *}, or the same
	 * strong tag (a weak tag never matches).
	 */
	public static boolean ifMatch(String header, String current) {
		for (String tag : header.split(",")) {
			String candidate = tag.strip();
			if (candidate.equals("*") || candidate.equals(current)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether an {@code If-None-Match} header holds the current tag: {@code *}, or the
	 * same tag, weak or not.
	 */
	static boolean ifNoneMatch(String header, String current) {
		for (String tag : header.split(",")) {
			String candidate = tag.strip();
			if (candidate.startsWith("W/")) {
				candidate = candidate.substring(2);
			}
			if (candidate.equals("*") || candidate.equals(current)) {
				return true;
			}
		}
		return false;
	}

}
