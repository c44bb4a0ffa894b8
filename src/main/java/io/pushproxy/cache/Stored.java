package io.pushproxy.cache;

/**
 * A cached upstream answer and when Agora gave it (epoch milliseconds): an entry is fresh
 * for the TTL after that moment, wherever it is kept.
 */
record Stored<T>(T value, long storedAt) {
}
