package io.pushproxy.agora.token;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Objects;
import java.util.zip.Deflater;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A builder of Agora AccessToken2 ("007") tokens, limited to what the Chat service needs:
 * an app token (privilege 2) or a user token (privilege 1). The proxy only ever builds
 * tokens; the parser that checks them (for tests and the Agora emulator) is in the test
 * sources.
 * <p>
 * Layout, all integers little-endian, strings as a uint16 byte length then the bytes:
 * {@code "007" + base64(zlib(string(signature) | body))}, where the body holds the App
 * ID, issue time, lifetime, salt and the services with their privileges.
 */
public final class AccessToken2 {

	public static final int SERVICE_CHAT = 5;

	public static final int PRIVILEGE_CHAT_USER = 1;

	public static final int PRIVILEGE_CHAT_APP = 2;

	static final String VERSION = "007";

	private static final String HMAC_SHA256 = "HmacSHA256";

	private AccessToken2() {
	}

	/**
	 * The Chat app token: service 5, one privilege (2) valid expireSeconds, empty user
	 * id.
	 */
	public static String chatAppToken(String appId, String appCertificate, long issueTs, int salt, int expireSeconds) {
		return chatToken(appId, appCertificate, "", PRIVILEGE_CHAT_APP, issueTs, salt, expireSeconds);
	}

	/** The Chat user token (privilege 1), used for the reference vector. */
	public static String chatUserToken(String appId, String appCertificate, String userId, long issueTs, int salt,
			int expireSeconds) {
		return chatToken(appId, appCertificate, userId, PRIVILEGE_CHAT_USER, issueTs, salt, expireSeconds);
	}

	private static String chatToken(String appId, String appCertificate, String userId, int privilege, long issueTs,
			int salt, int expireSeconds) {
		requireText(appId, "appId");
		requireText(appCertificate, "appCertificate");
		Objects.requireNonNull(userId, "userId");
		if (expireSeconds < 0) {
			throw new IllegalArgumentException("expireSeconds must not be negative");
		}
		Packer body = new Packer().string(appId)
			.uint32(issueTs)
			.uint32(expireSeconds)
			.uint32(salt)
			.uint16(1)
			.uint16(SERVICE_CHAT)
			.uint16(1)
			.uint16(privilege)
			.uint32(expireSeconds)
			.string(userId);
		byte[] bodyBytes = body.toByteArray();
		byte[] signature = sign(appCertificate, issueTs, salt, bodyBytes);
		byte[] content = new Packer().bytes(signature).raw(bodyBytes).toByteArray();
		return VERSION + Base64.getEncoder().encodeToString(deflate(content));
	}

	/** The signature over a token body, also what a verifier recomputes. */
	static byte[] sign(String appCertificate, long issueTs, long salt, byte[] body) {
		byte[] certificateKey = hmac(new Packer().uint32(issueTs).toByteArray(),
				appCertificate.getBytes(StandardCharsets.US_ASCII));
		byte[] signingKey = hmac(new Packer().uint32(salt).toByteArray(), certificateKey);
		return hmac(signingKey, body);
	}

	private static byte[] hmac(byte[] key, byte[] message) {
		try {
			Mac mac = Mac.getInstance(HMAC_SHA256);
			mac.init(new SecretKeySpec(key, HMAC_SHA256));
			return mac.doFinal(message);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	private static byte[] deflate(byte[] input) {
		Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
		try {
			deflater.setInput(input);
			deflater.finish();
			ByteArrayOutputStream out = new ByteArrayOutputStream(input.length);
			byte[] chunk = new byte[512];
			while (!deflater.finished()) {
				out.write(chunk, 0, deflater.deflate(chunk));
			}
			return out.toByteArray();
		}
		finally {
			deflater.end();
		}
	}

	private static void requireText(String value, String name) {
		if (value == null || value.isEmpty()) {
			throw new IllegalArgumentException(name + " must not be empty");
		}
	}

	/** Little-endian writer for the token's fields. */
	private static final class Packer {

		private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

		Packer uint16(int value) {
			if (value < 0 || value > 0xFFFF) {
				throw new IllegalArgumentException("Value does not fit in uint16: " + value);
			}
			return raw(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) value).array());
		}

		/** Packs the low 32 bits, so a negative int salt becomes its unsigned value. */
		Packer uint32(long value) {
			return raw(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) value).array());
		}

		Packer bytes(byte[] value) {
			return uint16(value.length).raw(value);
		}

		Packer string(String value) {
			return bytes(value.getBytes(StandardCharsets.UTF_8));
		}

		Packer raw(byte[] value) {
			this.out.writeBytes(value);
			return this;
		}

		byte[] toByteArray() {
			return this.out.toByteArray();
		}

	}

}
