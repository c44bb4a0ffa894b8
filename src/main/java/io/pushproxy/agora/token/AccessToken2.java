package io.pushproxy.agora.token;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A builder and parser for Agora AccessToken2 ("007") tokens, limited to what the Chat
 * service needs: an app token (privilege 2) or a user token (privilege 1).
 * <p>
 * Layout, all integers little-endian, strings as a uint16 byte length then the bytes:
 * {@code "007" + base64(zlib(string(signature) | body))}, where the body holds the App
 * ID, issue time, lifetime, salt and the services with their privileges.
 */
public final class AccessToken2 {

	public static final int SERVICE_CHAT = 5;

	public static final int PRIVILEGE_CHAT_USER = 1;

	public static final int PRIVILEGE_CHAT_APP = 2;

	private static final String VERSION = "007";

	private static final String HMAC_SHA256 = "HmacSHA256";

	private static final int SERVICE_RTC = 1;

	private static final int SERVICE_RTM = 2;

	private static final int SERVICE_FPA = 4;

	private static final int SERVICE_APAAS = 7;

	// A real token inflates to a few hundred bytes; this only stops a deflate bomb.
	private static final int MAX_INFLATED_BYTES = 64 * 1024;

	private AccessToken2() {
	}

	/** The Chat app token: service 5, one privilege (2) valid expireSeconds, empty user id. */
	public static String chatAppToken(String appId, String appCertificate, long issueTs, int salt, int expireSeconds) {
		return chatToken(appId, appCertificate, "", PRIVILEGE_CHAT_APP, issueTs, salt, expireSeconds);
	}

	/** The Chat user token (privilege 1), used for the reference vector. */
	public static String chatUserToken(String appId, String appCertificate, String userId, long issueTs, int salt,
			int expireSeconds) {
		return chatToken(appId, appCertificate, userId, PRIVILEGE_CHAT_USER, issueTs, salt, expireSeconds);
	}

	/**
	 * Parses a 007 token without checking its signature.
	 * @throws IllegalArgumentException if the token is not a well-formed 007 token
	 */
	public static Decoded decode(String token) {
		if (token == null || !token.startsWith(VERSION)) {
			throw new IllegalArgumentException("Not a 007 token");
		}
		byte[] packed;
		try {
			packed = inflate(Base64.getDecoder().decode(token.substring(VERSION.length())));
		}
		catch (IllegalArgumentException | DataFormatException ex) {
			throw new IllegalArgumentException("Token is not base64-encoded zlib data", ex);
		}
		try {
			ByteBuffer in = ByteBuffer.wrap(packed).order(ByteOrder.LITTLE_ENDIAN);
			byte[] signature = readBytes(in);
			int bodyStart = in.position();
			String appId = readString(in);
			long issueTs = readUint32(in);
			long expire = readUint32(in);
			long salt = readUint32(in);
			int serviceCount = readUint16(in);
			Map<Integer, Map<Integer, Long>> privilegesByService = new TreeMap<>();
			Map<Integer, String> userIdByService = new TreeMap<>();
			for (int i = 0; i < serviceCount; i++) {
				int type = readUint16(in);
				Map<Integer, Long> privileges = new TreeMap<>();
				int privilegeCount = readUint16(in);
				for (int j = 0; j < privilegeCount; j++) {
					privileges.put(readUint16(in), readUint32(in));
				}
				if (privilegesByService.put(type, Collections.unmodifiableMap(privileges)) != null) {
					throw new IllegalArgumentException("Token repeats service " + type);
				}
				String userId = readServiceFields(type, in);
				if (userId != null) {
					userIdByService.put(type, userId);
				}
			}
			if (in.hasRemaining()) {
				throw new IllegalArgumentException("Token has trailing bytes");
			}
			byte[] signedBody = Arrays.copyOfRange(packed, bodyStart, packed.length);
			return new Decoded(signature, signedBody, appId, issueTs, expire, salt,
					Collections.unmodifiableMap(privilegesByService), Collections.unmodifiableMap(userIdByService));
		}
		catch (BufferUnderflowException ex) {
			throw new IllegalArgumentException("Token is truncated", ex);
		}
	}

