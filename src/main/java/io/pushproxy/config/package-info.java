/**
 * Checks and helpers shared by the settings records, and the Redis client both Redis
 * stores use.
 * <p>
 * Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.pushproxy.config;

import org.jspecify.annotations.NullMarked;
