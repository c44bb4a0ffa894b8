package io.pushproxy.push;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * An Agora username (or {@code me}): 1 to 64 of {@code A-Z a-z 0-9 _ - .}, and not a bare
 * {@code .} or {@code ..}, which would change the upstream path.
 */
@Documented
@Constraint(validatedBy = {})
@NotNull
@Pattern(regexp = Username.PATTERN)
@ReportAsSingleViolation
@Target({ ElementType.PARAMETER, ElementType.FIELD })
@Retention(RetentionPolicy.RUNTIME)
public @interface Username {

	String PATTERN = "(?!\\.{1,2}$)[A-Za-z0-9_.-]{1,64}";

	String message() default "must be 'me' or 1-64 of A-Z a-z 0-9 _ - .";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
