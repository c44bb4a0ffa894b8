package io.pushproxy.push.settings;

import io.pushproxy.push.Text;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/**
 * The body of {@code PUT .../push/display-name}.
 *
 * @param displayName the nickname shown in push notifications: 1-100 characters, no
 * control characters
 */
record DisplayNameChange(@Schema(example = "Alice") @NotNull @Text(max = 100) String displayName) {
}
