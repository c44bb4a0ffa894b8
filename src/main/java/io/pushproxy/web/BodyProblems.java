package io.pushproxy.web;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.DeserializationProblemHandler;

/**
 * The broken rules Jackson would stop at, one at a time, while it reads one request body:
 * an unknown field, a value that is not one of an enum's names. Noted here instead, the
 * value skipped, so that the body is read to its end and validated as a whole
 * ({@link JsonBodyConverter}): one answer names every problem. Collects only for a reader
 * that carries an instance as its attribute; any other read (none today) keeps Jackson's
 * behaviour.
 */
final class BodyProblems {

	private final List<FieldProblem> problems = new ArrayList<>();

	void add(String field, String message) {
		this.problems.add(new FieldProblem(field, message));
	}

	List<FieldProblem> list() {
		return List.copyOf(this.problems);
	}

	boolean isEmpty() {
		return this.problems.isEmpty();
	}

	static @Nullable BodyProblems of(DeserializationContext context) {
		return (context.getAttribute(BodyProblems.class) instanceof BodyProblems problems) ? problems : null;
	}

	/**
	 * The member being read, as the API names it: {@code settings.quietHours.start},
	 * {@code ids[3]}.
	 */
	static String path(TokenStreamContext context) {
		List<String> segments = new ArrayList<>();
		for (TokenStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
			if (at.inArray()) {
				segments.add(0, "[" + Math.max(0, at.getCurrentIndex()) + "]");
			}
			else if (at.currentName() != null) {
				segments.add(0, at.currentName());
			}
		}
		StringBuilder path = new StringBuilder();
		for (String segment : segments) {
			path.append((path.isEmpty() || segment.startsWith("[")) ? "" : ".").append(segment);
		}
		return path.toString();
	}

	/** Notes unknown fields and unknown enum names instead of failing at the first. */
	static final class Collector extends DeserializationProblemHandler {

		@Override
		public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
				ValueDeserializer<?> deserializer, Object beanOrClass, String propertyName) {
			BodyProblems problems = of(context);
			if (problems == null) {
				return false;
			}
			problems.add(path(parser.streamReadContext()), "unknown field");
			parser.skipChildren();
			return true;
		}

		@Override
		public @Nullable Object handleInstantiationProblem(DeserializationContext context, Class<?> instClass,
				Object argument, Throwable problem) {
			BodyProblems problems = of(context);
			if (problems == null || !instClass.isEnum() || !(problem instanceof IllegalArgumentException)) {
				return NOT_HANDLED;
			}
			problems.add(path(context.getParser().streamReadContext()), "must be one of " + names(instClass));
			return null;
		}

		private static String names(Class<?> type) {
			StringBuilder names = new StringBuilder();
			for (Object constant : type.getEnumConstants()) {
				names.append(names.isEmpty() ? "" : ", ").append(constant);
			}
			return names.toString();
		}

	}

}
