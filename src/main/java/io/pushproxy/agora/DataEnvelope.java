package io.pushproxy.agora;

/** The {@code data} envelope of Agora's notification and template calls. */
record DataEnvelope<T>(T data) {
}
