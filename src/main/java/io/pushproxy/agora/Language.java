package io.pushproxy.agora;

import org.jspecify.annotations.Nullable;

/** The preferred push language as Agora answers it. */
record Language(@Nullable String language) {
}
