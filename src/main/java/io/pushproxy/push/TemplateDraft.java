package io.pushproxy.push;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** The body of {@code POST /v1/push/templates}; patterns hold placeholders {0}, {1}, ... */
record TemplateDraft(@TemplateName String name,
		@NotNull @NotBlank @Text(max = 256, lineBreaks = true) String titlePattern,
		@NotNull @NotBlank @Text(max = 1024, lineBreaks = true) String contentPattern) {
}
