package io.pushproxy.push;

/**
 * The parameter descriptions every feature's API reference shares, written once.
 */
public final class ApiDocs {

	/** The tag under which every per-user push operation is listed. */
	public static final String USER_TAG = "User push settings";

	public static final String USER_TAG_DESCRIPTION = "{user} is a username or 'me'; without the admin scope only oneself";

	public static final String TIME_ZONE = "IANA time zone to answer quiet hours in; default: the one they were sent in, "
			+ "else the zone Agora reads them in (agora.quiet-hours-zone)";

	public static final String IF_MATCH = "Change only if the current representation (what a GET of this URL answers) has "
			+ "this strong ETag, else 412 precondition-failed and nothing is written; * always matches";

	private ApiDocs() {
	}

}
