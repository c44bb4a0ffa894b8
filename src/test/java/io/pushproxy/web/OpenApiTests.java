package io.pushproxy.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.pushproxy.support.ApiClient.Answer;
import io.pushproxy.support.WireMockProxyTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document holds exactly the fourteen operations of the contract, with
 * operation ids, their error answers (an example per problem type) and headers, and the
 * committed copy {@code docs/openapi.json} is the one the code generates. Production
 * serves no document ({@link ApiDocsProductionDefaultsTests}); this class turns it on, as
 * the sandbox does.
 */
@TestPropertySource(properties = "springdoc.api-docs.enabled=true")
class OpenApiTests extends WireMockProxyTest {

	/**
	 * The committed document, for clients and reviewers (production does not serve it).
	 */
	static final Path COMMITTED = Path.of("docs/openapi.json");

	/**
	 * {@code -Dopenapi.write=true} rewrites {@link #COMMITTED} from the code instead of
	 * comparing.
	 */
	private static final String WRITE = "openapi.write";

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(SerializationFeature.INDENT_OUTPUT)
		.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
		.build();

	@Test
	void theCommittedDocumentIsTheOneTheCodeGenerates() throws IOException {
		Answer answer = this.api.get("/v3/api-docs", null);
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		JsonNode generated = answer.json();

		// Every build writes the document it generated next to its other outputs.
		Files.createDirectories(Path.of("target"));
		Files.writeString(Path.of("target/openapi.json"),
				JSON.writeValueAsString(JSON.convertValue(generated, Object.class)) + "\n");
		if (Boolean.getBoolean(WRITE)) {
			Files.createDirectories(COMMITTED.toAbsolutePath().getParent());
			Files.writeString(COMMITTED, JSON.writeValueAsString(JSON.convertValue(generated, Object.class)) + "\n");
		}

		assertThat(Files.exists(COMMITTED)).as("%s is missing; write it with %s", COMMITTED, regenerate()).isTrue();
		JsonNode committed = JSON.readTree(Files.readString(COMMITTED));
		assertThat(committed)
			.as("%s differs from the document the code generates (/v3/api-docs); if the API change "
					+ "is intended, regenerate it with %s and commit it", COMMITTED, regenerate())
			.isEqualTo(generated);
	}

