/**
 * The read cache in front of Agora's reads (local, or shared through Redis), and the
 * conditional requests built on it: ETags, {@code If-None-Match}, {@code If-Match} and
 * {@code Cache-Status}.
 * <p>
 * Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.pushproxy.cache;

import org.jspecify.annotations.NullMarked;
