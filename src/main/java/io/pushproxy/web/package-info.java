/**
 * What every HTTP answer shares: problem details, request ids, body and header limits,
 * the order of the servlet filters.
 * <p>
 * Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.pushproxy.web;

import org.jspecify.annotations.NullMarked;
