package io.pushproxy.agora.token;

import java.time.Duration;
import java.time.Instant;

/**
 * A Bearer token for Agora and its lifetime. {@link #toString()} never shows the value.
 *
 * @param value the token itself: a secret
 * @param obtainedAt when the proxy obtained it
 * @param expiresAt when Agora stops accepting it
 */
public record IssuedToken(String value, Instant obtainedAt, Instant expiresAt) {

	/** Renew when about a fifth of the token's life is left. */
	Instant renewAt() {
		Duration life = Duration.between(this.obtainedAt, this.expiresAt);
		return this.obtainedAt.plus(life.multipliedBy(4).dividedBy(5));
	}

	boolean usableAt(Instant now) {
		return now.isBefore(this.expiresAt);
	}

	@Override
	public String toString() {
		return "IssuedToken[obtainedAt=" + this.obtainedAt + ", expiresAt=" + this.expiresAt + "]";
	}

}
