package io.pushproxy.push;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * Text counted in Unicode code points (not UTF-16 units), without control characters
 * (line breaks and tabs allowed only where {@link #lineBreaks()} says) and without
 * unpaired surrogates, which cannot be sent upstream as UTF-8. Null is left to
 * {@code @NotNull}.
 */
@Documented
@Constraint(validatedBy = TextValidator.class)
@Target({ ElementType.PARAMETER, ElementType.FIELD })
@Retention(RetentionPolicy.RUNTIME)
public @interface Text {

	int min() default 1;

	int max();

	boolean lineBreaks() default false;

	String message() default "must be {min}-{max} characters without control characters";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
