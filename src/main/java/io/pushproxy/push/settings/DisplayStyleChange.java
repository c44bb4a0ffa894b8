package io.pushproxy.push.settings;

import io.pushproxy.push.DisplayStyle;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/**
 * The body of {@code PUT .../push/display-style}.
 *
 * @param displayStyle SUMMARY ("You have a new message") or DETAILED (sender and message)
 */
record DisplayStyleChange(@Schema(example = "DETAILED") @NotNull DisplayStyle displayStyle) {
}
