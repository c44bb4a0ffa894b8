package io.pushproxy.push;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonSetter;
import io.pushproxy.web.FieldProblem;
import io.pushproxy.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code PUT .../push/settings} and {@code PUT .../push/conversations/...}. A
 * field left out stays unchanged upstream, so this class tells "absent" from "null": an
 * explicit {@code "quietHours": null} clears quiet hours.
 */
public class PushSettingsChange {

	@Schema(description = "Which messages push: ALL, MENTIONS or NONE; DEFAULT (conversations only) inherits the app level")
	private @Nullable PushMode mode;

	private boolean modeSent;

	@Schema(nullable = true, description = "Daily quiet hours at app level; null clears them")
	@Valid
	private @Nullable QuietHours quietHours;

	private boolean quietHoursSent;

	@Schema(example = "PT1H", description = "ISO-8601 duration from PT0S (ends do-not-disturb) to P7D")
	@DoNotDisturbDuration
	private @Nullable String doNotDisturbFor;

	private boolean doNotDisturbForSent;

	@Nullable PushMode getMode() {
		return this.mode;
	}

	@JsonSetter("mode")
	void setMode(@Nullable PushMode mode) {
		this.mode = mode;
		this.modeSent = true;
	}

	@Nullable QuietHours getQuietHours() {
		return this.quietHours;
	}

	@JsonSetter("quietHours")
	void setQuietHours(@Nullable QuietHours quietHours) {
		this.quietHours = quietHours;
		this.quietHoursSent = true;
	}

	/** The zone the caller sent quiet hours in, or null; only call once checked. */
	public java.time.@Nullable ZoneId quietHoursZone() {
		return (this.quietHours != null) ? QuietHoursZone.parse("quietHours.timeZone", this.quietHours.timeZone())
				: null;
	}

	boolean quietHoursSent() {
		return this.quietHoursSent;
	}

	@Nullable String getDoNotDisturbFor() {
		return this.doNotDisturbFor;
	}

	@JsonSetter("doNotDisturbFor")
	void setDoNotDisturbFor(@Nullable String doNotDisturbFor) {
		this.doNotDisturbFor = doNotDisturbFor;
		this.doNotDisturbForSent = true;
	}

	/** The do-not-disturb duration; only call once validated. */
	@Nullable Duration doNotDisturbDuration() {
		return DoNotDisturbDuration.Validator.parse(this.doNotDisturbFor);
	}

	/**
	 * Checks an app-level change for what annotations cannot, every rule at once: the
	 * rules of every change, and no {@code DEFAULT} ("inherit the app level") at the app
	 * level itself.
	 * @throws InvalidRequestException naming every broken rule
	 */
	public void checkAppLevel() {
		List<FieldProblem> problems = problems();
		if (this.mode == PushMode.DEFAULT) {
			problems.add(new FieldProblem("mode",
					"DEFAULT means inheriting the app level and cannot be set at the app level: use ALL, MENTIONS or NONE"));
		}
		if (this.quietHours != null) {
			try {
				QuietHoursZone.parse("quietHours.timeZone", this.quietHours.timeZone());
			}
			catch (InvalidRequestException ex) {
				problems.addAll(ex.errors());
			}
			if (this.quietHours.start() != null && this.quietHours.start().equals(this.quietHours.end())) {
				problems.add(new FieldProblem("quietHours",
						"start must differ from end: Agora reads 00:00-00:00 as off and any other equal pair as all "
								+ "day; send quietHours: null to clear them, or mode: NONE to silence all day"));
			}
		}
		throwIfAny(problems);
	}

	/**
	 * Checks a conversation's change for what annotations cannot, every rule at once: the
	 * rules of every change, and no quiet hours, which exist only at app level.
	 * @throws InvalidRequestException naming every broken rule
	 */
	public void checkConversation() {
		List<FieldProblem> problems = problems();
		if (this.quietHoursSent) {
			problems.add(new FieldProblem("quietHours",
					"quiet hours exist only at app level: use /v1/users/{user}/push/settings"));
		}
		throwIfAny(problems);
	}

	/**
	 * The rules of every change: at least one field, and no explicit null but for
	 * {@code quietHours} (which clears them).
	 */
	private List<FieldProblem> problems() {
		List<FieldProblem> problems = new ArrayList<>();
		if (!this.modeSent && !this.quietHoursSent && !this.doNotDisturbForSent) {
			problems.add(new FieldProblem(null, "send at least one of mode, quietHours, doNotDisturbFor"));
		}
		if (this.modeSent && this.mode == null) {
			problems.add(new FieldProblem("mode", "must not be null"));
		}
		if (this.doNotDisturbForSent && this.doNotDisturbFor == null) {
			problems.add(new FieldProblem("doNotDisturbFor", "must not be null; PT0S ends do-not-disturb"));
		}
		return problems;
	}

	private static void throwIfAny(List<FieldProblem> problems) {
		if (!problems.isEmpty()) {
			throw new InvalidRequestException(problems);
		}
	}

}