	/** Recomputes the signature for a body with the given certificate and compares in constant time. */
	public static boolean verify(Decoded decoded, String appCertificate) {
		Objects.requireNonNull(decoded, "decoded");
		Objects.requireNonNull(appCertificate, "appCertificate");
		byte[] expected = sign(appCertificate, decoded.issueTs(), decoded.salt(), decoded.signedBody());
		return MessageDigest.isEqual(expected, decoded.signature());
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

	/** Reads what a service packs after its privileges; returns its user id if it has one. */
	private static String readServiceFields(int type, ByteBuffer in) {
		switch (type) {
			case SERVICE_RTC -> {
				readString(in); // channel name
				return readString(in);
			}
			case SERVICE_RTM, SERVICE_CHAT -> {
				return readString(in);
			}
			case SERVICE_FPA -> {
				return null;
			}
			case SERVICE_APAAS -> {
				readString(in); // room uuid
				String userUuid = readString(in);
				readUint16(in); // role
				return userUuid;
			}
			default -> throw new IllegalArgumentException("Token has unknown service type " + type);
		}
	}

	private static byte[] sign(String appCertificate, long issueTs, long salt, byte[] body) {
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

	private static byte[] inflate(byte[] input) throws DataFormatException {
		Inflater inflater = new Inflater();
		try {
			inflater.setInput(input);
			ByteArrayOutputStream out = new ByteArrayOutputStream(input.length * 2);
			byte[] chunk = new byte[512];
			while (!inflater.finished()) {
				int n = inflater.inflate(chunk);
				if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
					throw new DataFormatException("Truncated zlib stream");
				}
				out.write(chunk, 0, n);
				if (out.size() > MAX_INFLATED_BYTES) {
					throw new DataFormatException("Inflated token is too large");
				}
			}
			if (inflater.getRemaining() > 0) {
				throw new DataFormatException("Trailing bytes after zlib stream");
			}
			return out.toByteArray();
		}
		finally {
			inflater.end();
		}
	}

	private static int readUint16(ByteBuffer in) {
		return Short.toUnsignedInt(in.getShort());
	}

	private static long readUint32(ByteBuffer in) {
		return Integer.toUnsignedLong(in.getInt());
	}

	private static byte[] readBytes(ByteBuffer in) {
		byte[] bytes = new byte[readUint16(in)];
		in.get(bytes);
		return bytes;
	}

	private static String readString(ByteBuffer in) {
		return new String(readBytes(in), StandardCharsets.UTF_8);
	}

	private static void requireText(String value, String name) {
		if (value == null || value.isEmpty()) {
			throw new IllegalArgumentException(name + " must not be empty");
		}
	}

	/**
	 * A parsed 007 token. {@code signedBody} is the exact byte range the signature covers;
	 * all uint32 fields are unsigned.
	 */
	public record Decoded(byte[] signature, byte[] signedBody, String appId, long issueTs, long expireSeconds,
			long salt, Map<Integer, Map<Integer, Long>> privilegesByService, Map<Integer, String> userIdByService) {

		@Override
		public boolean equals(Object other) {
			return other instanceof Decoded that && Arrays.equals(this.signature, that.signature)
					&& Arrays.equals(this.signedBody, that.signedBody);
		}

		@Override
		public int hashCode() {
			return 31 * Arrays.hashCode(this.signature) + Arrays.hashCode(this.signedBody);
		}

		@Override
		public String toString() {
			return "Decoded[appId=" + this.appId + ", issueTs=" + this.issueTs + ", expireSeconds="
					+ this.expireSeconds + ", salt=" + this.salt + ", privilegesByService=" + this.privilegesByService
					+ ", userIdByService=" + this.userIdByService + "]";
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
