package io.pushproxy.agora.token;

/**
 * The proxy could not obtain a Bearer token for Agora. The message is safe to log: it never
 * holds a token, a certificate or a client secret.
 */
public class TokenUnavailableException extends RuntimeException {

	public TokenUnavailableException(String message) {
		super(message, null, false, false);
	}

}
