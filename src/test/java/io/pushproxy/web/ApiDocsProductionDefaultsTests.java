package io.pushproxy.web;

import java.util.List;

import io.pushproxy.support.ApiClient.Answer;
import io.pushproxy.support.TestJwts;
import io.pushproxy.support.WireMockProxyTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With application.yml's production defaults the API port serves neither the OpenAPI
 * document nor Swagger UI, to anonymous and authenticated callers alike: an honest 404
 * problem answer, never the document. The document is committed as docs/openapi.json
 * instead ({@link OpenApiTests}).
 */
class ApiDocsProductionDefaultsTests extends WireMockProxyTest {

	private static final List<String> DOCUMENT_PATHS = List.of("/v3/api-docs", "/v3/api-docs.yaml",
			"/v3/api-docs/swagger-config", "/swagger-ui.html", "/swagger-ui/index.html");

	@Test
	void noApiDocsOrSwaggerUiAnswerAnonymousCallers() {
		for (String path : DOCUMENT_PATHS) {
			Answer answer = this.api.get(path, null);

			assertThat(answer.status()).as(path).isIn(401, 404);
			assertThat(answer.body()).as(path).doesNotContain("openapi").doesNotContain("/v1/users");
		}
	}

	@Test
	void noApiDocsOrSwaggerUiAnswerAuthenticatedCallers() {
		for (String token : List.of(TestJwts.user("alice"), TestJwts.admin())) {
			for (String path : DOCUMENT_PATHS) {
				Answer answer = this.api.get(path, token);

				assertThat(answer.status()).as(path).isIn(401, 404);
				assertThat(answer.body()).as(path).doesNotContain("openapi").doesNotContain("/v1/users");
			}
		}
	}

}
