/**
 * The OpenAPI document, set up in one place: its info, security scheme, the problem
 * answers and headers every call shares, and what it leaves out.
 * <p>
 * Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.pushproxy.apidocs;

import org.jspecify.annotations.NullMarked;
