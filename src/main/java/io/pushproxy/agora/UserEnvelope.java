package io.pushproxy.agora;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** The {@code entities} envelope of Agora's user calls. */
record UserEnvelope(@Nullable List<@Nullable UserEntity> entities) {
}
