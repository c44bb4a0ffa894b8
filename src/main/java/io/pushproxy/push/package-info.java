/**
 * The app-facing push API: controllers, services and the values they validate.
 * <p>
 * Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.pushproxy.push;

import org.jspecify.annotations.NullMarked;
