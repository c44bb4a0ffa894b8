package io.pushproxy.push;

import java.time.Clock;
import java.time.ZoneId;

import io.pushproxy.agora.AgoraChat;
import io.pushproxy.agora.AgoraOperation;
import io.pushproxy.agora.ChatType;
import io.pushproxy.agora.UserAttributes;
import io.pushproxy.agora.UserEntity;

import org.springframework.stereotype.Service;

/**
 * A user's push settings: display name and style, push mode and do-not-disturb at app and
 * conversation level, and preferred language. Takes validated, authorized values only.
 */
@Service
class UserPushService {

	private final AgoraChat agora;

	private final Clock clock;

	private final QuietHoursZone zone;

	UserPushService(AgoraChat agora, Clock clock, QuietHoursZone zone) {
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
	PushSettings settings(String username, ZoneId timeZone) {
		return this.zone
			.answer(SettingsMapping.appLevel(this.agora.notificationSetting(username, ChatType.USER, username),
					AgoraOperation.GET_PUSH_SETTINGS, this.clock.instant()), timeZone);
	}

	/**
	 * Changes the app-level settings, {@link PushSettingsChange#checkAppLevel() checked};
	 * the answer's quiet hours are in that zone, else in the one they were sent in, else
	 * in Agora's.
	 */
	PushSettings changeSettings(String username, PushSettingsChange change, ZoneId timeZone) {
		ZoneId answerZone = (timeZone != null) ? timeZone : change.quietHoursZone();
		return this.zone.answer(SettingsMapping.appLevel(
				this.agora.changeNotificationSetting(username, ChatType.USER, username,
						SettingsMapping.toUpstream(change, this.zone)),
				AgoraOperation.SET_PUSH_SETTINGS, this.clock.instant()), answerZone);
	}

	ConversationPushSettings conversationSettings(String username, Conversation conversation) {
		return SettingsMapping.conversation(
				this.agora.notificationSetting(username, conversation.chatType(), conversation.key()),
				AgoraOperation.GET_PUSH_SETTINGS, this.clock.instant());
	}

	ConversationPushSettings changeConversationSettings(String username, Conversation conversation,
			PushSettingsChange change) {
		return SettingsMapping.conversation(
				this.agora.changeNotificationSetting(username, conversation.chatType(), conversation.key(),
						SettingsMapping.toUpstream(change, this.zone)),
				AgoraOperation.SET_PUSH_SETTINGS, this.clock.instant());
	}

	Language language(String username) {
		return new Language(this.agora.language(username));
	}

	Language changeLanguage(String username, Language language) {
		return new Language(this.agora.changeLanguage(username, language.language()));
	}

	private static <T> T orElse(T value, T fallback) {
		return (value != null) ? value : fallback;
	}

}
