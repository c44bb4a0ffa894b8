package io.pushproxy.web;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.pushproxy.PushProxyApplication;
import io.pushproxy.support.ApiClient;
import io.pushproxy.support.TestApp;
import io.pushproxy.support.TestJwts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static io.pushproxy.support.TestApp.PREFIX;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs} turns every line into JSON with the
 * request id and operation (here the line of an upstream 404: a first attempt that
 * succeeds logs at DEBUG).
 */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLoggingTests {

	@Test
	void structuredLinesCarryTheRequestIdAndTheOperationButNoToken(CapturedOutput output) {
		WireMockServer upstream = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		upstream.start();
		upstream.stubFor(get(PREFIX + "/users/alice/notification/language").willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"service_resource_not_found\",\"error_description\":\"no user\"}")));
		String jwt = TestJwts.user("alice");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PushProxyApplication.class)
			.run(TestApp.arguments(Map.of("server.port", "0", "logging.structured.format.console", "ecs",
					"agora.base-url", upstream.baseUrl(), "agora.org-name", TestApp.ORG, "agora.app-name", TestApp.APP,
					"agora.app-id", TestApp.APP_ID, "agora.app-certificate", TestApp.APP_CERTIFICATE,
					"proxy.security.jwt.secret", TestJwts.SECRET)))) {
			int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			new ApiClient(port).send(java.net.http.HttpRequest
				.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/v1/users/alice/push/language"))
				.header("Authorization", "Bearer " + jwt)
				.header("X-Request-Id", "structured-123")
				.build());
		}
		finally {
			upstream.stop();
		}

		String attemptLine = output.getOut()
			.lines()
			.filter((line) -> line.contains("attempt=1"))
			.findFirst()
			.orElseThrow();
		assertThat(attemptLine).startsWith("{")
			.contains("\"requestId\":\"structured-123\"")
			.contains("\"operation\":\"get-language\"");
		assertThat(output.toString()).doesNotContain(jwt)
			.doesNotContain("007eJ")
			.doesNotContain(TestApp.APP_CERTIFICATE);
	}

}
