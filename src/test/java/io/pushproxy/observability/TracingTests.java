package io.pushproxy.observability;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;

import io.pushproxy.support.ApiClient.Answer;
import io.pushproxy.support.TestJwts;
import io.pushproxy.support.WireMockProxyTest;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.pushproxy.support.TestApp.PREFIX;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tracing with Micrometer's OpenTelemetry bridge: a caller's W3C {@code traceparent} is
 * continued, its trace id is on every log line of the request beside the request id, the
 * trace context never travels on to Agora, and nothing is exported unless an OTLP
 * endpoint is configured.
 */
@ExtendWith(OutputCaptureExtension.class)
class TracingTests extends WireMockProxyTest {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

	@Autowired
	ApplicationContext context;

	@Test
	void anIncomingTraceparentIsContinuedAndItsIdsAreOnEveryLogLineOfTheRequest(CapturedOutput output) {
		// A 503 then a 200: the failed attempt and the retry both log at INFO.
		upstream.stubFor(get(PREFIX + "/users/alice/notification/language").inScenario("flaky")
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("recovered"));
		upstream.stubFor(get(PREFIX + "/users/alice/notification/language").inScenario("flaky")
			.whenScenarioStateIs("recovered")
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody("{\"data\":{\"language\":\"en\"}}")));

		Answer answer = send("trace-req-1", TRACEPARENT);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		List<String> lines = output.getOut().lines().filter((line) -> line.contains("trace-req-1")).toList();
		assertThat(lines).isNotEmpty()
			.allSatisfy(
					(line) -> assertThat(line).contains(TRACE_ID).containsPattern(TRACE_ID + "[-,/ ]+[0-9a-f]{16}"));
	}

	@Test
	void aRequestWithoutTraceparentStartsATraceOfItsOwn(CapturedOutput output) {
		upstream.stubFor(get(PREFIX + "/users/alice/notification/language").willReturn(aResponse().withStatus(503)));

		send("trace-req-2", null);

		List<String> lines = output.getOut().lines().filter((line) -> line.contains("trace-req-2")).toList();
		assertThat(lines).isNotEmpty()
			.allSatisfy((line) -> assertThat(line).containsPattern("[0-9a-f]{32}[-,/ ]+[0-9a-f]{16}"));
	}

	@Test
	void theTraceContextIsNotSentToAgora() {
		upstream.stubFor(get(PREFIX + "/users/alice/notification/language")
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody("{\"data\":{\"language\":\"en\"}}")));

		assertThat(send("trace-req-3", TRACEPARENT).status()).isEqualTo(200);

		upstream.verify(getRequestedFor(urlEqualTo(PREFIX + "/users/alice/notification/language"))
			.withHeader("traceparent", absent())
			.withHeader("tracestate", absent())
			.withHeader("b3", absent())
			.withHeader("X-B3-TraceId", absent())
			.withHeader("baggage", absent()));
	}

	@Test
	void nothingIsExportedUnlessAnOtlpEndpointIsConfigured() {
		assertThat(this.context.getBeansOfType(SpanExporter.class)).isEmpty();
	}

	private Answer send(String requestId, String traceparent) {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/v1/users/alice/push/language"))
			.header("Authorization", "Bearer " + TestJwts.user("alice"))
			.header("X-Request-Id", requestId);
		if (traceparent != null) {
			request.header("traceparent", traceparent);
		}
		return this.api.send(request.build());
	}

}
