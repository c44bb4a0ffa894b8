package io.pushproxy.push.profile;

import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.pushproxy.agora.AgoraChat;
import io.pushproxy.agora.AgoraOperation;
import io.pushproxy.agora.ChatType;
import io.pushproxy.agora.UpstreamFailure;
import io.pushproxy.agora.UserEntity;
import io.pushproxy.push.DisplayStyle;
import io.pushproxy.push.Outcome;
import io.pushproxy.push.ParallelCalls;
import io.pushproxy.push.ParallelCalls.Pending;
import io.pushproxy.push.PushSettings;
import io.pushproxy.push.QuietHoursZone;
import io.pushproxy.push.SectionFailure;
import io.pushproxy.push.SettingsMapping;
import io.pushproxy.web.PartialUpstreamFailure;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * A user's whole push profile: read with three upstream calls side by side (the user
 * entity, app-level settings, language), changed with only the writes a patch needs, also
 * side by side, the sections it does not touch read meanwhile. Takes validated,
 * authorized values only.
 */
@Service
class PushProfileService {

	private final AgoraChat agora;

	private final ParallelCalls calls;

	private final Clock clock;

	private final QuietHoursZone zone;

	PushProfileService(AgoraChat agora, ParallelCalls calls, Clock clock, QuietHoursZone zone) {
		this.agora = agora;
		this.calls = calls;
		this.clock = clock;
		this.zone = zone;
	}

	/**
	 * The profile; a section whose read failed is null and listed as unavailable.
	 * @throws UpstreamFailure the first one, when every read failed
	 */
	PushProfile profile(String username, @Nullable ZoneId timeZone) {
		long deadline = this.calls.deadline();
		Pending<UserEntity> user = readUser(username);
		Pending<PushSettings> settings = readSettings(username);
		Pending<String> language = readLanguage(username);
		Outcome<UserEntity> userOutcome = user.await(deadline);
		Outcome<PushSettings> settingsOutcome = settings.await(deadline);
		Outcome<String> languageOutcome = language.await(deadline);
		if (!userOutcome.succeeded() && !settingsOutcome.succeeded() && !languageOutcome.succeeded()) {
			throw userOutcome.failure();
		}
		return profile(username, userOutcome, inZone(settingsOutcome, timeZone), languageOutcome);
	}

	/**
	 * Sends the writes the change needs, in parallel, and answers the profile after them.
	 * @throws PartialUpstreamFailure when any write failed: the first failure, with what
	 * was {@code applied} and what {@code failed}
	 */
	PushProfile change(String username, PushProfileChange change, @Nullable ZoneId timeZone) {
		long deadline = this.calls.deadline();
		Pending<UserEntity> user = change.changesUser() ? this.calls.start(AgoraOperation.USER_ATTRIBUTES,
				() -> this.agora.updateUser(username, change.userAttributes())) : readUser(username);
		Pending<PushSettings> settings = change.changesSettings() ? this.calls.start(AgoraOperation.SET_PUSH_SETTINGS,
				() -> SettingsMapping.appLevel(
						this.agora.changeNotificationSetting(username, ChatType.USER, username,
								SettingsMapping.toUpstream(change.getSettings(), this.zone)),
						AgoraOperation.SET_PUSH_SETTINGS, this.clock.instant()))
				: readSettings(username);
		Pending<String> language = change.changesLanguage() ? this.calls.start(AgoraOperation.SET_LANGUAGE,
				() -> this.agora.changeLanguage(username, change.getLanguage())) : readLanguage(username);
		Outcome<UserEntity> userOutcome = user.await(deadline);
		Outcome<PushSettings> settingsOutcome = settings.await(deadline);
		Outcome<String> languageOutcome = language.await(deadline);

		List<String> applied = new ArrayList<>();
		List<SectionFailure> failed = new ArrayList<>();
		UpstreamFailure first = null;
		first = tally(change.userSections(), userOutcome, applied, failed, first);
		first = tally(change.changesSettings() ? List.of(PushProfile.SETTINGS) : List.of(), settingsOutcome, applied,
				failed, first);
		first = tally(change.changesLanguage() ? List.of(PushProfile.LANGUAGE) : List.of(), languageOutcome, applied,
				failed, first);
		if (first != null) {
			Map<String, Object> members = new LinkedHashMap<>();
			members.put("applied", applied);
			members.put("failed", failed);
			throw new PartialUpstreamFailure(first, members);
		}
		if (change.changesUser()) {
			userOutcome = Outcome.of(written(username, userOutcome.value(), change));
		}
		ZoneId answerZone = (timeZone == null && change.changesSettings()) ? change.getSettings().quietHoursZone()
				: timeZone;
		return profile(username, userOutcome, inZone(settingsOutcome, answerZone), languageOutcome);
	}

