package io.pushproxy.faults;

import io.pushproxy.support.ApiClient.Answer;
import io.pushproxy.support.TestJwts;
import io.pushproxy.support.WireMockProxyTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.pushproxy.faults.FaultMatrixTests.assertProblem;
import static io.pushproxy.support.TestApp.PREFIX;
import static io.pushproxy.support.Upstream.data;
import static io.pushproxy.support.Upstream.error;
import static io.pushproxy.support.Upstream.okJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The circuit breaker's whole cycle on a small window (4 attempts, 50%, open for a
 * second, one probe, no retries): open, refuse at once, half-open, probe, close.
 */
@TestPropertySource(properties = { "agora.circuit-breaker.minimum-calls=4", "agora.circuit-breaker.window-size=4",
		"agora.circuit-breaker.failure-rate-percent=50", "agora.circuit-breaker.open-for=1s",
		"agora.circuit-breaker.probes=1", "agora.retry.max-attempts=1" })
@ExtendWith(OutputCaptureExtension.class)
class CircuitBreakerTests extends WireMockProxyTest {

	private static final String ALICE = TestJwts.user("alice");

	@Test
	void failuresOpenTheCircuitWhichAnswersAtOnceThenAProbeClosesItAgain(CapturedOutput output)
			throws InterruptedException {
		String language = PREFIX + "/users/alice/notification/language";
		upstream.stubFor(get(language).willReturn(error(503, "unavailable", "down")));
		for (int i = 0; i < 4; i++) {
			assertProblem(this.api.get("/v1/users/alice/push/language", ALICE), 502, "upstream-unavailable");
		}

		Answer refused = this.api.get("/v1/users/alice/push/language", ALICE);
		long[] micros = new long[20];
		for (int i = 0; i < micros.length; i++) {
			long started = System.nanoTime();
			assertThat(this.api.get("/v1/users/alice/push/language", ALICE).status()).isEqualTo(503);
			micros[i] = (System.nanoTime() - started) / 1000;
		}
		java.util.Arrays.sort(micros);

		assertProblem(refused, 503, "upstream-circuit-open");
		assertThat(refused.header("Retry-After")).isEqualTo("1");
		upstream.verify(4, getRequestedFor(urlEqualTo(language)));
		assertThat(output).contains("Circuit of get-language went from CLOSED to OPEN");
		System.out.printf("open circuit: median %d µs per refused call, HTTP round trip and JWT check included%n",
				micros[micros.length / 2]);

		Thread.sleep(1100);
		upstream.stubFor(get(language).willReturn(okJson(data("{\"language\":\"en\"}"))));
		Answer probe = this.api.get("/v1/users/alice/push/language", ALICE);
		// no-cache: the probe's answer is cached, and this read must reach Agora too.
		Answer after = this.api.send(java.net.http.HttpRequest.newBuilder(this.api.uri("/v1/users/alice/push/language"))
			.header("Authorization", "Bearer " + ALICE)
			.header("Cache-Control", "no-cache")
			.build());

		assertThat(probe.status()).as(probe.toString()).isEqualTo(200);
		assertThat(after.status()).as(after.toString()).isEqualTo(200);
		upstream.verify(6, getRequestedFor(urlEqualTo(language)));
		assertThat(output).contains("Circuit of get-language went from OPEN to HALF_OPEN")
			.contains("Circuit of get-language went from HALF_OPEN to CLOSED");
	}

	@Test
	void aFailedProbeOpensTheCircuitAgain(CapturedOutput output) throws InterruptedException {
		String template = PREFIX + "/notification/template/t1";
		upstream.stubFor(get(template).willReturn(error(500, "internal", "down")));
		for (int i = 0; i < 4; i++) {
			this.api.get("/v1/push/templates/t1", TestJwts.admin());
		}
		Thread.sleep(1100);

		Answer probe = this.api.get("/v1/push/templates/t1", TestJwts.admin());
		Answer next = this.api.get("/v1/push/templates/t1", TestJwts.admin());

		assertProblem(probe, 502, "upstream-unavailable");
		assertProblem(next, 503, "upstream-circuit-open");
		upstream.verify(5, getRequestedFor(urlEqualTo(template)));
		assertThat(output).contains("Circuit of get-template went from HALF_OPEN to OPEN");
	}

	@Test
	void clientErrorsDoNotCountAsFailures() {
		String settings = PREFIX + "/users/alice/notification/user/alice";
		upstream.stubFor(get(settings).willReturn(error(400, "required_property_not_found",
				"org.apache.usergrid.persistence.exceptions.RequiredPropertyNotFoundException",
				"Entity user requires a property named username")));

		for (int i = 0; i < 8; i++) {
			assertProblem(this.api.get("/v1/users/alice/push/settings", ALICE), 404, "upstream-not-found");
		}

		upstream.verify(8, getRequestedFor(urlEqualTo(settings)));
	}

}
