/**
 * Per-conversation push settings: one conversation read or changed, or many read at once.
 * <p>
 * A feature package: it uses the values in {@code io.pushproxy.push} and never another
 * feature's classes. Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.pushproxy.push.conversations;

import org.jspecify.annotations.NullMarked;
