package io.pushproxy.push;

import java.time.ZoneId;

import io.pushproxy.security.Caller;
import io.pushproxy.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

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
 * A user's push settings at {@code /v1/users/{user}/push}. {@code {user}} is a username
 * or {@code me}; a caller without the admin scope may only name itself.
 */
@RestController
@Tag(name = "User push settings", description = "{user} is a username or 'me'; without the admin scope only oneself")
@RequestMapping(path = "/v1/users/{user}/push", produces = MediaType.APPLICATION_JSON_VALUE)
class UserPushController {

	private static final String JSON = MediaType.APPLICATION_JSON_VALUE;

	static final String TIME_ZONE = "IANA time zone to answer quiet hours in; default: the one they were sent in, "
			+ "else the zone Agora reads them in (agora.quiet-hours-zone)";

	static final String IF_MATCH = "Change only if the current representation (what a GET of this URL answers) has "
			+ "this strong ETag, else 412 precondition-failed and nothing is written; * always matches";

	private final UserPushService push;

	private final Preconditions preconditions;

	UserPushController(UserPushService push, Preconditions preconditions) {
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
	PushSettings settings(@PathVariable @Username String user, @Parameter(description = TIME_ZONE,
			example = "Asia/Tokyo") @RequestParam(required = false) @Nullable String timeZone, Caller caller) {
		ZoneId zone = QuietHoursZone.parse("timeZone", timeZone);
		return this.push.settings(caller.actFor(user), zone);
	}

	@Operation(operationId = "setPushSettings", summary = "Change app-level push settings",
			description = "Any of mode, quietHours (null clears them) and doNotDisturbFor (PT0S ends DND, at most P7D); a field left out stays unchanged.")
	@PutMapping(path = "/settings", consumes = JSON)
	PushSettings changeSettings(@PathVariable @Username String user, @Valid @RequestBody PushSettingsChange change,
			@Parameter(description = TIME_ZONE,
					example = "Asia/Tokyo") @RequestParam(required = false) @Nullable String timeZone,
			@Parameter(description = IF_MATCH) @RequestHeader(name = HttpHeaders.IF_MATCH,
					required = false) @Nullable String ifMatch,
			Caller caller) {
		ZoneId zone = QuietHoursZone.parse("timeZone", timeZone);
		String username = caller.actFor(user);
		change.checkAppLevel();
		this.preconditions.ifMatch(ifMatch, () -> this.push.settings(username, zone));
		return this.push.changeSettings(username, change, zone);
	}

	@Operation(operationId = "getConversationPushSettings", summary = "Get a conversation's push settings",
			description = "type is user (id: the peer's username, or me) or group (id: the group id). A conversation with oneself is the app level: 400.")
	@GetMapping("/conversations/{type}/{id}")
	ConversationPushSettings conversationSettings(@PathVariable @Username String user,
			@PathVariable @Pattern(regexp = "user|group", message = "must be user or group") String type,
			@PathVariable @Size(max = 64, message = "must be at most 64 characters") String id, Caller caller) {
		String username = caller.actFor(user);
		return this.push.conversationSettings(username, conversation(type, id, username, caller));
	}

	@Operation(operationId = "setConversationPushSettings", summary = "Change a conversation's push settings",
			description = "Any of mode and doNotDisturbFor; quiet hours exist only at app level (400 here).")
	@PutMapping(path = "/conversations/{type}/{id}", consumes = JSON)
	ConversationPushSettings changeConversationSettings(@PathVariable @Username String user,
			@PathVariable @Pattern(regexp = "user|group", message = "must be user or group") String type,
			@PathVariable @Size(max = 64, message = "must be at most 64 characters") String id,
			@Valid @RequestBody PushSettingsChange change,
			@Parameter(description = IF_MATCH) @RequestHeader(name = HttpHeaders.IF_MATCH,
					required = false) @Nullable String ifMatch,
			Caller caller) {
		String username = caller.actFor(user);
		Conversation conversation = conversation(type, id, username, caller);
		change.checkConversation();
		this.preconditions.ifMatch(ifMatch, () -> this.push.conversationSettings(username, conversation));
		return this.push.changeConversationSettings(username, conversation, change);
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
			@Parameter(description = IF_MATCH) @RequestHeader(name = HttpHeaders.IF_MATCH,
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

	/** A peer named {@code me} is the caller itself. */
	private static Conversation conversation(String type, String id, String username, Caller caller) {
		String peer = ("user".equals(type) && Caller.ME.equals(id)) ? caller.actFor(Caller.ME) : id;
		return Conversation.of(type, peer, username);
	}

}
