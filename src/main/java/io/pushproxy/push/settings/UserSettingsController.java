package io.pushproxy.push.settings;

import java.time.ZoneId;

import io.pushproxy.push.ApiDocs;
import io.pushproxy.push.Language;
import io.pushproxy.push.Preconditions;
import io.pushproxy.push.PushSettings;
import io.pushproxy.push.PushSettingsChange;
import io.pushproxy.push.QuietHoursZone;
import io.pushproxy.push.Username;
import io.pushproxy.security.Caller;
import io.pushproxy.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A user's app-level push settings at {@code /v1/users/{user}/push}: display name and
 * style, push mode, quiet hours and do-not-disturb, and language. {@code {user}} is a
 * username or {@code me}; a caller without the admin scope may only name itself.
 */
@RestController
@Tag(name = ApiDocs.USER_TAG, description = ApiDocs.USER_TAG_DESCRIPTION)
@RequestMapping(path = "/v1/users/{user}/push", produces = MediaType.APPLICATION_JSON_VALUE)
class UserSettingsController {

	private static final String JSON = MediaType.APPLICATION_JSON_VALUE;

	private final UserSettingsService push;

	private final Preconditions preconditions;

	UserSettingsController(UserSettingsService push, Preconditions preconditions) {
		this.push = push;
		this.preconditions = preconditions;
	}

	@Operation(operationId = "setDisplayName", summary = "Set the push display name",
			description = "The nickname shown in push notifications: 1-100 characters, no control characters. Agora: PUT /users/{username} {\"nickname\"}.")
	@PutMapping(path = "/display-name", consumes = JSON)
	DisplayName changeDisplayName(@PathVariable @Username String user, @Valid @RequestBody DisplayNameChange change,
			@Parameter(hidden = true) @RequestHeader(name = HttpHeaders.IF_MATCH,
					required = false) @Nullable String ifMatch,
			Caller caller) {
		String username = caller.actFor(user);
		noIfMatch(ifMatch, "displayName");
		return this.push.changeDisplayName(username, change.displayName());
	}

	@Operation(operationId = "setDisplayStyle", summary = "Set the push display style",
			description = "SUMMARY (\"You have a new message\") or DETAILED (sender and message). Agora: PUT /users/{username} {\"notification_display_style\"}.")
	@PutMapping(path = "/display-style", consumes = JSON)
	DisplayStyleSetting changeDisplayStyle(@PathVariable @Username String user,
			@Valid @RequestBody DisplayStyleChange change,
			@Parameter(hidden = true) @RequestHeader(name = HttpHeaders.IF_MATCH,
					required = false) @Nullable String ifMatch,
			Caller caller) {
		String username = caller.actFor(user);
		noIfMatch(ifMatch, "displayStyle");
		return this.push.changeDisplayStyle(username, change.displayStyle());
	}

	@Operation(operationId = "getPushSettings", summary = "Get app-level push settings",
			description = "Push mode, quiet hours and when do-not-disturb ends.")
	@GetMapping("/settings")
	PushSettings settings(@PathVariable @Username String user, @Parameter(description = ApiDocs.TIME_ZONE,
			example = "Asia/Tokyo") @RequestParam(required = false) @Nullable String timeZone, Caller caller) {
		ZoneId zone = QuietHoursZone.parse("timeZone", timeZone);
		return this.push.settings(caller.actFor(user), zone);
	}

	@Operation(operationId = "setPushSettings", summary = "Change app-level push settings",
			description = "Any of mode, quietHours (null clears them) and doNotDisturbFor (PT0S ends DND, at most P7D); a field left out stays unchanged.")
	@PutMapping(path = "/settings", consumes = JSON)
	PushSettings changeSettings(@PathVariable @Username String user, @Valid @RequestBody PushSettingsChange change,
			@Parameter(description = ApiDocs.TIME_ZONE,
					example = "Asia/Tokyo") @RequestParam(required = false) @Nullable String timeZone,
			@Parameter(description = ApiDocs.IF_MATCH) @RequestHeader(name = HttpHeaders.IF_MATCH,
					required = false) @Nullable String ifMatch,
			Caller caller) {
		ZoneId zone = QuietHoursZone.parse("timeZone", timeZone);
		String username = caller.actFor(user);
		change.checkAppLevel();
		this.preconditions.ifMatch(ifMatch, () -> this.push.settings(username, zone));
		return this.push.changeSettings(username, change, zone);
	}

	@Operation(operationId = "getPushLanguage", summary = "Get the preferred push language",
			description = "A language tag such as en or zh-Hans; empty means the original language.")
	@GetMapping("/language")
	Language language(@PathVariable @Username String user, Caller caller) {
		return this.push.language(caller.actFor(user));
	}

	@Operation(operationId = "setPushLanguage", summary = "Set the preferred push language",
			description = "Empty, or a language tag of 2-3 letters then subtags, at most 35 characters. Agora: {\"translationLanguage\"}.")
	@PutMapping(path = "/language", consumes = JSON)
	Language changeLanguage(@PathVariable @Username String user, @Valid @RequestBody Language language,
			@Parameter(description = ApiDocs.IF_MATCH) @RequestHeader(name = HttpHeaders.IF_MATCH,
					required = false) @Nullable String ifMatch,
			Caller caller) {
		String username = caller.actFor(user);
		this.preconditions.ifMatch(ifMatch, () -> this.push.language(username));
		return this.push.changeLanguage(username, language);
	}

	/**
	 * The display name and style have no representation of their own to compare: a
	 * conditional change of either is a {@code PATCH} of the profile with the profile's
	 * {@code ETag}, and {@code If-Match} here is refused rather than ignored.
	 */
	private static void noIfMatch(@Nullable String ifMatch, String member) {
		if (ifMatch != null) {
			throw new InvalidRequestException(HttpHeaders.IF_MATCH, "not taken here: change " + member
					+ " conditionally with PATCH /v1/users/{user}/push and If-Match holding the profile's ETag");
		}
	}

}
