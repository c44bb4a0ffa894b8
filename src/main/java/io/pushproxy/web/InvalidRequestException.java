package io.pushproxy.web;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A request that breaks a rule no annotation expresses; answered 400 with its field
 * problems.
 */
public class InvalidRequestException extends RuntimeException {

	private final List<FieldProblem> errors;

	public InvalidRequestException(@Nullable String field, String message) {
		super(message, null, false, false);
		this.errors = List.of(new FieldProblem(field, message));
	}

	public InvalidRequestException(List<FieldProblem> errors) {
		super(errors.isEmpty() ? "invalid" : errors.get(0).message(), null, false, false);
		this.errors = List.copyOf(errors);
	}

	public List<FieldProblem> errors() {
		return this.errors;
	}

}
