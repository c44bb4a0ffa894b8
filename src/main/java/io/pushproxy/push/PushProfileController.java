package io.pushproxy.push;

import java.time.ZoneId;

import io.pushproxy.quota.ChargedPerItems;
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
@Tag(name = "User push settings", description = "{user} is a username or 'me'; without the admin scope only oneself")
@RequestMapping(path = "/v1/users/{user}/push", produces = MediaType.APPLICATION_JSON_VALUE)
class PushProfileController {

	static final String MERGE_PATCH = "application/merge-patch+json";

	private final PushProfileService profiles;

	private final ConversationBatchService batches;

	private final Preconditions preconditions;

	PushProfileController(PushProfileService profiles, ConversationBatchService batches, Preconditions preconditions) {
		this.profiles = profiles;
		this.batches = batches;
		this.preconditions = preconditions;
	}

	@Operation(operationId = "getPushProfile", summary = "Get the whole push profile",
			description = "Display name and style, app-level settings and language in one call; Agora is asked "
					+ "GET /users/{username}, GET notification/user/{username} and GET notification/language "
					+ "in parallel. A section whose read failed is null and listed in unavailable; the answer "
					+ "is an error only when every read failed.")
	@GetMapping
	PushProfile profile(@PathVariable @Username String user, @Parameter(description = UserPushController.TIME_ZONE,
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
			@Parameter(description = UserPushController.TIME_ZONE,
					example = "Asia/Tokyo") @RequestParam(required = false) @Nullable String timeZone,
			@Parameter(description = UserPushController.IF_MATCH) @RequestHeader(name = HttpHeaders.IF_MATCH,
					required = false) @Nullable String ifMatch,
			Caller caller) {
		String username = caller.actFor(user);
		ZoneId zone = QuietHoursZone.parse("timeZone", timeZone);
		change.check();
		this.preconditions.ifMatch(ifMatch, () -> this.profiles.profile(username, zone));
		return this.profiles.change(username, change, zone);
	}

	@Operation(operationId = "getConversationsPushSettings", summary = "Get many conversations' push settings",
			description = "ids: 1-50 comma-separated user:{username} (user:me allowed) or group:{id}, all validated "
					+ "before any upstream call; duplicates collapse, the order asked is kept. At most 8 reads of "
					+ "Agora's GET notification/{chattype}/{id} are in flight per request. An item whose read "
					+ "failed carries error {status, type}; the others are answered all the same. Costs one "
					+ "caller-quota token per started 10 ids.")
	@GetMapping("/conversations")
	@ChargedPerItems(parameter = "ids", perToken = 10, maxTokens = ConversationBatch.MAX_IDS / 10)
	ConversationBatchAnswer conversations(@PathVariable @Username String user,
			@Parameter(example = "user:bob,group:4711") @RequestParam(required = false) String ids, Caller caller) {
		String username = caller.actFor(user);
		return new ConversationBatchAnswer(
				this.batches.settings(username, ConversationBatch.parse(ids, username, caller)));
	}

}
