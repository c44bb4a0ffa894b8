/**
 * Caller authentication (JWT) and authorisation.
 * <p>
 * Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.pushproxy.security;

import org.jspecify.annotations.NullMarked;
