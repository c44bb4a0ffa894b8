package io.pushproxy.security;

import java.util.Collection;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

/**
 * Turns a verified JWT into an authentication: its {@code scope} or {@code scp} claim
 * become {@code SCOPE_} authorities, and a token that is neither an admin's nor names a
 * user is refused (there is nothing it could be allowed to do), as is one whose username
 * claim is not an ASCII Agora username (it could fold onto another user's name).
 */
class CallerAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

	private final JwtGrantedAuthoritiesConverter scopes = new JwtGrantedAuthoritiesConverter();

	private final SecurityProperties properties;

	CallerAuthenticationConverter(SecurityProperties properties) {
		this.properties = properties;
	}

	@Override
	public AbstractAuthenticationToken convert(Jwt jwt) {
		Collection<GrantedAuthority> authorities = this.scopes.convert(jwt);
		String username = jwt.getClaimAsString(this.properties.usernameClaim());
		boolean admin = authorities.stream().anyMatch((a) -> adminAuthority(this.properties).equals(a.getAuthority()));
		if ((username == null || username.isBlank()) && !admin) {
			throw new InvalidBearerTokenException("The token has no '" + this.properties.usernameClaim() + "' claim");
		}
		if (username != null && !Caller.isUsername(username)) {
			throw new InvalidBearerTokenException(
					"The token's '" + this.properties.usernameClaim() + "' claim is not an Agora username");
		}
		String name = (username != null) ? username : (jwt.getSubject() != null) ? jwt.getSubject() : "service";
		return new CallerAuthentication(jwt, authorities, name, new Caller(username, admin, name));
	}

	static String adminAuthority(SecurityProperties properties) {
		return "SCOPE_" + properties.adminScope();
	}

}
