package io.pushproxy.push;

import jakarta.validation.constraints.NotNull;

/** The body of {@code PUT .../push/display-name}. */
record DisplayNameChange(@NotNull @Text(max = 100) String displayName) {
}
