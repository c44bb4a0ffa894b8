package io.pushproxy.push;

/** A user's push display name, as answered. */
record DisplayName(String username, String displayName) {
}
