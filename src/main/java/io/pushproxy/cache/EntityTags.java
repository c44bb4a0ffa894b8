package io.pushproxy.cache;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Strong entity tags of app-facing representations: the first 128 bits of the SHA-256 of
 * the exact bytes the caller gets, so equal answers have equal tags on every pod and
 * after a restart; and the comparisons of {@code If-None-Match} (weak) and
 * {@code If-Match} (strong) of RFC 9110.
 */
public final class EntityTags {

	/** {@code *}, or entity tags (RFC 9110's {@code etagc}: no quote, no control). */
	private static final Pattern ENTITY_TAGS = Pattern.compile(
			"[ \\t]*(\\*|(W/)?\"[\\x21\\x23-\\x7E\\x80-\\xFF]*\"([ \\t]*,[ \\t]*(W/)?\"[\\x21\\x23-\\x7E\\x80-\\xFF]*\")*)[ \\t]*");

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
	 * Whether a precondition header is {@code *} or a comma-separated list of entity tags
	 * ({@code "..."} or {@code W/"..."}, RFC 9110), as {@code If-Match} must be.
	 */
	public static boolean wellFormed(String header) {
		return ENTITY_TAGS.matcher(header).matches();
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
