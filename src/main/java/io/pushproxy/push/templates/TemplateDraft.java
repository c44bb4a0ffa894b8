package io.pushproxy.push.templates;

import io.pushproxy.push.TemplateName;
import io.pushproxy.push.Text;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * The body of {@code POST /v1/push/templates}; patterns hold placeholders {0}, {1}, ...
 *
 * @param name 1-64 of letters, digits, _ and -; unique in the app
 * @param titlePattern the push title: 1-256 characters, line breaks allowed
 * @param contentPattern the push text: 1-1024 characters, line breaks allowed
 */
record TemplateDraft(@Schema(example = "welcome") @TemplateName String name,
		@Schema(example = "Hello {0}") @NotNull @NotBlank @Text(max = 256, lineBreaks = true) String titlePattern,
		@Schema(example = "{0} says {1}") @NotNull @NotBlank @Text(max = 1024,
				lineBreaks = true) String contentPattern) {
}
