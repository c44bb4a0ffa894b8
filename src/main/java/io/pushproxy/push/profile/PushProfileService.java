package io.pushproxy.push.profile;

import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.pushproxy.agora.AgoraChat;
import io.pushproxy.agora.AgoraOperation;
import io.pushproxy.agora.BulkheadLimits;
import io.pushproxy.agora.ChatType;
import io.pushproxy.agora.UpstreamFailure;
import io.pushproxy.agora.UserEntity;
import io.pushproxy.push.DisplayStyle;
import io.pushproxy.push.Outcome;
import io.pushproxy.push.ParallelCalls;
import io.pushproxy.push.PendingCall;
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
 * side by side, the sections it does not touch read meanwhile. The calls run on the
 * profiles' own {@link ParallelCalls.Pool}, apart from the batch reads'. Takes validated,
 * authorized values only.
 */
@Service
class PushProfileService {

	private final AgoraChat agora;

	private final ParallelCalls.Pool calls;

	private final Clock clock;

	private final QuietHoursZone zone;

	PushProfileService(AgoraChat agora, ParallelCalls calls, BulkheadLimits bulkheads, Clock clock,
			QuietHoursZone zone) {
		this.agora = agora;
		this.calls = calls.pool("profile", threads(bulkheads));
		this.clock = clock;
		this.zone = zone;
	}

	/**
	 * The profile; a section whose read failed is null and listed as unavailable.
	 * @throws UpstreamFailure the first one, when every read failed
	 */
	PushProfile profile(String username, @Nullable ZoneId timeZone) {
		long deadline = this.calls.deadline();
		PendingCall<UserEntity> user = readUser(username, deadline);
		PendingCall<PushSettings> settings = readSettings(username, deadline);
		PendingCall<String> language = readLanguage(username, deadline);
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
		PendingCall<UserEntity> user = change.changesUser() ? this.calls.start(AgoraOperation.USER_ATTRIBUTES, deadline,
				() -> this.agora.updateUser(username, change.userAttributes())) : readUser(username, deadline);
		PendingCall<PushSettings> settings = change.changesSettings()
				? this.calls.start(AgoraOperation.SET_PUSH_SETTINGS, deadline,
						() -> SettingsMapping.appLevel(
								this.agora.changeNotificationSetting(username, ChatType.USER, username,
										SettingsMapping.toUpstream(change.getSettings(), this.zone)),
								AgoraOperation.SET_PUSH_SETTINGS, this.clock.instant()))
				: readSettings(username, deadline);
		PendingCall<String> language = change.changesLanguage()
				? this.calls.start(AgoraOperation.SET_LANGUAGE, deadline,
						() -> this.agora.changeLanguage(username, change.getLanguage()))
				: readLanguage(username, deadline);
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

	/**
	 * As many threads as the bulkheads of the three reads let calls be in flight together
	 * (150 by default, started only when needed): calls of a slow operation are refused
	 * by its bulkhead before they could fill the pool and keep the other sections, or a
	 * cached profile, waiting for a thread.
	 */
	private static int threads(BulkheadLimits bulkheads) {
		return bulkheads.maxInFlight(AgoraOperation.GET_USER) + bulkheads.maxInFlight(AgoraOperation.GET_PUSH_SETTINGS)
				+ bulkheads.maxInFlight(AgoraOperation.GET_LANGUAGE);
	}

	private Outcome<PushSettings> inZone(Outcome<PushSettings> settings, ZoneId timeZone) {
		return settings.succeeded() ? Outcome.of(this.zone.answer(settings.value(), timeZone)) : settings;
	}

	private PendingCall<UserEntity> readUser(String username, long deadline) {
		return this.calls.start(AgoraOperation.GET_USER, deadline, () -> this.agora.user(username));
	}

	private PendingCall<PushSettings> readSettings(String username, long deadline) {
		return this.calls.start(AgoraOperation.GET_PUSH_SETTINGS, deadline,
				() -> SettingsMapping.appLevel(this.agora.notificationSetting(username, ChatType.USER, username),
						AgoraOperation.GET_PUSH_SETTINGS, this.clock.instant()));
	}

	private PendingCall<String> readLanguage(String username, long deadline) {
		return this.calls.start(AgoraOperation.GET_LANGUAGE, deadline, () -> this.agora.language(username));
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
