package io.pushproxy.agora;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A user entity as {@code PUT /users/{username}} answers it, reduced to what the proxy reads. */
public record UserEntity(String username, String nickname,
		@JsonProperty("notification_display_style") Integer notificationDisplayStyle) {
}
