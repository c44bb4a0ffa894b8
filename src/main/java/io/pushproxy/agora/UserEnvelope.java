package io.pushproxy.agora;

import java.util.List;

/** The {@code entities} envelope of Agora's user calls. */
record UserEnvelope(List<UserEntity> entities) {
}
