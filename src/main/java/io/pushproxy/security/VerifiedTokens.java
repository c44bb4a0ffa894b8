package io.pushproxy.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * A {@link JwtDecoder} that remembers the tokens whose HS256 signature it has verified,
 * so that a caller sending the same token again is not parsed and verified again (three
 * JSON parses and an HMAC, about 5% of a forwarded request's CPU). The claim rules
 * (expiry, not-before, issuer, audience, maximum age) still run on every request, a
 * remembered token included: a token leaves the cache the moment it fails them. At most
 * {@code capacity} tokens are remembered; when full, the cache starts again empty, which
 * bounds its memory (about 3 KB a token) without bookkeeping per request.
 * <p>
 * Only for the HS256 mode: its secret is fixed for the life of the process, so a token
 * once verified stays verified. In the JWK mode a key can be withdrawn, and a cached
 * token would outlive it.
 */
final class VerifiedTokens implements JwtDecoder {

	private final JwtDecoder verifier;

	private final OAuth2TokenValidator<Jwt> rules;

	private final int capacity;

	private final Map<String, Jwt> verified = new ConcurrentHashMap<>();

	VerifiedTokens(JwtDecoder verifier, OAuth2TokenValidator<Jwt> rules, int capacity) {
		this.verifier = verifier;
		this.rules = rules;
		this.capacity = capacity;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Jwt jwt = this.verified.get(token);
		if (jwt == null) {
			// The verifier runs the same rules after the signature.
			jwt = this.verifier.decode(token);
			if (this.verified.size() >= this.capacity) {
				this.verified.clear();
			}
			this.verified.put(token, jwt);
			return jwt;
		}
		OAuth2TokenValidatorResult result = this.rules.validate(jwt);
		if (result.hasErrors()) {
			this.verified.remove(token);
			OAuth2Error first = result.getErrors().iterator().next();
			throw new JwtValidationException(
					"An error occurred while attempting to decode the Jwt: " + first.getDescription(),
					result.getErrors());
		}
		return jwt;
	}

}
