package io.pushproxy.push;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * App-level push settings, as answered.
 *
 * @param mode which messages push
 * @param quietHours daily quiet hours, null when unset
 * @param doNotDisturbUntil when do-not-disturb ends, null when it is off
 */
public record PushSettings(PushMode mode, @Nullable QuietHours quietHours, @Nullable Instant doNotDisturbUntil) {
}
