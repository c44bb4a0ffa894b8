/**
 * Agora Chat's REST API: the operations, the one gateway out, its settings and error
 * classification.
 * <p>
 * Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.pushproxy.agora;

import org.jspecify.annotations.NullMarked;
