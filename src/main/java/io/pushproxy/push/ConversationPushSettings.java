package io.pushproxy.push;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Push settings of one conversation, as answered (quiet hours exist only at app level).
 *
 * @param mode which messages push; {@code DEFAULT} inherits the app level
 * @param doNotDisturbUntil when do-not-disturb ends, null when it is off
 */
public record ConversationPushSettings(PushMode mode, @Nullable Instant doNotDisturbUntil) {
}
