package io.pushproxy.push;

import java.util.List;

/**
 * The answer to a batch read of conversations' push settings.
 *
 * @param conversations one item per distinct conversation, in the order asked
 */
record ConversationBatchAnswer(List<ConversationItem> conversations) {
}