	private Outcome<PushSettings> inZone(Outcome<PushSettings> settings, ZoneId timeZone) {
		return settings.succeeded() ? Outcome.of(this.zone.answer(settings.value(), timeZone)) : settings;
	}

	private Pending<UserEntity> readUser(String username) {
		return this.calls.start(AgoraOperation.GET_USER, () -> this.agora.user(username));
	}

	private Pending<PushSettings> readSettings(String username) {
		return this.calls.start(AgoraOperation.GET_PUSH_SETTINGS,
				() -> SettingsMapping.appLevel(this.agora.notificationSetting(username, ChatType.USER, username),
						AgoraOperation.GET_PUSH_SETTINGS, this.clock.instant()));
	}

	private Pending<String> readLanguage(String username) {
		return this.calls.start(AgoraOperation.GET_LANGUAGE, () -> this.agora.language(username));
	}

	/** Counts a written section as applied or failed; answers the first failure. */
	private static UpstreamFailure tally(List<String> sections, Outcome<?> outcome, List<String> applied,
			List<SectionFailure> failed, UpstreamFailure first) {
		if (sections.isEmpty()) {
			return first;
		}
		if (outcome.succeeded()) {
			applied.addAll(sections);
			return first;
		}
		sections.forEach((section) -> failed.add(SectionFailure.of(section, outcome.failure())));
		return (first != null) ? first : outcome.failure();
	}

	/** What was written, where Agora's answer leaves a field out. */
	private static UserEntity written(String username, UserEntity answer, PushProfileChange change) {
		UserEntity entity = (answer != null) ? answer : new UserEntity(username, null, null);
		String nickname = (entity.nickname() != null) ? entity.nickname() : change.getDisplayName();
		Integer style = entity.notificationDisplayStyle();
		if (style == null && change.getDisplayStyle() != null) {
			style = change.getDisplayStyle().upstream();
		}
		return new UserEntity(entity.username(), nickname, style);
	}

	private static PushProfile profile(String username, Outcome<UserEntity> user, Outcome<PushSettings> settings,
			Outcome<String> language) {
		List<SectionFailure> unavailable = new ArrayList<>();
		String displayName = null;
		DisplayStyle displayStyle = null;
		if (user.succeeded()) {
			displayName = user.value().nickname();
			// Agora pushes the summary until a style is set.
			DisplayStyle style = DisplayStyle.fromUpstream(user.value().notificationDisplayStyle());
			displayStyle = (style != null) ? style : DisplayStyle.SUMMARY;
		}
		else {
			unavailable.add(SectionFailure.of(PushProfile.DISPLAY_NAME, user.failure()));
			unavailable.add(SectionFailure.of(PushProfile.DISPLAY_STYLE, user.failure()));
		}
		if (!settings.succeeded()) {
			unavailable.add(SectionFailure.of(PushProfile.SETTINGS, settings.failure()));
		}
		if (!language.succeeded()) {
			unavailable.add(SectionFailure.of(PushProfile.LANGUAGE, language.failure()));
		}
		return new PushProfile(username, displayName, displayStyle, settings.value(), language.value(),
				List.copyOf(unavailable));
	}

}
