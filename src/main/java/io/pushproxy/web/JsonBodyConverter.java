package io.pushproxy.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ResolvableType;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;

/**
 * Reads request bodies so that one answer names every problem: the unknown fields and
 * unknown enum names {@link BodyProblems} noted while reading, and what Bean Validation
 * finds in the rest of the body. The {@code BodyProblems} of the read in progress reach
 * {@link #customizeReader} through a thread-local, set and cleared around one
 * {@code read} on the request thread: Spring's converter offers no other way to give the
 * reader it builds a per-read attribute.
 */
class JsonBodyConverter extends JacksonJsonHttpMessageConverter {

	private static final ThreadLocal<BodyProblems> READING = new ThreadLocal<>();

	private final Validator validator;

	JsonBodyConverter(JsonMapper mapper, Validator validator) {
		super(mapper);
		this.validator = validator;
	}

	@Override
	public Object read(ResolvableType type, HttpInputMessage input, @Nullable Map<String, Object> hints)
			throws IOException, HttpMessageNotReadableException {
		BodyProblems problems = new BodyProblems();
		READING.set(problems);
		Object body;
		try {
			body = super.read(type, input, hints);
		}
		finally {
			READING.remove();
		}
		if (!problems.isEmpty()) {
			throw new InvalidRequestException(withTheRest(problems.list(), body));
		}
		return body;
	}

	@Override
	protected ObjectReader customizeReader(ObjectReader reader, JavaType javaType) {
		BodyProblems problems = READING.get();
		return (problems != null) ? reader.withAttribute(BodyProblems.class, problems) : reader;
	}

	/**
	 * The noted problems, then Bean Validation's for the fields they did not name (a
	 * skipped enum value is null, and would be "must not be null" too).
	 */
	private List<FieldProblem> withTheRest(List<FieldProblem> noted, @Nullable Object body) {
		List<FieldProblem> all = new ArrayList<>(noted);
		if (body == null) {
			return all;
		}
		Set<String> named = new LinkedHashSet<>();
		noted.forEach((problem) -> named.add(String.valueOf(problem.field())));
		for (ConstraintViolation<Object> violation : this.validator.validate(body)) {
			String field = violation.getPropertyPath().toString();
			if (!named.contains(field)) {
				all.add(new FieldProblem(field, violation.getMessage()));
			}
		}
		return all;
	}

}
