package io.pushproxy.push.settings;

import io.pushproxy.push.DisplayStyle;

/** A user's push display style, as answered. */
record DisplayStyleSetting(String username, DisplayStyle displayStyle) {
}
