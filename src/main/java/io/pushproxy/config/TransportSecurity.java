package io.pushproxy.config;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * A start-up check that every upstream the proxy sends secrets to or takes keys from is
 * reached over https: Agora (the app token or client secret travel with every call) and
 * the identity provider's JWK set and issuer (keys fetched over plain http could be
 * swapped for an attacker's). Plain http is for local tests and the sandbox only, with
 * {@code proxy.allow-insecure-http=true}.
 */
@Component
class TransportSecurity {

	static final String ALLOW_INSECURE_HTTP = "proxy.allow-insecure-http";

	private static final List<String> UPSTREAMS = List.of("agora.base-url",
			"spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
			"spring.security.oauth2.resourceserver.jwt.issuer-uri");

	TransportSecurity(Environment environment) {
		if (environment.getProperty(ALLOW_INSECURE_HTTP, Boolean.class, false)) {
			return;
		}
		for (String property : UPSTREAMS) {
			String value = environment.getProperty(property);
			if (value != null && !value.isBlank() && !isHttps(value)) {
				throw new InvalidSettingException(property, "must be an https URL unless " + ALLOW_INSECURE_HTTP + " ("
						+ InvalidSettingException.environmentName(ALLOW_INSECURE_HTTP) + ") is true");
			}
		}
	}

	private static boolean isHttps(String value) {
		try {
			String scheme = URI.create(value.strip()).getScheme();
			return scheme != null && "https".equals(scheme.toLowerCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			// Not a URL at all: the setting's own check names the problem.
			return true;
		}
	}

}
