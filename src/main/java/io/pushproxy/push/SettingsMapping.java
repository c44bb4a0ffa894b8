package io.pushproxy.push;

import java.time.Duration;
import java.time.Instant;

import io.pushproxy.agora.AgoraOperation;
import io.pushproxy.agora.NotificationSetting;
import io.pushproxy.agora.NotificationSettingChange;
import io.pushproxy.agora.UpstreamFailure;
import org.jspecify.annotations.Nullable;

/** Maps push settings between the app-facing shape and Agora's notification settings. */
public final class SettingsMapping {

	private SettingsMapping() {
	}

	/**
	 * Only what the caller sent; a null field is not sent upstream. Quiet hours go in the
	 * zone Agora reads them in.
	 */
	public static NotificationSettingChange toUpstream(PushSettingsChange change, QuietHoursZone zone) {
		String type = (change.getMode() != null) ? change.getMode().upstream() : null;
		String interval = null;
		QuietHours hours = zone.toUpstream(change.getQuietHours());
		if (change.quietHoursSent()) {
			interval = (hours != null) ? hours.upstream() : "";
		}
		Duration dnd = (change.getDoNotDisturbFor() != null) ? change.doNotDisturbDuration() : null;
		return new NotificationSettingChange(type, interval, (dnd != null) ? dnd.toMillis() : null);
	}

	/**
	 * App-level settings. {@code DEFAULT} means "inherit the app level", which the app
	 * level itself cannot do: Agora answers it when the mode was never set, and pushes
	 * everything then, so it reads as {@code ALL}.
	 */
	public static PushSettings appLevel(NotificationSetting setting, AgoraOperation operation, Instant now) {
		PushMode mode = mode(setting, operation);
		return new PushSettings((mode == PushMode.DEFAULT) ? PushMode.ALL : mode,
				QuietHours.fromUpstream(setting.ignoreInterval()), until(setting, now));
	}

	public static ConversationPushSettings conversation(NotificationSetting setting, AgoraOperation operation,
			Instant now) {
		return new ConversationPushSettings(mode(setting, operation), until(setting, now));
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

	/**
	 * Agora answers {@code ignoreDuration} as the absolute time DND ends, not as a
	 * length, and keeps answering it after that time: an end in the past (or now) is no
	 * DND.
	 */
	private static @Nullable Instant until(NotificationSetting setting, Instant now) {
		Long endsAt = setting.ignoreDuration();
		if (endsAt == null || endsAt <= 0) {
			return null;
		}
		Instant until = Instant.ofEpochMilli(endsAt);
		return until.isAfter(now) ? until : null;
	}

}
