package io.pushproxy.push;

import io.pushproxy.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A user's whole push profile at {@code /v1/users/{user}/push}: what a settings screen
 * needs, read and changed in one call each.
 */
@RestController
@Tag(name = "User push settings", description = "{user} is a username or 'me'; without the admin scope only oneself")
@RequestMapping(path = "/v1/users/{user}/push", produces = MediaType.APPLICATION_JSON_VALUE)
class PushProfileController {

	static final String MERGE_PATCH = "application/merge-patch+json";

	private final PushProfileService profiles;

	PushProfileController(PushProfileService profiles) {
		this.profiles = profiles;
	}

	@Operation(operationId = "getPushProfile", summary = "Get the whole push profile",
			description = "Display name and style, app-level settings and language in one call; Agora is asked "
					+ "GET /users/{username}, GET notification/user/{username} and GET notification/language "
					+ "in parallel. A section whose read failed is null and listed in unavailable; the answer "
					+ "is an error only when every read failed.")
	@GetMapping
	PushProfile profile(@PathVariable @Username String user, Caller caller) {
		return this.profiles.profile(caller.actFor(user));
	}

	@Operation(operationId = "patchPushProfile", summary = "Change any part of the push profile",
			description = "A JSON merge patch of displayName, displayStyle, settings (mode, quietHours, "
					+ "doNotDisturbFor) and language; at least one. Everything is validated before any upstream "
					+ "call; only the writes needed go out, in parallel (name and style together are one "
					+ "PUT /users/{username}). When some fail: the first failure's problem with applied "
					+ "(sections that took effect) and failed.")
	@PatchMapping(consumes = { MERGE_PATCH, MediaType.APPLICATION_JSON_VALUE })
	PushProfile change(@PathVariable @Username String user, @Valid @RequestBody PushProfileChange change,
			Caller caller) {
		String username = caller.actFor(user);
		change.check();
		return this.profiles.change(username, change);
	}

}
