package io.pushproxy.security;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * A {@link JwtDecoder} that remembers the tokens whose HS256 signature it has verified,
 * so that a caller sending the same token again is not parsed, verified and converted
 * again (three JSON parses, an HMAC and the claim conversion: about a tenth of a
 * forwarded request's CPU, docs/performance.md). The claim rules (expiry, not-before,
 * issuer, audience, maximum age) still run on every request, a remembered token included:
 * a token leaves the cache the moment it fails them.
 * <p>
 * Bounded by Caffeine: at most {@code capacity} tokens (about 3 KB each), and a token not
 * seen for {@code idle} is dropped. A token is found only by the whole compact
 * serialization, signature included, so a token differing in any byte is verified afresh.
 * <p>
 * Only for the HS256 mode: its secret is fixed for the life of the process, so a token
 * once verified stays verified, and remembering it changes no answer. In the JWK mode a
 * key can be withdrawn, and a remembered token would outlive it.
 */
final class VerifiedTokens implements JwtDecoder {

	private final JwtDecoder verifier;

	private final OAuth2TokenValidator<Jwt> rules;

	private final Cache<String, Jwt> verified;

	VerifiedTokens(JwtDecoder verifier, OAuth2TokenValidator<Jwt> rules, int capacity, Duration idle) {
		this.verifier = verifier;
		this.rules = rules;
		this.verified = Caffeine.newBuilder().maximumSize(capacity).expireAfterAccess(idle).build();
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Jwt jwt = this.verified.getIfPresent(token);
		if (jwt == null) {
			// The verifier runs the same rules after the signature.
			jwt = this.verifier.decode(token);
			this.verified.put(token, jwt);
			return jwt;
		}
		OAuth2TokenValidatorResult result = this.rules.validate(jwt);
		if (result.hasErrors()) {
			this.verified.invalidate(token);
			OAuth2Error first = result.getErrors().iterator().next();
			throw new JwtValidationException(
					"An error occurred while attempting to decode the Jwt: " + first.getDescription(),
					result.getErrors());
		}
		return jwt;
	}

}
