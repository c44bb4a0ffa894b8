package io.pushproxy.agora;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The body of {@code POST /notification/template}. */
public record NewTemplate(String name, @JsonProperty("title_pattern") String titlePattern,
		@JsonProperty("content_pattern") String contentPattern) {
}
