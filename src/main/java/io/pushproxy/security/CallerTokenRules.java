package io.pushproxy.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * An {@link OAuth2TokenValidator} with the claim rules every caller token must pass in
 * both the HS256 and the JWK-set modes, beyond signature, {@code exp}/{@code nbf} and
 * issuer: an {@code exp} at all (Spring would accept a token that never expires), this
 * API's {@code aud} when an audience is set, and an {@code iat} no older than the maximum
 * age when one is set.
 */
class CallerTokenRules implements OAuth2TokenValidator<Jwt> {

	/** The same tolerance for clocks apart as Spring's own timestamp checks. */
	private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

	private final @Nullable String audience;

	private final @Nullable Duration maxAge;

	private final Clock clock;

	CallerTokenRules(SecurityProperties.Jwt settings, Clock clock) {
		this.audience = settings.audience();
		this.maxAge = settings.maxAge();
		this.clock = clock;
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt jwt) {
		List<OAuth2Error> errors = new ArrayList<>();
		if (jwt.getExpiresAt() == null) {
			errors.add(invalid("The token has no exp claim"));
		}
		if (this.audience != null && (jwt.getAudience() == null || !jwt.getAudience().contains(this.audience))) {
			errors.add(invalid("The token is not meant for this API (aud)"));
		}
		if (this.maxAge != null) {
			Instant issuedAt = jwt.getIssuedAt();
			Instant now = this.clock.instant();
			if (issuedAt == null) {
				errors.add(invalid("The token has no iat claim"));
			}
			else if (issuedAt.plus(this.maxAge).plus(CLOCK_SKEW).isBefore(now)) {
				errors.add(invalid("The token is older than the maximum token age"));
			}
			else if (issuedAt.minus(CLOCK_SKEW).isAfter(now)) {
				errors.add(invalid("The token's iat lies in the future"));
			}
		}
		return errors.isEmpty() ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(errors);
	}

	private static OAuth2Error invalid(String description) {
		return new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description,
				"https://tools.ietf.org/html/rfc6750#section-3.1");
	}

}
