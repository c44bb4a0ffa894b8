package io.pushproxy.push;

import java.time.Duration;
import java.time.Instant;

import io.pushproxy.agora.AgoraOperation;
import io.pushproxy.agora.NotificationSetting;
import io.pushproxy.agora.NotificationSettingChange;
import io.pushproxy.agora.UpstreamFailure;

/** Maps push settings between the app-facing shape and Agora's notification settings. */
final class SettingsMapping {

	private SettingsMapping() {
	}

	/** Only what the caller sent; a null field is not sent upstream. */
	static NotificationSettingChange toUpstream(PushSettingsChange change) {
		String type = (change.getMode() != null) ? change.getMode().upstream() : null;
		String interval = null;
		if (change.quietHoursSent()) {
			interval = (change.getQuietHours() != null) ? change.getQuietHours().upstream() : "";
		}
		Duration dnd = (change.getDoNotDisturbFor() != null) ? change.doNotDisturbDuration() : null;
		return new NotificationSettingChange(type, interval, (dnd != null) ? dnd.toMillis() : null);
	}

	static PushSettings appLevel(NotificationSetting setting, AgoraOperation operation) {
		return new PushSettings(mode(setting, operation), QuietHours.fromUpstream(setting.ignoreInterval()),
				until(setting));
	}

	static ConversationPushSettings conversation(NotificationSetting setting, AgoraOperation operation) {
		return new ConversationPushSettings(mode(setting, operation), until(setting));
	}

	private static PushMode mode(NotificationSetting setting, AgoraOperation operation) {
		if (setting.type() == null) {
			return PushMode.DEFAULT;
		}
		PushMode mode = PushMode.fromUpstream(setting.type());
		if (mode == null) {
			throw new UpstreamFailure(UpstreamFailure.Kind.BAD_RESPONSE, operation,
					"Agora answered with an unknown push mode");
		}
		return mode;
	}

	/** Agora answers {@code ignoreDuration} as the absolute time DND ends, not as a length. */
	private static Instant until(NotificationSetting setting) {
		Long endsAt = setting.ignoreDuration();
		return (endsAt == null || endsAt <= 0) ? null : Instant.ofEpochMilli(endsAt);
	}

}
