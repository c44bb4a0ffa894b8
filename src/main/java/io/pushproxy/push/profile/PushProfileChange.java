package io.pushproxy.push.profile;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonSetter;
import io.pushproxy.agora.UserAttributes;
import io.pushproxy.push.DisplayStyle;
import io.pushproxy.push.Language;
import io.pushproxy.push.PushSettingsChange;
import io.pushproxy.push.Text;
import io.pushproxy.web.FieldProblem;
import io.pushproxy.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

/**
 * The body of {@code PATCH .../push} (a JSON merge patch): any of the profile's sections,
 * each validated as on its single call. A section left out stays unchanged upstream.
 */
@Schema(example = "{\"displayName\":\"Alice\",\"displayStyle\":\"DETAILED\","
		+ "\"settings\":{\"mode\":\"MENTIONS\",\"quietHours\":{\"start\":\"22:00\",\"end\":\"07:00\",\"timeZone\":\"Europe/Berlin\"}},"
		+ "\"language\":\"de\"}")
class PushProfileChange {

	@Schema(example = "Alice", description = "The nickname shown in push notifications")
	@Text(max = 100)
	private @Nullable String displayName;

	private boolean displayNameSent;

	@Schema(description = "SUMMARY (\"You have a new message\") or DETAILED (sender and message)")
	private @Nullable DisplayStyle displayStyle;

	private boolean displayStyleSent;

	@Schema(description = "The app-level settings to change, as PUT .../push/settings takes them")
	@Valid
	private @Nullable PushSettingsChange settings;

	private boolean settingsSent;

	@Schema(example = "en", description = "A language tag such as en or zh-Hans, or empty for the original language")
	@Size(max = 35)
	@Pattern(regexp = Language.PATTERN, message = Language.MESSAGE)
	private @Nullable String language;

	private boolean languageSent;

	@Nullable String getDisplayName() {
		return this.displayName;
	}

	@JsonSetter("displayName")
	void setDisplayName(@Nullable String displayName) {
		this.displayName = displayName;
		this.displayNameSent = true;
	}

	@Nullable DisplayStyle getDisplayStyle() {
		return this.displayStyle;
	}

	@JsonSetter("displayStyle")
	void setDisplayStyle(@Nullable DisplayStyle displayStyle) {
		this.displayStyle = displayStyle;
		this.displayStyleSent = true;
	}

	@Nullable PushSettingsChange getSettings() {
		return this.settings;
	}

	@JsonSetter("settings")
	void setSettings(@Nullable PushSettingsChange settings) {
		this.settings = settings;
		this.settingsSent = true;
	}

	@Nullable String getLanguage() {
		return this.language;
	}

	@JsonSetter("language")
	void setLanguage(@Nullable String language) {
		this.language = language;
		this.languageSent = true;
	}

	boolean changesUser() {
		return this.displayNameSent || this.displayStyleSent;
	}

	boolean changesSettings() {
		return this.settingsSent;
	}

	boolean changesLanguage() {
		return this.languageSent;
	}

	/** The one {@code PUT /users/{u}} body for the name and the style together. */
	UserAttributes userAttributes() {
		return new UserAttributes(this.displayName, (this.displayStyle != null) ? this.displayStyle.upstream() : null);
	}

	/** The sections of the user entity this change writes, in profile order. */
	List<String> userSections() {
		List<String> sections = new ArrayList<>();
		if (this.displayNameSent) {
			sections.add(PushProfile.DISPLAY_NAME);
		}
		if (this.displayStyleSent) {
			sections.add(PushProfile.DISPLAY_STYLE);
		}
		return sections;
	}

	/**
	 * Checks what annotations cannot: at least one section, no explicit null (a merge
	 * patch's null would mean "remove", which none of these sections can be), and the
	 * settings' own rules at app level.
	 * @throws InvalidRequestException naming every broken rule
	 */
	void check() {
		if (!this.displayNameSent && !this.displayStyleSent && !this.settingsSent && !this.languageSent) {
			throw new InvalidRequestException(null,
					"send at least one of displayName, displayStyle, settings, language");
		}
		List<FieldProblem> problems = new ArrayList<>();
		notNull(problems, this.displayNameSent, this.displayName, PushProfile.DISPLAY_NAME);
		notNull(problems, this.displayStyleSent, this.displayStyle, PushProfile.DISPLAY_STYLE);
		notNull(problems, this.settingsSent, this.settings, PushProfile.SETTINGS);
		notNull(problems, this.languageSent, this.language, PushProfile.LANGUAGE);
		if (this.settings != null) {
			try {
				this.settings.checkAppLevel();
			}
			catch (InvalidRequestException ex) {
				ex.errors()
					.forEach((problem) -> problems
						.add(new FieldProblem((problem.field() != null) ? "settings." + problem.field() : "settings",
								problem.message())));
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidRequestException(problems);
		}
	}

	private static void notNull(List<FieldProblem> problems, boolean sent, @Nullable Object value, String field) {
		if (sent && value == null) {
			problems.add(new FieldProblem(field, "must not be null"));
		}
	}

}
