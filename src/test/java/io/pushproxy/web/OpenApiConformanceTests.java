package io.pushproxy.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.pushproxy.support.ApiClient.Answer;
import io.pushproxy.support.EmulatorProxyTest;
import io.pushproxy.support.TestJwts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed OpenAPI document holds for the answers the proxy really gives: a tour of
 * every call against the emulator, successes and the usual mistakes, each answer's status
 * documented for its operation and its body valid (JSON Schema 2020-12, as OpenAPI 3.1
 * uses) against the schema documented for that status and media type. A generated client
 * trusts exactly this.
 */
class OpenApiConformanceTests extends EmulatorProxyTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

	private static final String BOB = TestJwts.user("bob");

	private static final String SETTINGS = "/v1/users/{user}/push/settings";

	private static final String CONVERSATION = "/v1/users/{user}/push/conversations/{type}/{id}";

	private static final String TEMPLATE = "/v1/push/templates/{name}";

	private static JsonNode document;

	private final List<String> broken = new ArrayList<>();

	private int checked;

	@BeforeAll
	static void readTheDocument() throws IOException {
		document = JSON.readTree(Files.readString(OpenApiTests.COMMITTED));
	}

	@Test
	void everyAnswerOfATourOfTheApiIsWhatTheDocumentSays() {
		String admin = TestJwts.admin();
		conforms(this.api.put("/v1/users/me/push/display-name", "{\"displayName\":\"Bob\"}", BOB), "put",
				"/v1/users/{user}/push/display-name");
		conforms(this.api.put("/v1/users/me/push/display-style", "{\"displayStyle\":\"DETAILED\"}", BOB), "put",
				"/v1/users/{user}/push/display-style");
		conforms(this.api.put("/v1/users/me/push/settings",
				"{\"mode\":\"MENTIONS\",\"quietHours\":{\"start\":\"22:00\",\"end\":\"07:30\",\"timeZone\":\"Europe/Berlin\"},"
						+ "\"doNotDisturbFor\":\"PT1H\"}",
				BOB), "put", SETTINGS);
		Answer settings = this.api.get("/v1/users/me/push/settings", BOB);
		conforms(settings, "get", SETTINGS);
		conforms(this.api.put("/v1/users/me/push/settings", "{\"quietHours\":null,\"doNotDisturbFor\":\"PT0S\"}", BOB),
				"put", SETTINGS);
		conforms(this.api.put("/v1/users/me/push/conversations/group/4711", "{\"mode\":\"NONE\"}", BOB), "put",
				CONVERSATION);
		conforms(this.api.get("/v1/users/me/push/conversations/user/alice", BOB), "get", CONVERSATION);
		conforms(this.api.get("/v1/users/me/push/conversations?ids=group:4711,user:alice", BOB), "get",
				"/v1/users/{user}/push/conversations");
		conforms(this.api.put("/v1/users/me/push/language", "{\"language\":\"ja\"}", BOB), "put",
				"/v1/users/{user}/push/language");
		conforms(this.api.get("/v1/users/me/push/language", BOB), "get", "/v1/users/{user}/push/language");
		conforms(this.api.get("/v1/users/me/push", BOB), "get", "/v1/users/{user}/push");
		conforms(this.api.send("PATCH", "/v1/users/me/push", "{\"displayStyle\":\"SUMMARY\",\"language\":\"\"}", BOB),
				"patch", "/v1/users/{user}/push");
		String template = "{\"name\":\"tour\",\"titlePattern\":\"Hello {0}\",\"contentPattern\":\"{0} says {1}\"}";
		conforms(this.api.post("/v1/push/templates", template, admin), "post", "/v1/push/templates");
		conforms(this.api.post("/v1/push/templates", template, admin), "post", "/v1/push/templates");
		conforms(this.api.get("/v1/push/templates/tour", admin), "get", TEMPLATE);
		conforms(this.api.delete("/v1/push/templates/tour", admin), "delete", TEMPLATE);
		conforms(this.api.get("/v1/push/templates/tour", admin), "get", TEMPLATE);

		assertThat(this.broken).as("answers the document does not describe (of %d checked)", this.checked).isEmpty();
	}

	@Test
	void theUsualMistakesAreAnsweredAsDocumented() {
		conforms(this.api.put("/v1/users/me/push/display-name", "{\"displayName\":\"\"}", BOB), "put",
				"/v1/users/{user}/push/display-name");
		conforms(this.api.put("/v1/users/me/push/settings", "{\"mode\":\"DEFAULT\",\"doNotDisturbFor\":\"P9D\"}", BOB),
				"put", SETTINGS);
		conforms(this.api.put("/v1/users/me/push/settings", "{\"mode\":", BOB), "put", SETTINGS);
		conforms(this.api.get("/v1/users/me/push/settings", null), "get", SETTINGS);
		conforms(this.api.get("/v1/users/alice/push/settings", BOB), "get", SETTINGS);
		conforms(this.api.get("/v1/users/zed/push/language", TestJwts.admin()), "get",
				"/v1/users/{user}/push/language");
		conforms(this.api.get("/v1/users/me/push/conversations?ids=", BOB), "get",
				"/v1/users/{user}/push/conversations");
		conforms(this.api.send("PUT", "/v1/users/me/push/language", null, BOB), "put",
				"/v1/users/{user}/push/language");
		Answer current = this.api.get("/v1/users/me/push/settings", BOB);
		conforms(this.api
			.send(request("GET", SETTINGS.replace("{user}", "me")).header("If-None-Match", current.header("ETag"))
				.build()), "get", SETTINGS);
		conforms(this.api.send(request("PUT", SETTINGS.replace("{user}", "me"))
			.header("If-Match", "\"00000000000000000000000000000000\"")
			.header("Content-Type", "application/json")
			.method("PUT", HttpRequest.BodyPublishers.ofString("{\"mode\":\"ALL\"}"))
			.build()), "put", SETTINGS);

		assertThat(this.broken).as("answers the document does not describe (of %d checked)", this.checked).isEmpty();
	}

	private HttpRequest.Builder request(String method, String path) {
		return HttpRequest.newBuilder(URI.create(this.api.uri(path).toString()))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + BOB)
			.method(method, HttpRequest.BodyPublishers.noBody());
	}

	/**
	 * Records what of the answer the document does not describe: its status for this
	 * operation, its media type, or its body.
	 */
	private void conforms(Answer answer, String method, String path) {
		this.checked++;
		String call = method.toUpperCase(Locale.ROOT) + " " + path + " " + answer.status();
		JsonNode operation = document.path("paths").path(path).path(method);
		assertThat(operation.isMissingNode()).as("%s is not in the document", call).isFalse();
		JsonNode response = operation.path("responses").path(String.valueOf(answer.status()));
		if (response.isMissingNode()) {
			this.broken.add(call + ": status not documented");
			return;
		}
		if (answer.body().isEmpty()) {
			if (response.has("content")) {
				this.broken.add(call + ": no body, though the document gives one");
			}
			return;
		}
		String mediaType = answer.contentType().split(";")[0].strip();
		JsonNode schema = response.path("content").path(mediaType).path("schema");
		if (schema.isMissingNode()) {
			this.broken
				.add(call + ": " + mediaType + " not documented (" + response.path("content").propertyNames() + ")");
			return;
		}
		ObjectNode root = (ObjectNode) schema.deepCopy();
		root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
		root.set("components", document.path("components"));
		Schema validator = SCHEMAS.getSchema(root);
		List<Error> errors = validator.validate(answer.body(), InputFormat.JSON);
		if (!errors.isEmpty()) {
			this.broken.add(call + ": " + errors + " in " + answer.body());
		}
	}

}
