package io.pushproxy.web;

import java.nio.file.Files;
import java.nio.file.Path;

import io.pushproxy.support.ApiClient;
import io.pushproxy.support.ApiClient.Answer;
import io.pushproxy.support.TestJwts;
import io.pushproxy.support.WireMockProxyTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.web.server.LocalManagementPort;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static io.pushproxy.support.TestApp.PREFIX;
import static io.pushproxy.support.Upstream.data;
import static io.pushproxy.support.Upstream.okJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The management port: health with probes, build and git info, Prometheus metrics, and
 * nothing else.
 */
class ManagementEndpointsTests extends WireMockProxyTest {

	@LocalManagementPort
	int managementPort;

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness" })
	void healthAndBothProbesAnswerOnTheManagementPort(String path) {
		Answer answer = management().get(path, null);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		assertThat(answer.json().get("status").asString()).isEqualTo("UP");
	}

	@Test
	void infoNamesTheBuildAndTheCommit() {
		Answer answer = management().get("/actuator/info", null);

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json().get("build").get("artifact").asString()).isEqualTo("agora-push-proxy");
		assertThat(answer.json().has("git")).isTrue();
		assertThat(answer.json().get("image").get("revision").asString())
			.isEqualTo("0123456789abcdef0123456789abcdef01234567");
	}

	@Test
	void theImageLabelsAndPublishesTheRevisionItWasBuiltFrom() throws Exception {
		String dockerfile = Files.readString(Path.of("Dockerfile"));

		assertThat(dockerfile).contains("ARG REVISION")
			.contains("org.opencontainers.image.revision=\"${REVISION}\"")
			.contains("INFO_IMAGE_REVISION=${REVISION}");
	}

	@Test
	void sbomServesTheCycloneDxBillOfMaterialsTheBuildWrote() {
		Answer list = management().get("/actuator/sbom", null);
		Answer sbom = management().get("/actuator/sbom/application", null);

		assertThat(list.status()).isEqualTo(200);
		assertThat(list.json().get("ids").toString()).contains("application");
		assertThat(sbom.status()).as(sbom.toString()).isEqualTo(200);
		assertThat(sbom.json().get("bomFormat").asString()).isEqualTo("CycloneDX");
		assertThat(sbom.json().get("metadata").get("component").get("name").asString()).isEqualTo("agora-push-proxy");
		assertThat(sbom.body()).contains("\"name\" : \"spring-cloud-openfeign-core\"")
			.contains("\"name\" : \"resilience4j-ratelimiter\"");
	}

	@Test
	void prometheusShowsUpstreamCallsByOperationAndOutcomeWithAHistogram() {
		upstream.stubFor(
				get(PREFIX + "/users/alice/notification/language").willReturn(okJson(data("{\"language\":\"en\"}"))));
		this.api.get("/v1/users/alice/push/language", TestJwts.user("alice"));

		String metrics = management().get("/actuator/prometheus", null).body();

		assertThat(metrics)
			.containsPattern(
					"agora_upstream_calls_seconds_bucket\\{[^}]*operation=\"get-language\"[^}]*outcome=\"200\"")
			.contains("agora_ratelimit_rejections_total")
			.containsPattern("resilience4j_circuitbreaker_state\\{[^}]*name=\"create-template\"")
			.doesNotContain("agora_circuit_state")
			.containsPattern("agora_token_renewals_total\\{[^}]*result=\"success\"")
			.contains("http_server_requests_seconds_bucket")
			.contains("resilience4j_ratelimiter_available_permissions");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "/actuator", "/actuator/env", "/actuator/beans", "/actuator/metrics",
			"/actuator/configprops", "/actuator/heapdump", "/actuator/loggers", "/actuator/shutdown" })
	void nothingElseAnswersOnTheManagementPort(String path) {
		assertThat(management().get(path, null).status()).isEqualTo(404);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "/actuator/health", "/actuator/info", "/actuator/prometheus", "/actuator/sbom",
			"/actuator/env" })
	void theActuatorDoesNotAnswerOnTheApiPort(String path) {
		Answer answer = this.api.get(path, null);

		assertThat(answer.status()).isEqualTo(404);
		assertThat(answer.contentType()).startsWith("application/problem+json");
	}

	@Test
	void theProtectedResourceMetadataTellsTheTruthAboutTheApisTokens() {
		Answer answer = this.api.get("/.well-known/oauth-protected-resource", null);

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json().get("tls_client_certificate_bound_access_tokens").asBoolean()).isFalse();
		assertThat(answer.json().get("bearer_methods_supported").get(0).asString()).isEqualTo("header");
		assertThat(answer.json().get("scopes_supported").get(0).asString()).isEqualTo("push:admin");
		assertThat(answer.json().get("resource").asString()).isEqualTo("http://127.0.0.1:" + this.port);
	}

	private ApiClient management() {
		return new ApiClient(this.managementPort);
	}

}
