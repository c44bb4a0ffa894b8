/**
 * Per-caller token buckets, local or shared through Redis.
 * <p>
 * Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.pushproxy.quota;

import org.jspecify.annotations.NullMarked;
