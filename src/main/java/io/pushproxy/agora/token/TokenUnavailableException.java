package io.pushproxy.agora.token;

/**
 * The proxy could not obtain a Bearer token for Agora. The message is safe to log: it
 * never holds a token, a certificate or a client secret.
 */
public class TokenUnavailableException extends RuntimeException {

	private final boolean timedOut;

	public TokenUnavailableException(String message) {
		this(message, false);
	}

	private TokenUnavailableException(String message, boolean timedOut) {
		super(message, null, false, false);
		this.timedOut = timedOut;
	}

	/**
	 * The token endpoint did not answer in time, or the renewal outlasted the request's
	 * deadline.
	 */
	static TokenUnavailableException timedOut(String message) {
		return new TokenUnavailableException(message, true);
	}

	/**
	 * Whether the token endpoint, or the wait for it, ran out of time (rather than
	 * failed).
	 */
	public boolean timedOut() {
		return this.timedOut;
	}

	/**
	 * The same failure, remembered and answered again without asking the token endpoint.
	 */
	TokenUnavailableException remembered(long backoffSeconds) {
		return new TokenUnavailableException(getMessage() + " (remembered for up to " + backoffSeconds + " s)",
				this.timedOut);
	}

}
