/**
 * The one link to Redis that the operation budgets, the caller quota and the read cache
 * share: one client, one connection, one state, one fallback rule.
 * <p>
 * Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.pushproxy.redis;

import org.jspecify.annotations.NullMarked;
