package io.pushproxy.observability;

import java.time.Duration;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.pushproxy.PushProxyApplication;
import io.pushproxy.support.ApiClient;
import io.pushproxy.support.TestApp;
import io.pushproxy.support.TestJwts;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.pushproxy.support.TestApp.PREFIX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT} set, sampled spans
 * are exported over OTLP/HTTP (here to a stand-in collector).
 */
class OtlpExportTests {

	@Test
	void spansGoToTheConfiguredOtlpEndpoint() {
		WireMockServer services = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		services.start();
		services.stubFor(get(PREFIX + "/users/alice/notification/language")
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody("{\"data\":{\"language\":\"en\"}}")));
		services.stubFor(post("/v1/traces").willReturn(aResponse().withStatus(200)));
		Map<String, Object> settings = Map.ofEntries(Map.entry("server.port", "0"),
				Map.entry("management.server.port", "0"), Map.entry("agora.base-url", services.baseUrl()),
				Map.entry("agora.org-name", TestApp.ORG), Map.entry("agora.app-name", TestApp.APP),
				Map.entry("agora.app-id", TestApp.APP_ID), Map.entry("agora.app-certificate", TestApp.APP_CERTIFICATE),
				Map.entry("proxy.security.jwt.secret", TestJwts.SECRET),
				Map.entry("management.tracing.sampling.probability", "1.0"),
				Map.entry("management.opentelemetry.tracing.export.schedule-delay", "100ms"),
				Map.entry("management.opentelemetry.tracing.export.otlp.endpoint", services.baseUrl() + "/v1/traces"));
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PushProxyApplication.class)
			.run(TestApp.arguments(settings))) {
			int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);

			ApiClient.Answer answer = new ApiClient(port).get("/v1/users/alice/push/language", TestJwts.user("alice"));

			assertThat(answer.status()).isEqualTo(200);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> services.verify(postRequestedFor(urlEqualTo("/v1/traces"))));
		}
		finally {
			services.stop();
		}
	}

}
