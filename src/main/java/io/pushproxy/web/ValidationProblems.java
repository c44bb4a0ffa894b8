package io.pushproxy.web;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.http.ProblemDetail;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.method.annotation.HandlerMethodValidationException;

/**
 * The {@code validation} problem: every broken rule of a request as a
 * {@link FieldProblem}, whether Bean Validation found it on a body, on a method
 * parameter, or the code did.
 */
final class ValidationProblems {

	private ValidationProblems() {
	}

	/** A 400 {@code validation} problem listing {@code errors}. */
	static ProblemDetail problem(List<FieldProblem> errors, @Nullable HttpServletRequest request) {
		String detail = (errors.size() == 1) ? describe(errors.get(0)) : errors.size() + " fields are invalid";
		return Problems.withErrors(Problems.of(ProblemType.VALIDATION, detail, request), errors);
	}

	/** The field and object errors of a validated body. */
	static List<FieldProblem> of(BindingResult result) {
		List<FieldProblem> errors = new ArrayList<>();
		result.getFieldErrors().forEach((error) -> errors.add(fieldProblem(error)));
		result.getGlobalErrors().forEach((error) -> errors.add(new FieldProblem(null, message(error))));
		return errors;
	}

	/** The errors of validated method parameters (path segments, query parameters). */
	static List<FieldProblem> of(HandlerMethodValidationException ex) {
		List<FieldProblem> errors = new ArrayList<>();
		ex.getParameterValidationResults().forEach((result) -> {
			if (result instanceof ParameterErrors parameterErrors) {
				parameterErrors.getFieldErrors().forEach((error) -> errors.add(fieldProblem(error)));
			}
			else {
				String name = result.getMethodParameter().getParameterName();
				result.getResolvableErrors().forEach((error) -> errors.add(new FieldProblem(name, message(error))));
			}
		});
		return errors;
	}

	private static String describe(FieldProblem problem) {
		return (problem.field() != null) ? problem.field() + ": " + problem.message() : problem.message();
	}

	private static FieldProblem fieldProblem(FieldError error) {
		return new FieldProblem(error.getField(), message(error));
	}

	private static String message(MessageSourceResolvable error) {
		String message = error.getDefaultMessage();
		String[] codes = error.getCodes();
		return (message != null) ? message
				: (codes != null) ? new DefaultMessageSourceResolvable(codes).toString() : "is invalid";
	}

}
