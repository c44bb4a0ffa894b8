package io.pushproxy.agora.token;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A parser and verifier for the AccessToken2 ("007") tokens {@link AccessToken2} builds.
 * The proxy never reads a token back, so this half lives with the tests and the Agora
 * emulator, which check the signature of every token the proxy sends.
 */
public final class AccessToken2Decoder {

	private static final String VERSION = AccessToken2.VERSION;

	private static final int SERVICE_RTC = 1;

	private static final int SERVICE_RTM = 2;

	private static final int SERVICE_FPA = 4;

	private static final int SERVICE_CHAT = AccessToken2.SERVICE_CHAT;

	private static final int SERVICE_APAAS = 7;

	// A real token inflates to a few hundred bytes; this only stops a deflate bomb.
	private static final int MAX_INFLATED_BYTES = 64 * 1024;

	private AccessToken2Decoder() {
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

	/**
	 * Recomputes the signature for a body with the given certificate and compares in
	 * constant time.
	 */
	public static boolean verify(Decoded decoded, String appCertificate) {
		Objects.requireNonNull(decoded, "decoded");
		Objects.requireNonNull(appCertificate, "appCertificate");
		byte[] expected = AccessToken2.sign(appCertificate, decoded.issueTs(), decoded.salt(), decoded.signedBody());
		return MessageDigest.isEqual(expected, decoded.signature());
	}

	/**
	 * Reads what a service packs after its privileges; returns its user id if it has one.
	 */
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

	/**
	 * A parsed 007 token. {@code signedBody} is the exact byte range the signature
	 * covers; all uint32 fields are unsigned.
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
			return "Decoded[appId=" + this.appId + ", issueTs=" + this.issueTs + ", expireSeconds=" + this.expireSeconds
					+ ", salt=" + this.salt + ", privilegesByService=" + this.privilegesByService + ", userIdByService="
					+ this.userIdByService + "]";
		}

	}

}
