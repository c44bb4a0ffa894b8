package io.pushproxy.agora.token;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/** The body of {@code POST /token}; fields that are null are not sent. */
public record TokenGrant(@JsonProperty("grant_type") String grantType,
		@JsonProperty("client_id") @Nullable String clientId,
		@JsonProperty("client_secret") @Nullable String clientSecret, @Nullable Long ttl) {

	static TokenGrant agora() {
		return new TokenGrant("agora", null, null, null);
	}

	static TokenGrant clientCredentials(String clientId, String clientSecret, long ttlSeconds) {
		return new TokenGrant("client_credentials", clientId, clientSecret, ttlSeconds);
	}

	@Override
	public String toString() {
		return "TokenGrant[grantType=" + this.grantType + "]";
	}

}
