package io.pushproxy.push.conversations;

import java.time.Clock;

import io.pushproxy.agora.AgoraChat;
import io.pushproxy.agora.AgoraOperation;
import io.pushproxy.push.Conversation;
import io.pushproxy.push.ConversationPushSettings;
import io.pushproxy.push.PushSettingsChange;
import io.pushproxy.push.QuietHoursZone;
import io.pushproxy.push.SettingsMapping;

import org.springframework.stereotype.Service;

/**
 * One conversation's push mode and do-not-disturb. Takes validated, authorized values
 * only.
 */
@Service
class ConversationService {

	private final AgoraChat agora;

	private final Clock clock;

	private final QuietHoursZone zone;

	ConversationService(AgoraChat agora, Clock clock, QuietHoursZone zone) {
		this.agora = agora;
		this.clock = clock;
		this.zone = zone;
	}

	ConversationPushSettings settings(String username, Conversation conversation) {
		return SettingsMapping.conversation(
				this.agora.notificationSetting(username, conversation.chatType(), conversation.key()),
				AgoraOperation.GET_PUSH_SETTINGS, this.clock.instant());
	}

	ConversationPushSettings change(String username, Conversation conversation, PushSettingsChange change) {
		return SettingsMapping.conversation(
				this.agora.changeNotificationSetting(username, conversation.chatType(), conversation.key(),
						SettingsMapping.toUpstream(change, this.zone)),
				AgoraOperation.SET_PUSH_SETTINGS, this.clock.instant());
	}

}
