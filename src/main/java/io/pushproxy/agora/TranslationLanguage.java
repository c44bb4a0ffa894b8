package io.pushproxy.agora;

/** The body of {@code PUT .../notification/language}. */
record TranslationLanguage(String translationLanguage) {
}
