package io.pushproxy.web;

import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of the {@code /v1} API at {@code /v3/api-docs}: bearer JWT security,
 * and on every operation the problem+json answers the contract promises.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	private static final String BEARER = "bearer";

	private static final String PROBLEM = "Problem";

	private static final Map<String, String> ERRORS = Map.of("400",
			"Invalid path, body or field (never forwarded), or Agora rejected the request", "401",
			"Missing, expired or badly signed bearer token", "403",
			"Another user without the admin scope, a template call without it, or a feature Agora refuses", "404",
			"No such route, or Agora has no such user or template", "429",
			"The operation's budget is spent or Agora's rate limit was reached; see Retry-After", "502",
			"Agora failed after retries, answered unreadably, or rejected the proxy's credentials", "503",
			"Agora kept failing; the operation's circuit is open; see Retry-After", "504",
			"Agora did not answer in time");

	@Bean
	OpenAPI pushProxyOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Agora push proxy")
				.version("v1")
				.description("Offline-push settings of Agora Chat users, and the app's push templates. "
						+ "Mobile users act for themselves ({user} = their username or 'me'); internal services "
						+ "with the admin scope act for anyone and manage templates. Every error is "
						+ "application/problem+json; every answer carries X-Request-Id."))
			.components(new Components().addSecuritySchemes(BEARER,
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
			.addSecurityItem(new SecurityRequirement().addList(BEARER));
	}

	@Bean
	OpenApiCustomizer problemAnswers() {
		return (openApi) -> {
			openApi.getComponents().addSchemas(PROBLEM, problemSchema());
			openApi.getPaths()
				.values()
				.forEach((path) -> path.readOperations().forEach(OpenApiConfiguration::addProblemAnswers));
		};
	}

	private static void addProblemAnswers(Operation operation) {
		ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses() : new ApiResponses();
		ERRORS.forEach((status, description) -> responses.putIfAbsent(status,
				new ApiResponse().description(description)
					.content(new Content().addMediaType("application/problem+json",
							new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))))));
		operation.setResponses(responses);
	}

	private static Schema<?> problemSchema() {
		ObjectSchema fieldProblem = new ObjectSchema();
		fieldProblem.addProperty("field", new StringSchema().example("displayName"));
		fieldProblem.addProperty("message", new StringSchema().example("must be 1-100 characters"));
		ObjectSchema problem = new ObjectSchema();
		problem.description("RFC 9457 problem details");
		problem.addProperty("type", new StringSchema().format("uri").example("urn:agora-push-proxy:problem:validation"));
		problem.addProperty("title", new StringSchema().example("The request is invalid"));
		problem.addProperty("status", new IntegerSchema().example(400));
		problem.addProperty("detail", new StringSchema().example("displayName: must be 1-100 characters"));
		problem.addProperty("instance", new StringSchema().format("uri").example("/v1/users/me/push/display-name"));
		problem.addProperty("requestId", new StringSchema().example("3f1c0d9e-2b7a-4c51-9d0e-5a8f6b1c2d3e"));
		problem.addProperty("errors", new ArraySchema().items(fieldProblem));
		return problem;
	}

}
