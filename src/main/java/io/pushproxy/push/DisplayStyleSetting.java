package io.pushproxy.push;

/** A user's push display style, as answered. */
record DisplayStyleSetting(String username, DisplayStyle displayStyle) {
}
