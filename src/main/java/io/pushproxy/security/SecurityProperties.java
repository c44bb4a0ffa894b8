package io.pushproxy.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.pushproxy.config.InvalidSettingException;
import io.pushproxy.config.Settings;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How callers are recognised ({@code proxy.security.*}).
 *
 * @param usernameClaim the JWT claim holding the caller's Agora username
 * @param adminScope the scope that marks an internal service allowed to act for anyone
 * @param jwt the HS256 secret, when tokens are not verified through a JWK set or issuer,
 * and the claims every token must carry
 */
@ConfigurationProperties("proxy.security")
public record SecurityProperties(String usernameClaim, String adminScope, Jwt jwt) {

	public SecurityProperties {
		usernameClaim = (usernameClaim == null || usernameClaim.isBlank()) ? "sub" : usernameClaim.strip();
		adminScope = (adminScope == null || adminScope.isBlank()) ? "push:admin" : adminScope.strip();
		jwt = (jwt != null) ? jwt : new Jwt(null, null, null, null);
	}

	/**
	 * @param secret the shared HS256 secret, at least 32 bytes
	 * @param issuer when set, the {@code iss} every HS256 token must carry
	 * @param audience when set, a value the {@code aud} of every token must contain, in
	 * both the HS256 and the JWK-set modes
	 * @param maxAge when set, how long after its {@code iat} a token is still accepted (a
	 * token without {@code iat} is then refused), in both modes
	 */
	public record Jwt(@Nullable String secret, @Nullable String issuer, @Nullable String audience,
			@Nullable Duration maxAge) {

		public Jwt {
			if (secret != null && secret.isBlank()) {
				secret = null;
			}
			if (secret != null && secret.getBytes(StandardCharsets.UTF_8).length < 32) {
				throw new InvalidSettingException("proxy.security.jwt.secret", "must be at least 32 bytes");
			}
			issuer = (issuer == null || issuer.isBlank()) ? null : issuer.strip();
			audience = (audience == null || audience.isBlank()) ? null : audience.strip();
			if (maxAge != null) {
				Settings.between("proxy.security.jwt.max-age", maxAge, maxAge, Duration.ofMinutes(1),
						Duration.ofDays(30));
			}
		}

		@Override
		public String toString() {
			return "Jwt[secret=" + ((this.secret != null) ? "(set)" : "(unset)") + ", issuer=" + this.issuer
					+ ", audience=" + this.audience + ", maxAge=" + this.maxAge + "]";
		}

	}

}
