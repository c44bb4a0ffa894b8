package io.pushproxy.agora.token;

/** A way of obtaining a fresh Agora Bearer token; one per {@code agora.token-mode}. */
public interface TokenSource {

	/**
	 * Obtains a new token.
	 * @throws TokenUnavailableException when no token can be had
	 */
	IssuedToken issue();

}
