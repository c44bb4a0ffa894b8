package io.pushproxy.push.settings;

import io.pushproxy.push.DisplayStyle;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/** The body of {@code PUT .../push/display-style}. */
record DisplayStyleChange(@Schema(example = "DETAILED") @NotNull DisplayStyle displayStyle) {
}
