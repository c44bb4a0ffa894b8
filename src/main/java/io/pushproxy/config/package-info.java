/**
 * Checks and helpers shared by the settings records (the one Redis link is in
 * {@code io.pushproxy.redis}).
 * <p>
 * Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.pushproxy.config;

import org.jspecify.annotations.NullMarked;
