package io.pushproxy.faults;

import io.pushproxy.support.ApiClient.Answer;
import io.pushproxy.support.TestJwts;
import io.pushproxy.support.WireMockProxyTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.test.context.TestPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.pushproxy.faults.FaultMatrixTests.assertProblem;
import static io.pushproxy.support.TestApp.PREFIX;
import static io.pushproxy.support.Upstream.data;
import static io.pushproxy.support.Upstream.error;
import static io.pushproxy.support.Upstream.okJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An upstream {@code Retry-After} of a day, or one too large for any number type, pauses
 * the operation for at most {@code agora.retry.max-retry-after} (here 2 s; 60 s by
 * default, which {@code UpstreamClassifierTests} proves) and is never a 500.
 */
@TestPropertySource(properties = "agora.retry.max-retry-after=2s")
class RetryAfterCapTests extends WireMockProxyTest {

	@ParameterizedTest(name = "Retry-After: {0}")
	@CsvSource({ "86400, /users/alice/notification/language, /v1/users/alice/push/language",
			"99999999999999999999999999999999999999, /notification/template/huge, /v1/push/templates/huge",
			"'Fri, 31 Dec 9999 23:59:59 GMT', /users/alice/notification/user/alice, /v1/users/alice/push/settings" })
	void aHugeRetryAfterIsCappedAndNeverA500(String retryAfter, String upstreamPath, String path)
			throws InterruptedException {
		String url = PREFIX + upstreamPath;
		String token = path.startsWith("/v1/push") ? TestJwts.admin() : TestJwts.user("alice");
		upstream.stubFor(get(url).willReturn(error(429, "reach_limit", "This request has reached API limit.")
			.withHeader("Retry-After", retryAfter)));

		Answer first = this.api.get(path, token);
		Answer paused = this.api.get(path, token);

		assertProblem(first, 429, "upstream-rate-limited");
		assertThat(first.header("Retry-After")).isEqualTo("2");
		assertProblem(paused, 429, "upstream-rate-limited");
		assertThat(Integer.parseInt(paused.header("Retry-After"))).isBetween(1, 2);
		assertThat(upstream.findAll(anyRequestedFor(urlEqualTo(url)))).hasSize(1);

		upstream.stubFor(get(url).willReturn(okJson(data(upstreamPath.contains("template")
				? "{\"name\":\"huge\",\"createAt\":1,\"updateAt\":1,\"title_pattern\":\"t\",\"content_pattern\":\"c\"}"
				: upstreamPath.endsWith("language") ? "{\"language\":\"en\"}" : "{\"type\":\"ALL\"}"))));
		long deadline = System.nanoTime() + 5_000_000_000L;
		int status = 0;
		while (status != 200 && System.nanoTime() < deadline) {
			Thread.sleep(250);
			status = this.api.get(path, token).status();
		}
		assertThat(status).as("answered within 5 s of a Retry-After capped at 2 s").isEqualTo(200);
	}

}
