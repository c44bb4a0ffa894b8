package io.pushproxy.faults;

import java.util.List;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.pushproxy.support.ApiClient.Answer;
import io.pushproxy.support.TestJwts;
import io.pushproxy.support.WireMockProxyTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.pushproxy.faults.FaultMatrixTests.assertProblem;
import static io.pushproxy.support.TestApp.PREFIX;
import static io.pushproxy.support.Upstream.data;
import static io.pushproxy.support.Upstream.error;
import static io.pushproxy.support.Upstream.inTurn;
import static io.pushproxy.support.Upstream.okJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Agora's error semantics with the default timeouts and retry budget (WireMock stages the
 * answers): the exception decides before the status, a plan limit is not retried, a lone
 * 429 of a second is absorbed, and callers see Agora's words only when they are admins.
 */
@ExtendWith(OutputCaptureExtension.class)
class UpstreamSemanticsTests extends WireMockProxyTest {

	private static final String ALICE = TestJwts.user("alice");

	private static final String TEMPLATES = PREFIX + "/notification/template";

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource({ "GET, /v1/users/alice/push/language, /users/alice/notification/language",
			"PUT, /v1/users/alice/push/language, /users/alice/notification/language",
			"DELETE, /v1/push/templates/lone429, /notification/template/lone429" })
	void aLone429WithRetryAfterOfOneSecondIsAbsorbedWithTheDefaults(String method, String path, String upstreamPath) {
		String url = PREFIX + upstreamPath;
		inTurn(upstream, () -> request(method, url),
				error(429, "reach_limit", "com.easemob.im.common.exception.ReachLimitException",
						"This request has reached API limit.")
					.withHeader("Retry-After", "1"),
				okJson(data(upstreamPath.startsWith("/users") ? "{\"language\":\"en\"}"
						: "{\"name\":\"lone429\",\"createAt\":1,\"updateAt\":1,\"title_pattern\":\"t\","
								+ "\"content_pattern\":\"c\"}")));
		String token = path.startsWith("/v1/push") ? TestJwts.admin() : ALICE;

		long started = System.nanoTime();
		Answer answer = this.api.send(method, path, "PUT".equals(method) ? "{\"language\":\"en\"}" : null, token);
		long tookMillis = (System.nanoTime() - started) / 1_000_000;

		assertThat(answer.status()).as(answer.toString()).isIn(200, 204);
		assertThat(upstream.findAll(anyRequestedFor(urlEqualTo(url)))).hasSize(2);
		assertThat(tookMillis).isGreaterThanOrEqualTo(1000);
	}

	@Test
	void aPlanLimitIsA503AndNotRetried() {
		String url = PREFIX + "/users/alice/notification/user/alice";
		upstream.stubFor(get(url)
			.willReturn(error(429, "resource_limited", "com.easemob.im.common.exception.ResourceLimitedException",
					"The app's monthly quota is used up")
				.withHeader("Retry-After", "1")));

		Answer answer = this.api.get("/v1/users/alice/push/settings", ALICE);

		assertProblem(answer, 503, "upstream-plan-limit");
		assertThat(answer.json().get("detail").asString())
			.isEqualTo("The pricing plan's quota for this App Key is used up");
		assertThat(upstream.findAll(anyRequestedFor(urlEqualTo(url)))).hasSize(1);
	}

	@Test
	void aMissingTemplateIsA404AndAnyOther400IsUpstreamRejected() {
		upstream.stubFor(get(TEMPLATES + "/gone").willReturn(error(400, "illegal_argument",
				"com.easemob.push.exception.EntityNotFoundException", "gone template is not exist")));
		upstream.stubFor(put(PREFIX + "/users/alice/notification/language").willReturn(error(400, "illegal_argument",
				"java.lang.IllegalArgumentException", "parameters is invalid : translationLanguage")));

		Answer missing = this.api.get("/v1/push/templates/gone", TestJwts.admin());
		Answer rejected = this.api.put("/v1/users/alice/push/language", "{\"language\":\"en\"}", ALICE);

		assertProblem(missing, 404, "upstream-not-found");
		assertThat(missing.json().get("detail").asString()).isEqualTo("gone template is not exist");
		assertProblem(rejected, 400, "upstream-rejected");
		assertThat(rejected.json().get("detail").asString()).isEqualTo("Agora rejected the request");
	}

	@Test
	void agorasTextReachesOnlyAdminsAndTheLogWithTheRequestId(CapturedOutput output) {
		String url = PREFIX + "/users/alice/notification/user/alice";
		upstream.stubFor(WireMock.put(url)
			.willReturn(error(400, "illegal_argument", "java.lang.IllegalArgumentException",
					"parameters is invalid : ignoreInterval internal-id 17")));
		String body = "{\"mode\":\"NONE\"}";

		Answer user = this.api.put("/v1/users/alice/push/settings", body, ALICE);
		Answer admin = this.api.put("/v1/users/alice/push/settings", body, TestJwts.admin());

		assertProblem(user, 400, "upstream-rejected");
		assertThat(user.body()).doesNotContain("parameters is invalid").doesNotContain("internal-id");
		assertThat(user.json().get("detail").asString()).isEqualTo("Agora rejected the request");
		assertProblem(admin, 400, "upstream-rejected");
		assertThat(admin.json().get("detail").asString())
			.isEqualTo("parameters is invalid : ignoreInterval internal-id 17");
		for (Answer answer : List.of(user, admin)) {
			assertThat(output.getOut()
				.lines()
				.filter((line) -> line.contains(answer.header("X-Request-Id"))
						&& line.contains("parameters is invalid : ignoreInterval internal-id 17")))
				.hasSize(1);
		}
	}

	private static MappingBuilder request(String method, String url) {
		return WireMock.request(method, urlEqualTo(url));
	}

}
