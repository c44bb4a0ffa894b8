package io.pushproxy.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * A {@link HttpFirewall} that refuses every request whose path holds a percent-encoded
 * character, then applies Spring Security's {@link StrictHttpFirewall} (encoded dots and
 * slashes, {@code ..}, {@code ;}, CR/LF).
 * <p>
 * No valid path of this API needs an encoded character: usernames, group ids and template
 * names are ASCII letters, digits and {@code _ . -}. An encoded one means two things at
 * once: {@code /%761/users/...} is {@code /v1/users/...} to Tomcat, Spring Security and
 * MVC, which decode it, and something else to any code that reads the raw URI. Refusing
 * it before anything routes on the path removes that difference for every filter there is
 * and every one to come. The query string may still be encoded.
 */
final class PathFirewall implements HttpFirewall {

	private final StrictHttpFirewall strict = new StrictHttpFirewall();

	@Override
	public FirewalledRequest getFirewalledRequest(HttpServletRequest request) {
		if (request.getRequestURI().indexOf('%') >= 0) {
			throw new EncodedPathException();
		}
		return this.strict.getFirewalledRequest(request);
	}

	@Override
	public HttpServletResponse getFirewalledResponse(HttpServletResponse response) {
		return this.strict.getFirewalledResponse(response);
	}

	/** A path with a percent-encoded character. */
	static final class EncodedPathException extends RequestRejectedException {

		EncodedPathException() {
			super("The request path holds a percent-encoded character");
		}

	}

}