	@Test
	void theDocumentListsExactlyTheFourteenOperations() {
		Answer answer = this.api.get("/v3/api-docs", null);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		assertThat(operations(answer.json())).containsExactlyInAnyOrder("PUT /v1/users/{user}/push/display-name",
				"PUT /v1/users/{user}/push/display-style", "GET /v1/users/{user}/push/settings",
				"PUT /v1/users/{user}/push/settings", "GET /v1/users/{user}/push/conversations/{type}/{id}",
				"PUT /v1/users/{user}/push/conversations/{type}/{id}", "GET /v1/users/{user}/push/language",
				"PUT /v1/users/{user}/push/language", "POST /v1/push/templates", "GET /v1/push/templates/{name}",
				"DELETE /v1/push/templates/{name}", "GET /v1/users/{user}/push", "PATCH /v1/users/{user}/push",
				"GET /v1/users/{user}/push/conversations");
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

	/**
	 * A generated client shows each property's description as its documentation: every
	 * property of every schema has one (a record's {@code @param}, through therapi).
	 */
	@Test
	void everyPropertyOfEverySchemaIsDescribed() {
		JsonNode schemas = this.api.get("/v3/api-docs", null).json().get("components").get("schemas");
		List<String> undescribed = new ArrayList<>();
		schemas.properties()
			.forEach((schema) -> schema.getValue().path("properties").properties().forEach((property) -> {
				if (property.getValue().path("description").asString("").isBlank()) {
					undescribed.add(schema.getKey() + "." + property.getKey());
				}
			}));

		assertThat(undescribed).as("properties without a description (javadoc @param or @Schema)").isEmpty();
	}

	@Test
	void swaggerUiIsOffOutsideTheSandbox() {
		assertThat(this.api.get("/swagger-ui.html", null).status()).isEqualTo(404);
	}

	@Test
	void everyOperationHasAnIdThatSaysWhatItDoes() {
		JsonNode paths = this.api.get("/v3/api-docs", null).json().get("paths");
		List<String> ids = new ArrayList<>();
		paths.properties()
			.forEach((path) -> path.getValue()
				.properties()
				.forEach((method) -> ids.add(method.getValue().get("operationId").asString())));

		assertThat(ids).containsExactlyInAnyOrder("setDisplayName", "setDisplayStyle", "getPushSettings",
				"setPushSettings", "getConversationPushSettings", "setConversationPushSettings", "getPushLanguage",
				"setPushLanguage", "createTemplate", "getTemplate", "deleteTemplate", "getPushProfile",
				"patchPushProfile", "getConversationsPushSettings");
	}

	@Test
	void everyProblemTypeOfAStatusIsAnExampleOfThatAnswer() {
		JsonNode responses = this.api.get("/v3/api-docs", null)
			.json()
			.get("paths")
			.get("/v1/users/{user}/push/settings")
			.get("put")
			.get("responses");

		for (ProblemType type : ProblemType.values()) {
			JsonNode answer = responses.get(String.valueOf(type.status().value()));
			if (type.status().value() == 405 || type.status().value() == 409) {
				continue;
			}
			assertThat(answer).as("the %s answer of PUT settings", type.status()).isNotNull();
			JsonNode example = answer.get("content").get("application/problem+json").get("examples").get(type.slug());
			assertThat(example).as("example %s", type.slug()).isNotNull();
			assertThat(example.get("value").get("type").asString()).isEqualTo(type.type().toString());
			assertThat(example.get("value").get("status").asInt()).isEqualTo(type.status().value());
		}
	}

	@Test
	void onlyACreateDeclaresTheConflictOfANameTaken() {
		JsonNode paths = this.api.get("/v3/api-docs", null).json().get("paths");

		assertThat(paths.get("/v1/push/templates")
			.get("post")
			.get("responses")
			.get("409")
			.get("content")
			.get("application/problem+json")
			.get("examples")
			.has("upstream-conflict")).isTrue();
		assertThat(paths.get("/v1/users/{user}/push/settings").get("put").get("responses").has("409")).isFalse();
	}

	@Test
	void everyAnswerDeclaresItsRequestIdAndRateAnswersTheirRetryAfter() {
		JsonNode document = this.api.get("/v3/api-docs", null).json();

		assertThat(document.get("components").get("headers").has("X-Request-Id")).isTrue();
		document.get("paths")
			.properties()
			.forEach((path) -> path.getValue()
				.properties()
				.forEach((method) -> method.getValue().get("responses").properties().forEach((response) -> {
					JsonNode headers = response.getValue().get("headers");
					assertThat(headers).as("%s %s %s", method.getKey(), path.getKey(), response.getKey()).isNotNull();
					assertThat(headers.has("X-Request-Id")).isTrue();
					if (response.getKey().equals("429") || response.getKey().equals("503")) {
						assertThat(headers.has("Retry-After")).as("%s %s", path.getKey(), response.getKey()).isTrue();
					}
				})));
	}

	@Test
	void theDocumentNamesItsServer() {
		JsonNode servers = this.api.get("/v3/api-docs", null).json().get("servers");

		assertThat(servers).hasSize(1);
		assertThat(servers.get(0).get("url").asString()).isEqualTo("/");
	}

	@Test
	void theHttpRequestsFolderHasACallForEveryOperation() throws IOException {
		String requests = Files.readString(Path.of("http/push-proxy.http"));
		JsonNode paths = this.api.get("/v3/api-docs", null).json().get("paths");

		paths.properties().forEach((path) -> path.getValue().properties().forEach((method) -> {
			String pattern = "(?m)^" + method.getKey().toUpperCase(Locale.ROOT) + " \\{\\{baseUrl}}"
					+ path.getKey().replaceAll("\\{[^}]+}", "[^/ ?]+") + "(\\?.*)?$";
			assertThat(requests).as("http/push-proxy.http has a %s %s request", method.getKey(), path.getKey())
				.containsPattern(pattern);
		}));
	}

	private static String regenerate() {
		return "./mvnw test -Dtest=OpenApiTests -D" + WRITE + "=true";
	}

	private static List<String> operations(JsonNode document) {
		List<String> operations = new ArrayList<>();
		document.get("paths")
			.properties()
			.forEach((path) -> path.getValue()
				.properties()
				.forEach((method) -> operations.add(method.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey())));
		return operations;
	}

}
