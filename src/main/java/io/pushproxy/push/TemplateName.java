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

/** A push template name: 1 to 64 ASCII letters and digits. */
@Documented
@Constraint(validatedBy = {})
@NotNull
@Pattern(regexp = "[A-Za-z0-9]{1,64}")
@ReportAsSingleViolation
@Target({ ElementType.PARAMETER, ElementType.FIELD })
@Retention(RetentionPolicy.RUNTIME)
public @interface TemplateName {

	String message() default "must be 1-64 letters and digits";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
