package io.pushproxy.agora.token;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AccessToken2Tests {

	private static final String APP_ID = "970CA35de60c44645bbae8a215061b33";

	private static final String APP_CERTIFICATE = "5CFd2fd1755d40ecb72977518be15d3b";

	private static final String REFERENCE_TOKEN = "007eJxTYNAIsnbS3v/A5t2TC6feR15r+6cq8bqAvfaW+tk/Vzz+p6xTYLA0N3B2NDZNSTUzSDYxMTMxTUpKTLVINDI0NTAzTDI2dv8iwBDBxMDAyADCrEDMCOZzMRhZWBgZmxgamRsDAB+lHrg=";

	@Test
	void chatUserTokenReproducesAgorasReferenceVector() {
		String token = AccessToken2.chatUserToken(APP_ID, APP_CERTIFICATE, "2882341273", 1111111, 1, 600);

		assertThat(token).isEqualTo(REFERENCE_TOKEN);
	}

	@Test
	void referenceVectorDecodesToItsFields() {
		AccessToken2Decoder.Decoded decoded = AccessToken2Decoder.decode(REFERENCE_TOKEN);

		assertThat(decoded.appId()).isEqualTo(APP_ID);
		assertThat(decoded.issueTs()).isEqualTo(1111111);
		assertThat(decoded.expireSeconds()).isEqualTo(600);
		assertThat(decoded.salt()).isEqualTo(1);
		assertThat(decoded.privilegesByService()).isEqualTo(Map.of(5, Map.of(1, 600L)));
		assertThat(decoded.userIdByService()).isEqualTo(Map.of(5, "2882341273"));
		assertThat(decoded.signature()).hasSize(32);
		assertThat(AccessToken2Decoder.verify(decoded, APP_CERTIFICATE)).isTrue();
	}

	@Test
	void appTokenCarriesOnlyTheChatAppPrivilegeAndAnEmptyUserId() {
		String token = AccessToken2.chatAppToken(APP_ID, APP_CERTIFICATE, 1_700_000_000L, 42, 86400);

		AccessToken2Decoder.Decoded decoded = AccessToken2Decoder.decode(token);

		assertThat(token).startsWith("007");
		assertThat(decoded.appId()).isEqualTo(APP_ID);
		assertThat(decoded.issueTs()).isEqualTo(1_700_000_000L);
		assertThat(decoded.expireSeconds()).isEqualTo(86400);
		assertThat(decoded.salt()).isEqualTo(42);
		assertThat(decoded.privilegesByService()).containsOnlyKeys(AccessToken2.SERVICE_CHAT);
		assertThat(decoded.privilegesByService().get(AccessToken2.SERVICE_CHAT))
			.isEqualTo(Map.of(AccessToken2.PRIVILEGE_CHAT_APP, 86400L));
		assertThat(decoded.userIdByService()).isEqualTo(Map.of(AccessToken2.SERVICE_CHAT, ""));
	}

	@Test
	void negativeSaltIsPackedAsItsUnsigned32BitValue() {
		String token = AccessToken2.chatAppToken(APP_ID, APP_CERTIFICATE, 1_700_000_000L, -1, 600);

		AccessToken2Decoder.Decoded decoded = AccessToken2Decoder.decode(token);

		assertThat(decoded.salt()).isEqualTo(0xFFFF_FFFFL);
		assertThat(AccessToken2Decoder.verify(decoded, APP_CERTIFICATE)).isTrue();
	}

	@Test
	void verifyAcceptsTheRightCertificateAndRejectsAnother() {
		AccessToken2Decoder.Decoded decoded = AccessToken2Decoder
			.decode(AccessToken2.chatAppToken(APP_ID, APP_CERTIFICATE, 1_700_000_000L, 7, 600));

		assertThat(AccessToken2Decoder.verify(decoded, APP_CERTIFICATE)).isTrue();
		assertThat(AccessToken2Decoder.verify(decoded, "0123456789abcdef0123456789abcdef")).isFalse();
	}

	@Test
	void verifyRejectsATamperedBody() {
		String token = AccessToken2.chatAppToken(APP_ID, APP_CERTIFICATE, 1_700_000_000L, 7, 600);
		byte[] packed = inflate(Base64.getDecoder().decode(token.substring(3)));
		// The last body byte before the empty user id is the high byte of the privilege
		// lifetime.
		packed[packed.length - 3] ^= 1;

		AccessToken2Decoder.Decoded decoded = AccessToken2Decoder
			.decode("007" + Base64.getEncoder().encodeToString(deflate(packed)));

		assertThat(AccessToken2Decoder.verify(decoded, APP_CERTIFICATE)).isFalse();
	}

	@Test
	void decodeRejectsGarbage() {
		assertThatIllegalArgumentException().isThrownBy(() -> AccessToken2Decoder.decode("007not base64 at all!"));
		assertThatIllegalArgumentException().isThrownBy(() -> AccessToken2Decoder.decode("007"));
		assertThatIllegalArgumentException().isThrownBy(
				() -> AccessToken2Decoder.decode("007" + Base64.getEncoder().encodeToString("hello".getBytes())));
		assertThatIllegalArgumentException().isThrownBy(() -> AccessToken2Decoder.decode(null));
	}

	@Test
	void decodeRejectsAnotherVersionPrefix() {
		String token = AccessToken2.chatAppToken(APP_ID, APP_CERTIFICATE, 1_700_000_000L, 7, 600);

		assertThatIllegalArgumentException().isThrownBy(() -> AccessToken2Decoder.decode("006" + token.substring(3)));
		assertThatIllegalArgumentException().isThrownBy(() -> AccessToken2Decoder.decode(token.substring(3)));
	}

	@Test
	void decodeRejectsTruncatedInput() {
		String token = AccessToken2.chatAppToken(APP_ID, APP_CERTIFICATE, 1_700_000_000L, 7, 600);
		byte[] packed = inflate(Base64.getDecoder().decode(token.substring(3)));

		for (int length = 0; length < packed.length; length++) {
			String truncated = "007" + Base64.getEncoder().encodeToString(deflate(Arrays.copyOf(packed, length)));
			assertThatIllegalArgumentException().as("body cut to %d bytes", length)
				.isThrownBy(() -> AccessToken2Decoder.decode(truncated));
		}
		String cutText = token.substring(0, token.length() - 8);
		assertThatIllegalArgumentException().isThrownBy(() -> AccessToken2Decoder.decode(cutText));
	}

	@Test
	void decodeRejectsTrailingBytesAfterTheBody() {
		String token = AccessToken2.chatAppToken(APP_ID, APP_CERTIFICATE, 1_700_000_000L, 7, 600);
		byte[] packed = inflate(Base64.getDecoder().decode(token.substring(3)));
		byte[] longer = Arrays.copyOf(packed, packed.length + 1);

		assertThatIllegalArgumentException()
			.isThrownBy(() -> AccessToken2Decoder.decode("007" + Base64.getEncoder().encodeToString(deflate(longer))));
	}

	@Test
	void exceptionsNeverMentionTheCertificate() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AccessToken2.chatAppToken("", APP_CERTIFICATE, 1_700_000_000L, 7, 600))
			.withMessageNotContaining(APP_CERTIFICATE);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AccessToken2.chatAppToken(APP_ID, APP_CERTIFICATE, 1_700_000_000L, 7, -1))
			.withMessageNotContaining(APP_CERTIFICATE);
	}

	private static byte[] inflate(byte[] input) {
		Inflater inflater = new Inflater();
		try {
			inflater.setInput(input);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			byte[] chunk = new byte[512];
			while (!inflater.finished()) {
				out.write(chunk, 0, inflater.inflate(chunk));
			}
			return out.toByteArray();
		}
		catch (DataFormatException ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			inflater.end();
		}
	}

	private static byte[] deflate(byte[] input) {
		Deflater deflater = new Deflater();
		try {
			deflater.setInput(input);
			deflater.finish();
			ByteArrayOutputStream out = new ByteArrayOutputStream();
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

}
