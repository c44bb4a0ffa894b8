package io.pushproxy.web;

import java.util.ArrayList;
import java.util.List;

import io.pushproxy.support.ApiClient.Answer;
import io.pushproxy.support.WireMockProxyTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document holds exactly the eleven operations of the contract, with their error answers. */
class OpenApiTests extends WireMockProxyTest {

	@Test
	void theDocumentListsExactlyTheElevenOperations() {
		Answer answer = this.api.get("/v3/api-docs", null);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		assertThat(operations(answer.json())).containsExactlyInAnyOrder(
				"PUT /v1/users/{user}/push/display-name", "PUT /v1/users/{user}/push/display-style",
				"GET /v1/users/{user}/push/settings", "PUT /v1/users/{user}/push/settings",
				"GET /v1/users/{user}/push/conversations/{type}/{id}",
				"PUT /v1/users/{user}/push/conversations/{type}/{id}", "GET /v1/users/{user}/push/language",
				"PUT /v1/users/{user}/push/language", "POST /v1/push/templates", "GET /v1/push/templates/{name}",
				"DELETE /v1/push/templates/{name}");
	}

	@Test
	void everyOperationDescribesItselfAndItsProblemAnswers() {
		JsonNode paths = this.api.get("/v3/api-docs", null).json().get("paths");

		paths.properties().forEach((path) -> path.getValue().properties().forEach((method) -> {
			JsonNode operation = method.getValue();
			assertThat(operation.get("summary").asString()).as(path.getKey()).isNotBlank();
			assertThat(operation.toString()).as("the caller comes from the token, not a parameter")
				.doesNotContain("\"caller\"");
			for (String status : List.of("400", "401", "403", "404", "429", "502", "503", "504")) {
				assertThat(operation.get("responses").get(status).get("content").has("application/problem+json"))
					.as(method.getKey() + " " + path.getKey() + " " + status)
					.isTrue();
			}
		}));
	}

	@Test
	void theDocumentDeclaresBearerJwtSecurityAndTheProblemSchema() {
		JsonNode document = this.api.get("/v3/api-docs", null).json();

		assertThat(document.get("components").get("securitySchemes").get("bearer").get("bearerFormat").asString())
			.isEqualTo("JWT");
		assertThat(document.get("components").get("schemas").get("Problem").get("properties").has("requestId"))
			.isTrue();
	}

	@Test
	void swaggerUiIsOffOutsideTheSandbox() {
		assertThat(this.api.get("/swagger-ui.html", null).status()).isEqualTo(404);
	}

	private static List<String> operations(JsonNode document) {
		List<String> operations = new ArrayList<>();
		document.get("paths").properties().forEach((path) -> path.getValue()
			.properties()
			.forEach((method) -> operations.add(method.getKey().toUpperCase() + " " + path.getKey())));
		return operations;
	}

}
