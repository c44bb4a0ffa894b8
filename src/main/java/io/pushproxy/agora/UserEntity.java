package io.pushproxy.agora;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A user entity as {@code PUT} and {@code GET /users/{username}} answer it, reduced to
 * what the proxy reads; {@code nickname} and {@code notification_display_style} are
 * absent until set.
 */
public record UserEntity(@Nullable String username, @Nullable String nickname,
		@JsonProperty("notification_display_style") @Nullable Integer notificationDisplayStyle) {
}
