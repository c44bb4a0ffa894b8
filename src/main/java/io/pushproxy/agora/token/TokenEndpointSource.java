package io.pushproxy.agora.token;

import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A {@link TokenSource} that asks Agora's {@code /token} endpoint: either trading a
 * locally built app token ({@code exchange}) or with a client id and secret
 * ({@code client-credentials}). Failures are reported without the answer's body.
 */
public final class TokenEndpointSource implements TokenSource {

	private final Supplier<TokenAnswer> request;

	private final Duration fallbackTtl;

	private final Clock clock;

	private TokenEndpointSource(Supplier<TokenAnswer> request, Duration fallbackTtl, Clock clock) {
		this.request = request;
		this.fallbackTtl = fallbackTtl;
		this.clock = clock;
	}

	/** Trades each token of {@code appTokens} for one of the endpoint's. */
	public static TokenEndpointSource exchange(TokenEndpoint client, TokenSource appTokens, Duration ttl, Clock clock) {
		return new TokenEndpointSource(() -> client.exchange("Bearer " + appTokens.issue().value(), TokenGrant.agora()),
				ttl, clock);
	}

	/** Asks the endpoint with a client id and secret. */
	public static TokenEndpointSource clientCredentials(TokenEndpoint client, String clientId, String clientSecret,
			Duration ttl, Clock clock) {
		TokenGrant grant = TokenGrant.clientCredentials(clientId, clientSecret, ttl.toSeconds());
		return new TokenEndpointSource(() -> client.clientCredentials(grant), ttl, clock);
	}

	@Override
	public IssuedToken issue() {
		Instant now = this.clock.instant();
		TokenAnswer answer;
		try {
			answer = this.request.get();
		}
		catch (RuntimeException ex) {
			if (ex.getCause() instanceof SocketTimeoutException || ex.getCause() instanceof InterruptedIOException) {
				throw TokenUnavailableException.timedOut("Agora's token endpoint did not answer in time");
			}
			throw new TokenUnavailableException("Agora's token endpoint failed: " + ex.getClass().getSimpleName());
		}
		if (answer == null || answer.accessToken() == null || answer.accessToken().isBlank()) {
			throw new TokenUnavailableException("Agora's token endpoint answered without an access_token");
		}
		Duration life = (answer.expiresIn() != null && answer.expiresIn() > 0) ? Duration.ofSeconds(answer.expiresIn())
				: this.fallbackTtl;
		return new IssuedToken(answer.accessToken(), now, now.plus(life));
	}

}
