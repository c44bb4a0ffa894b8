package io.pushproxy.agora;

import org.jspecify.annotations.Nullable;

/** The {@code data} envelope of Agora's notification and template calls. */
record DataEnvelope<T>(@Nullable T data) {
}
