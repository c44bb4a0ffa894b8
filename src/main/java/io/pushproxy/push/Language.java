package io.pushproxy.push;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The preferred push language, as sent and answered: a language tag such as {@code en} or
 * {@code zh-Hans}, or empty for "push the original language".
 *
 * @param language a language tag (2-3 letters, then subtags; at most 35 characters), or
 * empty for the original language
 */
public record Language(
		@NotNull @Size(max = 35) @Pattern(regexp = Language.PATTERN, message = Language.MESSAGE) String language) {

	public static final String PATTERN = "|[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*";

	public static final String MESSAGE = "must be empty or a language tag such as en or zh-Hans";

}
