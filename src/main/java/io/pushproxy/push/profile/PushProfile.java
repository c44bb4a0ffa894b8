package io.pushproxy.push.profile;

import java.util.List;

import io.pushproxy.push.DisplayStyle;
import io.pushproxy.push.PushSettings;
import io.pushproxy.push.SectionFailure;
import io.swagger.v3.oas.annotations.media.Schema;

import org.jspecify.annotations.Nullable;

/**
 * A user's whole push profile, for a settings screen in one call.
 *
 * @param username the user
 * @param displayName the push display name, null when never set or unavailable
 * @param displayStyle how pushes show messages, null when unavailable
 * @param settings app-level push settings, null when unavailable
 * @param language the preferred push language, null when unavailable
 * @param unavailable the sections whose upstream call failed, empty when none
 */
@Schema(example = "{\"username\":\"alice\",\"displayName\":\"Alice\",\"displayStyle\":\"DETAILED\","
		+ "\"settings\":{\"mode\":\"ALL\",\"quietHours\":{\"start\":\"21:30\",\"end\":\"08:00\",\"timeZone\":\"UTC\"},"
		+ "\"doNotDisturbUntil\":null},\"language\":\"en\",\"unavailable\":[]}")
record PushProfile(String username, @Nullable String displayName, @Nullable DisplayStyle displayStyle,
		@Nullable PushSettings settings, @Nullable String language, List<SectionFailure> unavailable) {

	static final String DISPLAY_NAME = "displayName";

	static final String DISPLAY_STYLE = "displayStyle";

	static final String SETTINGS = "settings";

	static final String LANGUAGE = "language";

}
