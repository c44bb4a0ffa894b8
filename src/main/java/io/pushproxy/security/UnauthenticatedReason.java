package io.pushproxy.security;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;

/**
 * The {@code detail} of a 401: why the token was refused (expired, not yet valid, no
 * {@code exp}, another audience, a bad signature, a claim that is no username), the same
 * reason {@code WWW-Authenticate}'s {@code error_description} gives. It tells nothing the
 * token's holder could not read from the token itself.
 */
final class UnauthenticatedReason {

	static final String MISSING = "A bearer token is required: send Authorization: Bearer <JWT>";

	private UnauthenticatedReason() {
	}

	static String of(AuthenticationException ex) {
		if (ex instanceof OAuth2AuthenticationException oauth) {
			String description = oauth.getError().getDescription();
			if (description != null && !description.isBlank()) {
				return "The bearer token was refused: " + description;
			}
			return "The bearer token was refused";
		}
		return MISSING;
	}

}
