package io.pushproxy.agora;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The one table of Agora Chat's upstream operations: a row per call the proxy makes, with
 * what varies between them. Its {@link #key()} names the operation everywhere (its
 * circuit breaker, retry, metrics tags and log field); its {@link #budget()} names the
 * {@code agora.rate-limit.<budget>} setting and the rate limiter it spends from, which
 * operations that Agora limits together share. Adding an upstream call is a row here, a
 * method of {@link AgoraChatClient} and its mapping in {@link AgoraChat} (docs/design.md,
 * "Adding an upstream operation").
 */
public enum AgoraOperation {

	/** Reading a user: its own budget, apart from the PUT's. */
	GET_USER("GET /users/{username}", Budget.own(), Resend.ALLOWED, Cache.read()),
	/** Display name and display style: one budget, and one call when both change. */
	USER_ATTRIBUTES("PUT /users/{username}", Budget.own(), Resend.ALLOWED, Cache.merges(GET_USER)),
	GET_PUSH_SETTINGS("GET /users/{username}/notification/{chattype}/{key}", Budget.own(), Resend.ALLOWED,
			Cache.read()),
	SET_PUSH_SETTINGS("PUT /users/{username}/notification/{chattype}/{key}", Budget.own(), Resend.ALLOWED,
			Cache.stores(GET_PUSH_SETTINGS)),
	GET_LANGUAGE("GET /users/{username}/notification/language", Budget.own(), Resend.ALLOWED, Cache.read()),
	SET_LANGUAGE("PUT /users/{username}/notification/language", Budget.own(), Resend.ALLOWED,
			Cache.stores(GET_LANGUAGE)),
	GET_TEMPLATE("GET /notification/template/{name}", Budget.own(), Resend.ALLOWED, Cache.read()),
	/** A POST: not idempotent, so retried only when it surely never reached upstream. */
	CREATE_TEMPLATE("POST /notification/template", Budget.own(), Resend.IF_NEVER_SENT, Cache.stores(GET_TEMPLATE)),
	DELETE_TEMPLATE("DELETE /notification/template/{name}", Budget.own(), Resend.ALLOWED, Cache.evicts(GET_TEMPLATE));

	private final String key;

	private final String method;

	private final String path;

	private final String budget;

	private final int defaultPerSecond;

	private final boolean idempotent;

	private final Cache cache;

	AgoraOperation(String request, Budget budget, Resend resend, Cache cache) {
		this.key = name().toLowerCase(Locale.ROOT).replace('_', '-');
		this.method = request.substring(0, request.indexOf(' '));
		this.path = request.substring(request.indexOf(' ') + 1);
		this.budget = (budget.name() != null) ? budget.name() : this.key;
		this.defaultPerSecond = budget.perSecond();
		this.idempotent = resend == Resend.ALLOWED;
		this.cache = cache;
	}

	/** The operation's name: its circuit breaker, retry, metrics tag and log field. */
	public String key() {
		return this.key;
	}

	/** The HTTP method of its request. */
	public String method() {
		return this.method;
	}

	/** The path of its request, after {@code {base-url}/{org}/{app}}. */
	public String path() {
		return this.path;
	}

	/**
	 * The name of the budget it spends from: its setting
	 * {@code agora.rate-limit.<budget>} and its rate limiter; operations that Agora
	 * limits together share one.
	 */
	public String budget() {
		return this.budget;
	}

	/**
	 * The calls per second Agora allows its budget unless the operator says otherwise.
	 */
	public int defaultPerSecond() {
		return this.defaultPerSecond;
	}

	/** Whether a retry may send it again after it may have reached upstream. */
	public boolean idempotent() {
		return this.idempotent;
	}

	/** What it does with the read cache. */
	Cache cache() {
		return this.cache;
	}

	/**
	 * Each budget once, in the table's order, with its default calls per second: the
	 * {@code agora.rate-limit.<budget>} settings.
	 */
	public static Map<String, Integer> budgets() {
		Map<String, Integer> budgets = new LinkedHashMap<>();
		for (AgoraOperation operation : values()) {
			budgets.putIfAbsent(operation.budget(), operation.defaultPerSecond());
		}
		return budgets;
	}

	@Override
	public String toString() {
		return this.key;
	}

	/**
	 * A budget: its name (null for the operation's own key) and the calls per second
	 * Agora allows it by default.
	 */
	record Budget(@Nullable String name, int perSecond) {

		/** Agora's default: 100 calls a second per operation and App Key. */
		static final int AGORA_DEFAULT = 100;

		/** A budget of its own, named after the operation. */
		static Budget own() {
			return new Budget(null, AGORA_DEFAULT);
		}

		/** A budget that every operation naming it spends from together. */
		static Budget shared(String name) {
			return new Budget(name, AGORA_DEFAULT);
		}

	}

	/** Whether a retry may send the request again. */
	enum Resend {

		/** After any transient fault: the operation is idempotent. */
		ALLOWED,
		/** Only when it surely never left (a refused connection). */
		IF_NEVER_SENT

	}

	/**
	 * What an operation does with the read cache: a read whose answers are cached, or a
	 * write that, when it succeeds, stores its answer as a read's entry, merges it into
	 * that entry, or drops the entry. A write that fails drops the entry it would have
	 * changed, since it may still have taken effect.
	 *
	 * @param effect what it does
	 * @param entryOf the read whose entry a write changes (null for a read: its own)
	 */
	record Cache(Effect effect, @Nullable AgoraOperation entryOf) {

		static Cache none() {
			return new Cache(Effect.NONE, null);
		}

		static Cache read() {
			return new Cache(Effect.READ, null);
		}

		static Cache stores(AgoraOperation read) {
			return new Cache(Effect.STORE, read);
		}

		static Cache merges(AgoraOperation read) {
			return new Cache(Effect.MERGE, read);
		}

		static Cache evicts(AgoraOperation read) {
			return new Cache(Effect.EVICT, read);
		}

		enum Effect {

			NONE, READ, STORE, MERGE, EVICT

		}

	}

}
