/**
 * The whole push profile: what a settings screen needs, read in one call and changed with
 * one merge patch.
 * <p>
 * A feature package: it uses the values in {@code io.pushproxy.push} and never another
 * feature's classes. Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.pushproxy.push.profile;

import org.jspecify.annotations.NullMarked;
