package io.pushproxy.web;

import org.jspecify.annotations.Nullable;

/**
 * One entry of a validation problem's {@code errors}: which field, and what is wrong with
 * it.
 */
public record FieldProblem(@Nullable String field, String message) {
}
