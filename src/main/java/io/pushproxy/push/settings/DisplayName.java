package io.pushproxy.push.settings;

import org.jspecify.annotations.Nullable;

/**
 * A user's push display name, as answered.
 *
 * @param username the user whose name this is
 * @param displayName the nickname shown in push notifications; null when Agora answers
 * none
 */
record DisplayName(String username, @Nullable String displayName) {
}
