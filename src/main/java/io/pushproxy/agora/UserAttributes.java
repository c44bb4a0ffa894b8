package io.pushproxy.agora;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code PUT /users/{username}}: either field may be left out (null is never
 * sent).
 *
 * @param nickname the push display name
 * @param notificationDisplayStyle 0 (summary) or 1 (sender and message)
 */
public record UserAttributes(@Nullable String nickname,
		@JsonProperty("notification_display_style") @Nullable Integer notificationDisplayStyle) {

	public static UserAttributes nickname(String nickname) {
		return new UserAttributes(nickname, null);
	}

	public static UserAttributes displayStyle(int style) {
		return new UserAttributes(null, style);
	}

}
