package io.pushproxy.hardening;

import java.net.http.HttpRequest;
import java.util.stream.Stream;

import io.pushproxy.support.ApiClient.Answer;
import io.pushproxy.support.TestJwts;
import io.pushproxy.support.WireMockProxyTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static io.pushproxy.support.TestApp.PREFIX;
import static io.pushproxy.support.Upstream.data;
import static io.pushproxy.support.Upstream.okJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Security misconfiguration: headers on every answer, no CORS, no internals in any body.
 */
class SecurityHeadersTests extends WireMockProxyTest {

	static Stream<Arguments> answers() {
		return Stream.of(Arguments.of("200", "/v1/users/alice/push/language", TestJwts.user("alice")),
				Arguments.of("400", "/v1/users/al!ce/push/language", TestJwts.user("alice")),
				Arguments.of("401", "/v1/users/alice/push/language", null),
				Arguments.of("403", "/v1/users/bob/push/language", TestJwts.user("alice")),
				Arguments.of("404", "/v1/nowhere", TestJwts.user("alice")),
				Arguments.of("404 outside /v1", "/index.html", null));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("answers")
	void everyAnswerCarriesTheSecurityHeadersAndNoInternals(String name, String path, String token) {
		upstream.stubFor(
				get(PREFIX + "/users/alice/notification/language").willReturn(okJson(data("{\"language\":\"en\"}"))));

		Answer answer = this.api.get(path, token);

		assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
		// A 200 read may be kept by the caller alone, revalidated with its ETag; nothing
		// else may be kept at all.
		if (name.equals("200")) {
			assertThat(answer.header("Cache-Control")).isEqualTo("private, no-cache");
		}
		else {
			assertThat(answer.header("Cache-Control")).contains("no-store");
		}
		assertThat(answer.header("X-Frame-Options")).isEqualTo("DENY");
		assertThat(answer.header("X-Request-Id")).isNotBlank();
		assertThat(answer.body()).doesNotContain("Exception").doesNotContain("java.").doesNotContain("io.pushproxy");
	}

	@Test
	void crossOriginRequestsAreNotAllowedUnlessConfigured() {
		Answer preflight = this.api.send(HttpRequest.newBuilder(this.api.uri("/v1/users/alice/push/language"))
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", "https://evil.example.test")
			.header("Access-Control-Request-Method", "GET")
			.build());
		Answer simple = this.api.send(HttpRequest.newBuilder(this.api.uri("/v1/users/alice/push/language"))
			.header("Origin", "https://evil.example.test")
			.header("Authorization", "Bearer " + TestJwts.user("alice"))
			.build());

		assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
		assertThat(simple.header("Access-Control-Allow-Origin")).isNull();
	}

}
