package io.pushproxy.support;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** Caller tokens for tests and the local sandbox, signed with HS256. */
public final class TestJwts {

	/** The HS256 secret the tests and the sandbox configure. */
	public static final String SECRET = "local-sandbox-secret-0123456789-abcdefghij";

	public static final String ADMIN_SCOPE = "push:admin";

	/**
	 * The {@code aud} the tests and the sandbox require
	 * ({@code proxy.security.jwt.audience}).
	 */
	public static final String AUDIENCE = "push-proxy";

	private TestJwts() {
	}

	public static String user(String username) {
		return sign(SECRET, claims(username, null, Duration.ofHours(1)).build());
	}

	public static String admin() {
		return sign(SECRET, claims("backend-service", ADMIN_SCOPE, Duration.ofHours(1)).build());
	}

	public static String adminWithoutUsername() {
		return sign(SECRET, claims(null, ADMIN_SCOPE + " other:scope", Duration.ofHours(1)).build());
	}

	/** A token issued two hours ago that expired an hour ago. */
	public static String expired(String username) {
		Instant now = Instant.now();
		return sign(SECRET,
				claims(username, null, Duration.ofHours(-1)).issueTime(Date.from(now.minus(Duration.ofHours(2))))
					.build());
	}

	public static String signedWithOtherSecret(String username) {
		return sign("another-secret-that-is-long-enough-0123456789",
				claims(username, null, Duration.ofHours(1)).build());
	}

	public static String withScope(String username, String scope) {
		return sign(SECRET, claims(username, scope, Duration.ofHours(1)).build());
	}

	public static JWTClaimsSet.Builder claims(String subject, String scope, Duration validFor) {
		Instant now = Instant.now();
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issueTime(Date.from(now.minusSeconds(5)))
			.expirationTime(Date.from(now.plus(validFor)))
			.audience(AUDIENCE);
		if (subject != null) {
			claims.subject(subject);
		}
		if (scope != null) {
			claims.claim("scope", scope);
		}
		return claims;
	}

	public static String sign(String secret, JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
			jwt.sign(new MACSigner(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
