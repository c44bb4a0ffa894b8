package io.pushproxy.push.conversations;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The answer to a batch read of conversations' push settings.
 *
 * @param conversations one item per distinct conversation, in the order asked
 */
@Schema(example = "{\"conversations\":[{\"type\":\"user\",\"id\":\"bob\",\"mode\":\"NONE\",\"doNotDisturbUntil\":null},"
		+ "{\"type\":\"group\",\"id\":\"4711\",\"error\":{\"status\":504,\"type\":\"urn:agora-push-proxy:problem:upstream-timeout\"}}]}")
record ConversationBatchAnswer(List<ConversationItem> conversations) {
}
