package io.pushproxy.push.templates;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A push template, as answered; Agora may leave any field out.
 *
 * @param name the template's name, unique in the app
 * @param titlePattern the push title, with placeholders {0}, {1}, ...
 * @param contentPattern the push text, with placeholders {0}, {1}, ...
 * @param createdAt when the template was created
 * @param updatedAt when the template was last changed
 */
record Template(@Nullable String name, @Nullable String titlePattern, @Nullable String contentPattern,
		@Nullable Instant createdAt, @Nullable Instant updatedAt) {
}
