package io.pushproxy.agora;

/** The preferred push language as Agora answers it. */
record Language(String language) {
}
