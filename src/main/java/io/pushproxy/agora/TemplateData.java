package io.pushproxy.agora;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A push template as Agora answers it; times are Unix milliseconds. */
public record TemplateData(String name, Long createAt, Long updateAt,
		@JsonProperty("title_pattern") String titlePattern, @JsonProperty("content_pattern") String contentPattern) {
}
