/**
 * A user's app-level push settings: display name and style, push mode, quiet hours,
 * do-not-disturb and language.
 * <p>
 * A feature package: it uses the values in {@code io.pushproxy.push} and never another
 * feature's classes. Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.pushproxy.push.settings;

import org.jspecify.annotations.NullMarked;
