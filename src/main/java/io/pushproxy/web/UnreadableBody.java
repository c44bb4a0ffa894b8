package io.pushproxy.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * The problem for a request body Spring MVC could not read: too large, too slow, an
 * unknown field, a value of the wrong type or shape (each naming its field, such as
 * {@code settings.quietHours.start}), or no JSON at all.
 */
final class UnreadableBody {

	private UnreadableBody() {
	}

	static ProblemDetail problem(HttpMessageNotReadableException ex, @Nullable HttpServletRequest request) {
		if (causedBy(ex, BodyTooLargeException.class)) {
			return Problems.of(ProblemType.PAYLOAD_TOO_LARGE, "The request body must be at most 16 KiB", request);
		}
		if (causedBy(ex, BodyReadTimeoutException.class)) {
			return Problems.of(ProblemType.BODY_TIMEOUT,
					"The request body did not fully arrive within the body read timeout", request);
		}
		Throwable cause = ex.getMostSpecificCause();
		if (cause instanceof UnrecognizedPropertyException unknown) {
			return invalid(path(unknown), "unknown field", request);
		}
		if (cause instanceof IllegalArgumentException && ex.getCause() instanceof ValueInstantiationException bad) {
			Class<?> target = (bad.getType() != null) ? bad.getType().getRawClass() : null;
			String message = (target != null && target.isEnum()) ? "must be one of " + constants(target) : "is invalid";
			return invalid(path(bad), message, request);
		}
		if (cause instanceof InvalidFormatException || cause instanceof MismatchedInputException) {
			MismatchedInputException mismatch = (MismatchedInputException) cause;
			String field = path(mismatch);
			if (!field.isEmpty()) {
				return invalid(field, wrongValue(mismatch), request);
			}
			return Problems.of(ProblemType.MALFORMED_BODY, "The request body must be a JSON object", request);
		}
		String detail = (cause instanceof JacksonException syntax) ? "The request body is not valid JSON" + at(syntax)
				: "The request body is missing or unreadable";
		return Problems.of(ProblemType.MALFORMED_BODY, detail, request);
	}

	/** Where the parser stopped, as an editor counts: line and column from 1. */
	private static String at(JacksonException syntax) {
		TokenStreamLocation location = syntax.getLocation();
		if (location == null || location.getLineNr() < 1) {
			return "";
		}
		return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
	}

	private static ProblemDetail invalid(String field, String message, @Nullable HttpServletRequest request) {
		return ValidationProblems.problem(List.of(new FieldProblem(field, message)), request);
	}

	private static String constants(Class<?> type) {
		StringBuilder allowed = new StringBuilder();
		for (Object constant : type.getEnumConstants()) {
			allowed.append(allowed.isEmpty() ? "" : ", ").append(constant);
		}
		return allowed.toString();
	}

	private static String path(DatabindException ex) {
		StringBuilder path = new StringBuilder();
		ex.getPath().forEach((reference) -> {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		});
		return path.toString();
	}

	private static String wrongValue(MismatchedInputException ex) {
		Class<?> target = ex.getTargetType();
		if (target != null && target.isEnum()) {
			return "must be one of " + constants(target);
		}
		if (target == String.class) {
			return "must be a string";
		}
		return "has the wrong type";
	}

	private static boolean causedBy(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

}
