package io.pushproxy.security;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import io.pushproxy.web.InvalidRequestException;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The authenticated caller of a request: a mobile user (acting only for itself) or an
 * internal service with the admin scope (acting for anyone).
 *
 * @param username the caller's Agora username, null for a service token without one
 * @param admin whether the caller has the admin scope
 * @param name the username, else the token's subject: who the caller is, for its quota
 */
public record Caller(String username, boolean admin, String name) {

	/** A caller named by its username. */
	public Caller(String username, boolean admin) {
		this(username, admin, username);
	}

	/** The path segment that names the caller itself. */
	public static final String ME = "me";

	private static final Pattern USERNAME = Pattern.compile("(?!\\.{1,2}$)[A-Za-z0-9_.-]{1,64}");

	/**
	 * Whether a claim is an Agora username: 1 to 64 of ASCII {@code A-Z a-z 0-9 _ . -},
	 * not {@code .} or {@code ..}. Anything else could fold onto another user's name (the
	 * dotless {@code ı}, the Kelvin sign, the long {@code ſ}) or change an upstream path.
	 */
	static boolean isUsername(String claim) {
		return claim != null && USERNAME.matcher(claim).matches();
	}

	/**
	 * The caller of the current request, as its token was authenticated; empty when the
	 * request is not authenticated with a JWT.
	 */
	public static Optional<Caller> current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication instanceof CallerAuthentication token) ? Optional.of(token.caller()) : Optional.empty();
	}

	/**
	 * The key of this caller's quota: usernames are case-insensitive upstream, so
	 * {@code Alice} and {@code alice} share one; a service without a username is keyed by
	 * its token's subject.
	 */
	public String quotaKey() {
		return (this.username != null) ? this.username.toLowerCase(Locale.ROOT) : "service:" + this.name;
	}

	/**
	 * The user a request may act for, given the (already validated) {@code {user}} path
	 * segment: {@code me} is the caller; anyone else only for an admin or when it is the
	 * caller itself, compared ignoring ASCII case only, as Agora does (never Unicode case
	 * folding, under which {@code ılkay} would equal {@code ILKAY}).
	 * @throws AccessDeniedException when the caller may not act for that user
	 * @throws InvalidRequestException when an admin caller (a service) says {@code me}
	 */
	public String actFor(String user) {
		if (ME.equals(user) && this.admin) {
			throw new InvalidRequestException("user", "'me' names the caller's own user, and an admin caller is a "
					+ "service acting for users: name the user instead of 'me'");
		}
		if (ME.equals(user)) {
			if (!isUsername(this.username)) {
				throw new AccessDeniedException("The caller's token names no valid Agora username to use for 'me'");
			}
			return this.username;
		}
		if (this.admin || sameAsciiName(user, this.username)) {
			return user;
		}
		throw new AccessDeniedException("A caller may only read and change its own push settings");
	}

	private static boolean sameAsciiName(String user, String username) {
		return isUsername(user) && isUsername(username)
				&& user.toLowerCase(Locale.ROOT).equals(username.toLowerCase(Locale.ROOT));
	}

}
