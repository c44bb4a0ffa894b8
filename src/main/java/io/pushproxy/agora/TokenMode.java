package io.pushproxy.agora;

import io.pushproxy.config.InvalidSettingException;
import org.jspecify.annotations.Nullable;

/** How the proxy obtains the Bearer token it sends to Agora. */
public enum TokenMode {

	/** Build an AccessToken2 ("007") app token locally and send it as is. */
	APP_TOKEN("app-token"),
	/**
	 * Build a 007 app token and trade it at {@code POST /token} (older Agora clusters).
	 */
	EXCHANGE("exchange"),
	/** Ask {@code POST /token} with a client id and secret (Easemob clusters). */
	CLIENT_CREDENTIALS("client-credentials");

	private final String value;

	TokenMode(String value) {
		this.value = value;
	}

	public String value() {
		return this.value;
	}

	static TokenMode parse(String property, @Nullable String text) {
		if (text == null || text.isBlank()) {
			return APP_TOKEN;
		}
		for (TokenMode mode : values()) {
			if (mode.value.equalsIgnoreCase(text.strip()) || mode.name().equalsIgnoreCase(text.strip())) {
				return mode;
			}
		}
		throw new InvalidSettingException(property, "must be one of app-token, exchange, client-credentials");
	}

}
