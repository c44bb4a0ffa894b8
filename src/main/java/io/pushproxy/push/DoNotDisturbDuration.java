package io.pushproxy.push;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.time.format.DateTimeParseException;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import org.jspecify.annotations.Nullable;

/**
 * An ISO-8601 duration from {@code PT0S} to {@code P7D} in whole milliseconds (null is
 * left alone).
 */
@Documented
@Constraint(validatedBy = DoNotDisturbDuration.Validator.class)
@Target({ ElementType.PARAMETER, ElementType.FIELD })
@Retention(RetentionPolicy.RUNTIME)
public @interface DoNotDisturbDuration {

	String message() default "must be an ISO-8601 duration from PT0S to P7D in whole milliseconds";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** Checks {@link DoNotDisturbDuration}. */
	class Validator implements ConstraintValidator<DoNotDisturbDuration, String> {

		/** Parses a duration the way the validator accepts it; null when it does not. */
		public static @Nullable Duration parse(@Nullable String text) {
			if (text == null || text.length() > 64) {
				return null;
			}
			try {
				Duration duration = Duration.parse(text);
				boolean inRange = !duration.isNegative() && duration.compareTo(Duration.ofDays(7)) <= 0;
				return (inRange && duration.getNano() % 1_000_000 == 0) ? duration : null;
			}
			catch (DateTimeParseException ex) {
				return null;
			}
		}

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			return value == null || parse(value) != null;
		}

	}

}
