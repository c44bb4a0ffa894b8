package io.pushproxy.agora;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A user entity as {@code PUT} and {@code GET /users/{username}} answer it, reduced to
 * what the proxy reads; {@code nickname} and {@code notification_display_style} are
 * absent until set.
 */
public record UserEntity(String username, String nickname,
		@JsonProperty("notification_display_style") Integer notificationDisplayStyle) {
}
