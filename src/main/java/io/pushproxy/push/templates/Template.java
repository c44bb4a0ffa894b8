package io.pushproxy.push.templates;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A push template, as answered. */
record Template(@Nullable String name, @Nullable String titlePattern, @Nullable String contentPattern,
		@Nullable Instant createdAt, @Nullable Instant updatedAt) {
}
