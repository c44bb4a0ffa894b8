/**
 * The Bearer tokens sent to Agora: built locally or obtained from its token endpoint, and
 * cached.
 * <p>
 * Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.pushproxy.agora.token;

import org.jspecify.annotations.NullMarked;
