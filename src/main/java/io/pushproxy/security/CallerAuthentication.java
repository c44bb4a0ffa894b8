package io.pushproxy.security;

import java.util.Collection;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * A verified JWT together with the {@link Caller} it stands for, worked out once when the
 * token is authenticated; everything later in the request (the quota, the controllers'
 * {@code Caller} argument, the error detail policy) reads this one.
 */
final class CallerAuthentication extends JwtAuthenticationToken {

	private static final long serialVersionUID = 1L;

	private final Caller caller;

	CallerAuthentication(Jwt jwt, Collection<? extends GrantedAuthority> authorities, String name, Caller caller) {
		super(jwt, authorities, name);
		this.caller = caller;
	}

	Caller caller() {
		return this.caller;
	}

}
