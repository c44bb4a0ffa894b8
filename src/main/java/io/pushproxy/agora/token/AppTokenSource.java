package io.pushproxy.agora.token;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * A {@link TokenSource} that builds the Chat app token (AccessToken2, "007") locally from
 * the App ID and App Certificate. "Now" is read at every issue, never cached.
 */
public class AppTokenSource implements TokenSource {

	private final String appId;

	private final String appCertificate;

	private final Duration ttl;

	private final Clock clock;

	private final RandomGenerator salts;

	public AppTokenSource(String appId, String appCertificate, Duration ttl, Clock clock) {
		this(appId, appCertificate, ttl, clock, new SecureRandom());
	}

	AppTokenSource(String appId, String appCertificate, Duration ttl, Clock clock, RandomGenerator salts) {
		this.appId = appId;
		this.appCertificate = appCertificate;
		this.ttl = ttl;
		this.clock = clock;
		this.salts = salts;
	}

	@Override
	public IssuedToken issue() {
		Instant now = this.clock.instant();
		long issueTs = now.getEpochSecond();
		int lifetime = (int) this.ttl.toSeconds();
		// Agora's own builders draw the salt from [1, 99999999].
		int salt = this.salts.nextInt(1, 100_000_000);
		String token = AccessToken2.chatAppToken(this.appId, this.appCertificate, issueTs, salt, lifetime);
		return new IssuedToken(token, now, Instant.ofEpochSecond(issueTs + lifetime));
	}

}
