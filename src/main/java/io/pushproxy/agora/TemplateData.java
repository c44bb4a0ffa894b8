package io.pushproxy.agora;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/** A push template as Agora answers it; times are Unix milliseconds. */
public record TemplateData(@Nullable String name, @Nullable Long createAt, @Nullable Long updateAt,
		@JsonProperty("title_pattern") @Nullable String titlePattern,
		@JsonProperty("content_pattern") @Nullable String contentPattern) {
}
