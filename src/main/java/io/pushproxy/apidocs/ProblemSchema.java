package io.pushproxy.apidocs;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.pushproxy.web.ProblemType;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;

/**
 * The {@code Problem} schema every error answer follows (RFC 9457), and its examples: one
 * fact per member, with {@code type} limited to the {@link ProblemType}s there are.
 */
final class ProblemSchema {

	static final String NAME = "Problem";

	private static final String REQUEST_ID_EXAMPLE = "3f1c0d9e-2b7a-4c51-9d0e-5a8f6b1c2d3e";

	private ProblemSchema() {
	}

	static Schema<?> schema() {
		ObjectSchema fieldProblem = new ObjectSchema();
		fieldProblem.description("One broken rule of the request");
		JsonSchema field = new JsonSchema();
		field.addType("string");
		fieldProblem.addProperty("field",
				nullable(field
					.description("The member, parameter or header at fault (ids[3], settings.quietHours.start); "
							+ "null for the request as a whole")
					.examples(List.of("displayName"))));
		fieldProblem.addProperty("message",
				new StringSchema().description("What the rule requires").example("must be 1-100 characters"));
		fieldProblem.required(List.of("field", "message"));
		ObjectSchema problem = new ObjectSchema();
		problem.description("RFC 9457 problem details");
		problem.addProperty("type",
				new StringSchema()
					.description("What kind of error this is; stable, one per row of the README's " + "error table")
					._enum(Arrays.stream(ProblemType.values()).map((type) -> type.type().toString()).toList())
					.example("urn:agora-push-proxy:problem:validation"));
		problem.addProperty("title",
				new StringSchema().description("A short text for the type, the same for every answer of that type")
					.example("The request is invalid"));
		problem.addProperty("status", new IntegerSchema().description("The HTTP status code").example(400));
		problem.addProperty("detail", new StringSchema().description("What went wrong with this request")
			.example("displayName: must be 1-100 characters"));
		problem.addProperty("instance",
				new StringSchema().format("uri-reference")
					.description("The path of the request this answers")
					.example("/v1/users/me/push/display-name"));
		problem.addProperty("requestId",
				new StringSchema().description("The request's X-Request-Id; quote it when reporting a problem")
					.example(REQUEST_ID_EXAMPLE));
		problem.addProperty("errors", new ArraySchema().items(fieldProblem)
			.description("Every broken rule of the request at once (validation answers only)"));
		problem.addProperty("applied", new ArraySchema().items(new StringSchema())
			.description("Sections of a PATCH that took effect before another failed"));
		problem.addProperty("failed",
				new ArraySchema().items(new Schema<>().$ref("#/components/schemas/SectionFailure"))
					.description("Sections of a PATCH that failed, each with its status and problem type"));
		problem.required(List.of("type", "title", "status", "instance", "requestId"));
		return problem;
	}

	static Map<String, Object> example(ProblemType type, String path) {
		Map<String, Object> example = new LinkedHashMap<>();
		example.put("type", type.type().toString());
		example.put("title", type.title());
		example.put("status", type.status().value());
		example.put("detail", type.title());
		example.put("instance", instance(path));
		example.put("requestId", REQUEST_ID_EXAMPLE);
		return example;
	}

	/**
	 * A request path for a path template: {user} is me, other variables a sample value.
	 */
	private static String instance(String path) {
		return path.replace("{user}", "me")
			.replace("{type}", "group")
			.replace("{id}", "4711")
			.replace("{name}", "welcome")
			.replaceAll("\\{[^}]*}", "x");
	}

	/** In OpenAPI 3.1, a member that may be null has "null" among its types. */
	static Schema<?> nullable(Schema<?> schema) {
		schema.addType("null");
		return schema;
	}

}
