package io.pushproxy.security;

import java.util.regex.Pattern;

import org.springframework.security.access.AccessDeniedException;

/**
 * The authenticated caller of a request: a mobile user (acting only for itself) or an
 * internal service with the admin scope (acting for anyone).
 *
 * @param username the caller's Agora username, null for a service token without one
 * @param admin whether the caller has the admin scope
 */
public record Caller(String username, boolean admin) {

	/** The path segment that names the caller itself. */
	public static final String ME = "me";

	private static final Pattern USERNAME = Pattern.compile("(?!\\.{1,2}$)[A-Za-z0-9_.-]{1,64}");

	/**
	 * The user a request may act for, given the (already validated) {@code {user}} path
	 * segment: {@code me} is the caller; anyone else only for an admin or when it is the
	 * caller itself, compared case-insensitively as Agora does.
	 * @throws AccessDeniedException when the caller may not act for that user
	 */
	public String actFor(String user) {
		if (ME.equals(user)) {
			if (this.username == null || !USERNAME.matcher(this.username).matches()) {
				throw new AccessDeniedException("The caller's token names no valid Agora username to use for 'me'");
			}
			return this.username;
		}
		if (this.admin || user.equalsIgnoreCase(this.username)) {
			return user;
		}
		throw new AccessDeniedException("A caller may only read and change its own push settings");
	}

}
