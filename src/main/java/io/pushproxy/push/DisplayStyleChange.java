package io.pushproxy.push;

import jakarta.validation.constraints.NotNull;

/** The body of {@code PUT .../push/display-style}. */
record DisplayStyleChange(@NotNull DisplayStyle displayStyle) {
}
