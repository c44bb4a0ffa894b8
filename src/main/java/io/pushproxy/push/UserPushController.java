package io.pushproxy.push;

import io.pushproxy.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A user's push settings at {@code /v1/users/{user}/push}. {@code {user}} is a username or
 * {@code me}; a caller without the admin scope may only name itself.
 */
@RestController
@RequestMapping(path = "/v1/users/{user}/push", produces = MediaType.APPLICATION_JSON_VALUE)
class UserPushController {

	private static final String JSON = MediaType.APPLICATION_JSON_VALUE;

	private final UserPushService push;

	UserPushController(UserPushService push) {
		this.push = push;
	}

	@PutMapping(path = "/display-name", consumes = JSON)
	DisplayName changeDisplayName(@PathVariable @Username String user, @Valid @RequestBody DisplayNameChange change,
			Caller caller) {
		return this.push.changeDisplayName(caller.actFor(user), change.displayName());
	}

	@PutMapping(path = "/display-style", consumes = JSON)
	DisplayStyleSetting changeDisplayStyle(@PathVariable @Username String user,
			@Valid @RequestBody DisplayStyleChange change, Caller caller) {
		return this.push.changeDisplayStyle(caller.actFor(user), change.displayStyle());
	}

	@GetMapping("/settings")
	PushSettings settings(@PathVariable @Username String user, Caller caller) {
		return this.push.settings(caller.actFor(user));
	}

	@PutMapping(path = "/settings", consumes = JSON)
	PushSettings changeSettings(@PathVariable @Username String user, @Valid @RequestBody PushSettingsChange change,
			Caller caller) {
		return this.push.changeSettings(caller.actFor(user), change);
	}

	@GetMapping("/conversations/{type}/{id}")
	ConversationPushSettings conversationSettings(@PathVariable @Username String user,
			@PathVariable @Pattern(regexp = "user|group", message = "must be user or group") String type,
			@PathVariable @Size(max = 64, message = "must be at most 64 characters") String id, Caller caller) {
		String username = caller.actFor(user);
		return this.push.conversationSettings(username, conversation(type, id, username, caller));
	}

	@PutMapping(path = "/conversations/{type}/{id}", consumes = JSON)
	ConversationPushSettings changeConversationSettings(@PathVariable @Username String user,
			@PathVariable @Pattern(regexp = "user|group", message = "must be user or group") String type,
			@PathVariable @Size(max = 64, message = "must be at most 64 characters") String id,
			@Valid @RequestBody PushSettingsChange change, Caller caller) {
		String username = caller.actFor(user);
		return this.push.changeConversationSettings(username, conversation(type, id, username, caller), change);
	}

	@GetMapping("/language")
	Language language(@PathVariable @Username String user, Caller caller) {
		return this.push.language(caller.actFor(user));
	}

	@PutMapping(path = "/language", consumes = JSON)
	Language changeLanguage(@PathVariable @Username String user, @Valid @RequestBody Language language,
			Caller caller) {
		return this.push.changeLanguage(caller.actFor(user), language);
	}

	/** A peer named {@code me} is the caller itself. */
	private static Conversation conversation(String type, String id, String username, Caller caller) {
		String peer = ("user".equals(type) && Caller.ME.equals(id)) ? caller.actFor(Caller.ME) : id;
		return Conversation.of(type, peer, username);
	}

}
