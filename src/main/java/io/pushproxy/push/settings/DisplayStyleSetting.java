package io.pushproxy.push.settings;

import io.pushproxy.push.DisplayStyle;

/**
 * A user's push display style, as answered.
 *
 * @param username the user whose style this is
 * @param displayStyle SUMMARY ("You have a new message") or DETAILED (sender and message)
 */
record DisplayStyleSetting(String username, DisplayStyle displayStyle) {
}
