/**
 * The Agora offline-push proxy: its application class.
 * <p>
 * Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.pushproxy;

import org.jspecify.annotations.NullMarked;
