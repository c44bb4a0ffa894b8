/**
 * Push templates, shared by the whole app: created, read and deleted by an admin.
 * <p>
 * A feature package: it uses the values in {@code io.pushproxy.push} and never another
 * feature's classes. Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.pushproxy.push.templates;

import org.jspecify.annotations.NullMarked;
