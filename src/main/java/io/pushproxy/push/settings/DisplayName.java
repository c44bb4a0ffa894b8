package io.pushproxy.push.settings;

import org.jspecify.annotations.Nullable;

/** A user's push display name, as answered. */
record DisplayName(String username, @Nullable String displayName) {
}
