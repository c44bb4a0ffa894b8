package io.pushproxy.hardening;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.pushproxy.support.ApiClient.Answer;
import io.pushproxy.support.TestJwts;
import io.pushproxy.support.WireMockProxyTest;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Broken authentication, with an issuer, an audience and a maximum token age configured
 * for HS256 tokens: each 401 with WWW-Authenticate.
 */
@TestPropertySource(properties = { "proxy.security.jwt.issuer=https://auth.example.test",
		"proxy.security.jwt.audience=push-proxy", "proxy.security.jwt.max-age=30m" })
class AuthenticationHardeningTests extends WireMockProxyTest {

	private static final String ISSUER = "https://auth.example.test";

	@Test
	void aTokenWithTheRightIssuerAndAudienceIsAccepted() {
		Answer answer = call(sign(claims("alice").build()));

		assertThat(answer.status()).as(answer.toString()).isNotEqualTo(401);
	}

	@Test
	void aTokenWithoutAlgorithm_alg_none_isRefused() {
		String header = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
		String payload = base64("{\"sub\":\"alice\",\"iss\":\"" + ISSUER + "\",\"aud\":\"push-proxy\",\"exp\":"
				+ Instant.now().plusSeconds(600).getEpochSecond() + "}");

		assertRefused(call(header + "." + payload + "."));
	}

	@Test
	void aTokenWithAWrongSignatureIsRefused() {
		String token = sign(claims("alice").build());
		String tampered = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA"
				+ token.substring(token.lastIndexOf('.') + 5);

		assertRefused(call(tampered));
	}

	@Test
	void anExpiredTokenIsRefused() {
		assertRefused(call(sign(claims("alice").expirationTime(Date.from(Instant.now().minusSeconds(600))).build())));
	}

	@Test
	void aTokenNotYetValidIsRefused() {
		assertRefused(call(sign(claims("alice").notBeforeTime(Date.from(Instant.now().plusSeconds(600))).build())));
	}

	@Test
	void aTokenWithoutTheUsernameClaimIsRefused() {
		assertRefused(call(sign(claims(null).build())));
	}

	@Test
	void aTokenFromAnotherIssuerIsRefused() {
		assertRefused(call(sign(claims("alice").issuer("https://evil.example.test").build())));
	}

	@Test
	void aTokenForAnotherAudienceIsRefused() {
		assertRefused(call(sign(claims("alice").audience("another-service").build())));
	}

	@Test
	void aTokenWithoutExpiryIsRefused() {
		assertRefused(call(sign(claims("alice").expirationTime(null).build())));
	}

	@Test
	void aTokenWithoutIssuedAtIsRefusedWhenAMaximumAgeIsSet() {
		assertRefused(call(sign(claims("alice").issueTime(null).build())));
	}

	@Test
	void aTokenIssuedLongerAgoThanTheMaximumAgeIsRefusedThoughNotExpired() {
		assertRefused(call(sign(claims("alice").issueTime(Date.from(Instant.now().minus(Duration.ofMinutes(45))))
			.expirationTime(Date.from(Instant.now().plus(Duration.ofHours(2))))
			.build())));
	}

	@Test
	void aTokenIssuedWithinTheMaximumAgeIsAccepted() {
		Answer answer = call(
				sign(claims("alice").issueTime(Date.from(Instant.now().minus(Duration.ofMinutes(25)))).build()));

		assertThat(answer.status()).as(answer.toString()).isNotEqualTo(401);
	}

	@Test
	void aTokenSignedWithAnotherAlgorithmIsRefused() throws JOSEException {
		byte[] longSecret = (TestJwts.SECRET + TestJwts.SECRET).getBytes(StandardCharsets.UTF_8);
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS512), claims("alice").build());
		jwt.sign(new MACSigner(longSecret));

		assertRefused(call(jwt.serialize()));
	}

	private Answer call(String token) {
		return this.api.get("/v1/users/me/push/language", token);
	}

	private static void assertRefused(Answer answer) {
		assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
		assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
		assertThat(answer.contentType()).startsWith("application/problem+json");
		upstream.verify(0, anyRequestedFor(anyUrl()));
	}

	private static JWTClaimsSet.Builder claims(String subject) {
		return TestJwts.claims(subject, null, Duration.ofMinutes(10)).issuer(ISSUER).audience(List.of("push-proxy"));
	}

	private static String sign(JWTClaimsSet claims) {
		return TestJwts.sign(TestJwts.SECRET, claims);
	}

	private static String base64(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
