package io.pushproxy.agora.token;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/** The answer of {@code POST /token}. {@link #toString()} never shows the token. */
public record TokenAnswer(@JsonProperty("access_token") @Nullable String accessToken,
		@JsonProperty("expires_in") @Nullable Long expiresIn) {

	@Override
	public String toString() {
		return "TokenAnswer[expiresIn=" + this.expiresIn + "]";
	}

}
