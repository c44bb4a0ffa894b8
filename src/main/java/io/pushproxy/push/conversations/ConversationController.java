package io.pushproxy.push.conversations;

import io.pushproxy.push.ApiDocs;
import io.pushproxy.push.Conversation;
import io.pushproxy.push.ConversationPushSettings;
import io.pushproxy.push.Preconditions;
import io.pushproxy.push.PushSettingsChange;
import io.pushproxy.push.Username;
import io.pushproxy.quota.ChargedPerItems;
import io.pushproxy.security.Caller;
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
 * A user's per-conversation push settings at {@code /v1/users/{user}/push/conversations}:
 * one conversation read or changed, or many read at once.
 */
@RestController
@Tag(name = ApiDocs.USER_TAG, description = ApiDocs.USER_TAG_DESCRIPTION)
@RequestMapping(path = "/v1/users/{user}/push/conversations", produces = MediaType.APPLICATION_JSON_VALUE)
class ConversationController {

	private final ConversationService conversations;

	private final ConversationBatchService batches;

	private final Preconditions preconditions;

	ConversationController(ConversationService conversations, ConversationBatchService batches,
			Preconditions preconditions) {
		this.conversations = conversations;
		this.batches = batches;
		this.preconditions = preconditions;
	}

	@Operation(operationId = "getConversationPushSettings", summary = "Get a conversation's push settings",
			description = "type is user (id: the peer's username, or me) or group (id: the group id). A conversation with oneself is the app level: 400.")
	@GetMapping("/{type}/{id}")
	ConversationPushSettings settings(@PathVariable @Username String user,
			@PathVariable @Pattern(regexp = "user|group", message = "must be user or group") String type,
			@PathVariable @Size(max = 64, message = "must be at most 64 characters") String id, Caller caller) {
		String username = caller.actFor(user);
		return this.conversations.settings(username, conversation(type, id, username, caller));
	}

	@Operation(operationId = "setConversationPushSettings", summary = "Change a conversation's push settings",
			description = "Any of mode and doNotDisturbFor; quiet hours exist only at app level (400 here).")
	@PutMapping(path = "/{type}/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	ConversationPushSettings change(@PathVariable @Username String user,
			@PathVariable @Pattern(regexp = "user|group", message = "must be user or group") String type,
			@PathVariable @Size(max = 64, message = "must be at most 64 characters") String id,
			@Valid @RequestBody PushSettingsChange change,
			@Parameter(description = ApiDocs.IF_MATCH) @RequestHeader(name = HttpHeaders.IF_MATCH,
					required = false) @Nullable String ifMatch,
			Caller caller) {
		String username = caller.actFor(user);
		Conversation conversation = conversation(type, id, username, caller);
		change.checkConversation();
		this.preconditions.ifMatch(ifMatch, () -> this.conversations.settings(username, conversation));
		return this.conversations.change(username, conversation, change);
	}

	@Operation(operationId = "getConversationsPushSettings", summary = "Get many conversations' push settings",
			description = "ids: 1-50 comma-separated user:{username} (user:me allowed) or group:{id}, all validated "
					+ "before any upstream call; duplicates collapse, the order asked is kept. At most 8 reads of "
					+ "Agora's GET notification/{chattype}/{id} are in flight per request. An item whose read "
					+ "failed carries error {status, type}; the others are answered all the same. Costs one "
					+ "caller-quota token per started 10 ids.")
	@GetMapping
	@ChargedPerItems(parameter = "ids", perToken = 10, maxTokens = ConversationBatch.MAX_IDS / 10)
	ConversationBatchAnswer batch(@PathVariable @Username String user,
			@Parameter(example = "user:bob,group:4711", required = true) @RequestParam(required = false) String ids,
			Caller caller) {
		String username = caller.actFor(user);
		return new ConversationBatchAnswer(
				this.batches.settings(username, ConversationBatch.parse(ids, username, caller)));
	}

	/** A peer named {@code me} is the caller itself. */
	private static Conversation conversation(String type, String id, String username, Caller caller) {
		String peer = ("user".equals(type) && Caller.ME.equals(id)) ? caller.actFor(Caller.ME) : id;
		return Conversation.of(type, peer, username);
	}

}
