package io.pushproxy.push;

import java.time.Instant;

/** A push template, as answered. */
record Template(String name, String titlePattern, String contentPattern, Instant createdAt, Instant updatedAt) {
}
