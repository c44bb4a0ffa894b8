package io.pushproxy.push.profile;

import java.time.ZoneId;

import io.pushproxy.push.ApiDocs;
import io.pushproxy.push.Preconditions;
import io.pushproxy.push.QuietHoursZone;
import io.pushproxy.push.Username;
import io.pushproxy.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A user's whole push profile at {@code /v1/users/{user}/push}: what a settings screen
 * needs, read and changed in one call each.
 */
@RestController
@Tag(name = ApiDocs.USER_TAG, description = ApiDocs.USER_TAG_DESCRIPTION)
@RequestMapping(path = "/v1/users/{user}/push", produces = MediaType.APPLICATION_JSON_VALUE)
class PushProfileController {

	static final String MERGE_PATCH = "application/merge-patch+json";

	private final PushProfileService profiles;

	private final Preconditions preconditions;

	PushProfileController(PushProfileService profiles, Preconditions preconditions) {
		this.profiles = profiles;
		this.preconditions = preconditions;
	}

	@Operation(operationId = "getPushProfile", summary = "Get the whole push profile",
			description = "Display name and style, app-level settings and language in one call; Agora is asked "
					+ "GET /users/{username}, GET notification/user/{username} and GET notification/language "
					+ "in parallel. A section whose read failed is null and listed in unavailable; the answer "
					+ "is an error only when every read failed.")
	@GetMapping
	PushProfile profile(@PathVariable @Username String user, @Parameter(description = ApiDocs.TIME_ZONE,
			example = "Asia/Tokyo") @RequestParam(required = false) @Nullable String timeZone, Caller caller) {
		ZoneId zone = QuietHoursZone.parse("timeZone", timeZone);
		return this.profiles.profile(caller.actFor(user), zone);
	}

	@Operation(operationId = "patchPushProfile", summary = "Change any part of the push profile",
			description = "A JSON merge patch of displayName, displayStyle, settings (mode, quietHours, "
					+ "doNotDisturbFor) and language; at least one. Everything is validated before any upstream "
					+ "call; only the writes needed go out, in parallel (name and style together are one "
					+ "PUT /users/{username}). When some fail: the first failure's problem with applied "
					+ "(sections that took effect) and failed.")
	@PatchMapping(consumes = { MERGE_PATCH, MediaType.APPLICATION_JSON_VALUE })
	PushProfile change(@PathVariable @Username String user, @Valid @RequestBody PushProfileChange change,
			@Parameter(description = ApiDocs.TIME_ZONE,
					example = "Asia/Tokyo") @RequestParam(required = false) @Nullable String timeZone,
			@Parameter(description = ApiDocs.IF_MATCH) @RequestHeader(name = HttpHeaders.IF_MATCH,
					required = false) @Nullable String ifMatch,
			Caller caller) {
		String username = caller.actFor(user);
		ZoneId zone = QuietHoursZone.parse("timeZone", timeZone);
		change.check();
		this.preconditions.ifMatch(ifMatch, () -> this.profiles.profile(username, zone));
		return this.profiles.change(username, change, zone);
	}

}
