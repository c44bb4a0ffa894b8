package io.pushproxy.agora.token;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer of {@code POST /token}. {@link #toString()} never shows the token. */
public record TokenAnswer(@JsonProperty("access_token") String accessToken,
		@JsonProperty("expires_in") Long expiresIn) {

	@Override
	public String toString() {
		return "TokenAnswer[expiresIn=" + this.expiresIn + "]";
	}

}
