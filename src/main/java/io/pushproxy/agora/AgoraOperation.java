package io.pushproxy.agora;

/**
 * An upstream operation of Agora Chat's offline-push API. Its {@link #key()} names the
 * operation everywhere: the {@code agora.rate-limit.<key>} budget, the rate limiter,
 * metrics tags and log fields.
 */
public enum AgoraOperation {

	/** {@code PUT /users/{username}}: display name and display style share one budget. */
	USER_ATTRIBUTES("user-attributes", true),
	/** {@code GET /users/{username}}: its own budget, apart from the PUT's. */
	GET_USER("get-user", true), SET_PUSH_SETTINGS("set-push-settings", true),
	GET_PUSH_SETTINGS("get-push-settings", true), SET_LANGUAGE("set-language", true),
	GET_LANGUAGE("get-language", true),
	/** A POST: not idempotent, so retried only when it surely never reached upstream. */
	CREATE_TEMPLATE("create-template", false), GET_TEMPLATE("get-template", true),
	DELETE_TEMPLATE("delete-template", true);

	private final String key;

	private final boolean idempotent;

	AgoraOperation(String key, boolean idempotent) {
		this.key = key;
		this.idempotent = idempotent;
	}

	public String key() {
		return this.key;
	}

	public boolean idempotent() {
		return this.idempotent;
	}

	@Override
	public String toString() {
		return this.key;
	}

}
