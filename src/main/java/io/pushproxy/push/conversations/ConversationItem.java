package io.pushproxy.push.conversations;

import java.time.Instant;

import io.pushproxy.agora.ChatType;
import io.pushproxy.push.Conversation;
import io.pushproxy.push.PushMode;
import io.swagger.v3.oas.annotations.media.Schema;

import org.jspecify.annotations.Nullable;

/**
 * One conversation of a batch read: its settings, or why they could not be read.
 */
@Schema(implementation = ConversationItem.AsDocumented.class)
sealed interface ConversationItem {

	/** {@code user} or {@code group}, as asked. */
	static String type(Conversation conversation) {
		return (conversation.chatType() == ChatType.CHATGROUP) ? "group" : "user";
	}

	/**
	 * A conversation's push settings.
	 *
	 * @param type {@code user} or {@code group}
	 * @param id the peer's username or the group id
	 * @param mode which messages push; {@code DEFAULT} inherits the app level
	 * @param doNotDisturbUntil when do-not-disturb ends, null when it is off
	 */
	record Settings(String type, String id, PushMode mode,
			@Nullable Instant doNotDisturbUntil) implements ConversationItem {
	}

	/**
	 * A conversation whose read failed; the others are answered all the same.
	 *
	 * @param type {@code user} or {@code group}
	 * @param id the peer's username or the group id
	 * @param error the status and problem type a single read would have answered
	 */
	record Failed(String type, String id, Error error) implements ConversationItem {
	}

	/**
	 * An item as the API reference shows it: one shape, since a client reads either kind
	 * the same way (a generated client, Kotlin's in particular, handles one shape better
	 * than a {@code oneOf} that nothing but the presence of {@code error} tells apart).
	 *
	 * @param type {@code user} or {@code group}, as asked
	 * @param id the peer's username or the group id
	 * @param mode which messages push ({@code DEFAULT} inherits the app level); absent
	 * when the read failed
	 * @param doNotDisturbUntil when do-not-disturb ends, null when it is off; absent when
	 * the read failed
	 * @param error present only when the read failed: the status and problem type a
	 * single read would have answered
	 */
	@Schema(name = "ConversationItem")
	record AsDocumented(String type, String id, @Nullable PushMode mode, @Nullable Instant doNotDisturbUntil,
			@Nullable Error error) {
	}

	/**
	 * Why one item failed.
	 *
	 * @param status the status a single read would have answered
	 * @param type the problem type a single read would have answered
	 */
	@Schema(name = "ConversationItemError")
	record Error(int status, String type) {
	}

}
