package io.pushproxy.push.settings;

import java.time.Clock;
import java.time.ZoneId;

import io.pushproxy.agora.AgoraChat;
import io.pushproxy.agora.AgoraOperation;
import io.pushproxy.agora.ChatType;
import io.pushproxy.agora.UserAttributes;
import io.pushproxy.agora.UserEntity;
import io.pushproxy.push.DisplayStyle;
import io.pushproxy.push.Language;
import io.pushproxy.push.PushSettings;
import io.pushproxy.push.PushSettingsChange;
import io.pushproxy.push.QuietHoursZone;
import io.pushproxy.push.SettingsMapping;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * A user's push settings: display name and style, push mode and do-not-disturb at app and
 * app level, and preferred language. Takes validated, authorized values only.
 */
@Service
class UserSettingsService {

	private final AgoraChat agora;

	private final Clock clock;

	private final QuietHoursZone zone;

	UserSettingsService(AgoraChat agora, Clock clock, QuietHoursZone zone) {
		this.agora = agora;
		this.clock = clock;
		this.zone = zone;
	}

	DisplayName changeDisplayName(String username, String displayName) {
		UserEntity user = this.agora.updateUser(username, UserAttributes.nickname(displayName));
		return new DisplayName(orElse(user.username(), username), orElse(user.nickname(), displayName));
	}

	DisplayStyleSetting changeDisplayStyle(String username, DisplayStyle style) {
		UserEntity user = this.agora.updateUser(username, UserAttributes.displayStyle(style.upstream()));
		DisplayStyle answered = DisplayStyle.fromUpstream(user.notificationDisplayStyle());
		return new DisplayStyleSetting(orElse(user.username(), username), orElse(answered, style));
	}

	/** The app-level settings, quiet hours in that zone (Agora's when null). */
	PushSettings settings(String username, @Nullable ZoneId timeZone) {
		return this.zone
			.answer(SettingsMapping.appLevel(this.agora.notificationSetting(username, ChatType.USER, username),
					AgoraOperation.GET_PUSH_SETTINGS, this.clock.instant()), timeZone);
	}

	/**
	 * Changes the app-level settings, {@link PushSettingsChange#checkAppLevel() checked};
	 * the answer's quiet hours are in that zone, else in the one they were sent in, else
	 * in Agora's.
	 */
	PushSettings changeSettings(String username, PushSettingsChange change, @Nullable ZoneId timeZone) {
		@Nullable ZoneId answerZone = (timeZone != null) ? timeZone : change.quietHoursZone();
		return this.zone.answer(SettingsMapping.appLevel(
				this.agora.changeNotificationSetting(username, ChatType.USER, username,
						SettingsMapping.toUpstream(change, this.zone)),
				AgoraOperation.SET_PUSH_SETTINGS, this.clock.instant()), answerZone);
	}

	Language language(String username) {
		return new Language(this.agora.language(username));
	}

	Language changeLanguage(String username, Language language) {
		return new Language(this.agora.changeLanguage(username, language.language()));
	}

	private static <T> T orElse(@Nullable T value, T fallback) {
		return (value != null) ? value : fallback;
	}

}
