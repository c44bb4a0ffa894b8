package io.pushproxy.faults;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import com.github.tomakehurst.wiremock.http.Fault;
import io.pushproxy.support.ApiClient.Answer;
import io.pushproxy.support.TestJwts;
import io.pushproxy.support.WireMockProxyTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.pushproxy.support.TestApp.PREFIX;
import static io.pushproxy.support.Upstream.data;
import static io.pushproxy.support.Upstream.error;
import static io.pushproxy.support.Upstream.inTurn;
import static io.pushproxy.support.Upstream.okJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every way Agora can fail, staged by WireMock: the app-facing answer (status, type,
 * Retry-After) and what upstream saw. Timeouts are short here (connect 200 ms, read 500
 * ms, budget 1.2 s) in the same proportions as the defaults (1 s, 3 s, 6 s).
 */
@TestPropertySource(properties = { "agora.http.connect-timeout=200ms", "agora.http.read-timeout=500ms",
		"agora.retry.budget=1200ms", "agora.circuit-breaker.minimum-calls=10000" })
@ExtendWith(OutputCaptureExtension.class)
class FaultMatrixTests extends WireMockProxyTest {

	private static final String LANGUAGE = PREFIX + "/users/alice/notification/language";

	private static final String TEMPLATES = PREFIX + "/notification/template";

	private static final String ALICE = TestJwts.user("alice");

	@Test
	void aConnectionResetAfterTheRequestWasSentIsRetriedForAReadThenAnswered502() {
		upstream.stubFor(get(LANGUAGE).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

		Answer answer = this.api.get("/v1/users/alice/push/language", ALICE);

		assertProblem(answer, 502, "upstream-unavailable");
		assertThat(upstream.findAll(getRequestedFor(urlEqualTo(LANGUAGE)))).hasSizeGreaterThan(1);
	}

	@Test
	void aConnectionResetAfterATemplateCreationWasSentIsNotRetried() {
		upstream.stubFor(post(TEMPLATES).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

		Answer answer = this.api.post("/v1/push/templates",
				"{\"name\":\"t1\",\"titlePattern\":\"T\",\"contentPattern\":\"C\"}", TestJwts.admin());

		assertProblem(answer, 502, "upstream-unavailable");
		upstream.verify(1, postRequestedFor(urlEqualTo(TEMPLATES)));
	}

	@Test
	void garbageInsteadOfHttpIsAnUnavailableUpstream() {
		upstream.stubFor(get(LANGUAGE).willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));

		Answer answer = this.api.get("/v1/users/alice/push/language", ALICE);

		assertThat(answer.status()).as(answer.toString()).isIn(502);
	}

	@Test
	void anUpstreamThatNeverAnswersIsA504AfterOneReadTimeout() {
		upstream.stubFor(get(LANGUAGE).willReturn(okJson(data("{\"language\":\"en\"}")).withFixedDelay(3000)));

		long started = System.nanoTime();
		Answer answer = this.api.get("/v1/users/alice/push/language", ALICE);
		long tookMillis = (System.nanoTime() - started) / 1_000_000;

		assertProblem(answer, 504, "upstream-timeout");
		upstream.verify(1, getRequestedFor(urlEqualTo(LANGUAGE)));
		System.out.printf("hanging upstream answered 504 after %d ms (read timeout 500 ms)%n", tookMillis);
		assertThat(tookMillis).isLessThan(2900);
	}

	@Test
	void anUpstreamThatDripsSlowerThanTheReadTimeoutIsA504() {
		upstream
			.stubFor(get(LANGUAGE).willReturn(okJson(data("{\"language\":\"en\"}")).withChunkedDribbleDelay(5, 4000)));

		Answer answer = this.api.get("/v1/users/alice/push/language", ALICE);

		assertProblem(answer, 504, "upstream-timeout");
	}

	@ParameterizedTest(name = "upstream {0}")
	@ValueSource(ints = { 500, 502, 503, 504 })
	void serverErrorsAreRetriedThenAnswered502(int status) {
		upstream.stubFor(get(LANGUAGE).willReturn(error(status, "server_error", "trouble")));

		Answer answer = this.api.get("/v1/users/alice/push/language", ALICE);

		assertProblem(answer, 502, "upstream-unavailable");
		assertThat(answer.json().get("detail").asString()).contains(String.valueOf(status));
		assertThat(upstream.findAll(getRequestedFor(urlEqualTo(LANGUAGE)))).hasSizeBetween(2, 4);
	}

	@Test
	void aFirstAttemptThatSucceedsLeavesNoLogLineAtInfo(CapturedOutput output) {
		upstream.stubFor(get(LANGUAGE).willReturn(okJson(data("{\"language\":\"en\"}"))));

		assertThat(this.api.get("/v1/users/alice/push/language", ALICE).status()).isEqualTo(200);

		upstream.verify(1, getRequestedFor(urlEqualTo(LANGUAGE)));
		assertThat(output).doesNotContain("upstream operation=get-language");
	}

	@Test
	void aServerErrorThatHealsIsInvisibleToTheCaller(CapturedOutput output) {
		inTurn(upstream, () -> get(LANGUAGE), error(502, "bad_gateway", "trouble"),
				okJson(data("{\"language\":\"en\"}")));

		Answer answer = this.api.get("/v1/users/alice/push/language", ALICE);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		upstream.verify(2, getRequestedFor(urlEqualTo(LANGUAGE)));
		assertThat(output).contains("upstream operation=get-language attempt=1 status=502")
			.contains("upstream operation=get-language attempt=2 status=200");
	}

	// An upstream 429 pauses its whole operation, so each of these tests uses an
	// operation of its own.

	@Test
	void a429WithRetryAfterInSecondsIsPassedOnAndPausesTheOperation() {
		String settings = PREFIX + "/users/alice/notification/user/alice";
		upstream.stubFor(get(settings).willReturn(
				error(429, "reach_limit", "This request has reached API limit.").withHeader("Retry-After", "2")));

		Answer first = this.api.get("/v1/users/alice/push/settings", ALICE);
		Answer second = this.api.get("/v1/users/alice/push/settings", ALICE);

		assertProblem(first, 429, "upstream-rate-limited");
		assertThat(first.header("Retry-After")).isEqualTo("2");
		assertProblem(second, 429, "upstream-rate-limited");
		assertThat(Integer.parseInt(second.header("Retry-After"))).isBetween(1, 2);
		upstream.verify(1, getRequestedFor(urlEqualTo(settings)));
	}

	@Test
	void a429WithRetryAfterAsAnHttpDateIsUnderstood() {
		String inThreeSeconds = DateTimeFormatter.RFC_1123_DATE_TIME
			.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(3));
		upstream
			.stubFor(get(TEMPLATES + "/t1").willReturn(error(429, "reach_limit", "This request has reached API limit.")
				.withHeader("Retry-After", inThreeSeconds)));

		Answer answer = this.api.get("/v1/push/templates/t1", TestJwts.admin());

		assertProblem(answer, 429, "upstream-rate-limited");
		assertThat(Integer.parseInt(answer.header("Retry-After"))).isBetween(2, 3);
		upstream.verify(1, getRequestedFor(urlEqualTo(TEMPLATES + "/t1")));
	}

	@Test
	void a429WithoutRetryAfterBacksOffForOneSecond() {
		upstream.stubFor(com.github.tomakehurst.wiremock.client.WireMock.put(LANGUAGE)
			.willReturn(error(429, "reach_limit", "This request has reached API limit.")));

		Answer answer = this.api.put("/v1/users/alice/push/language", "{\"language\":\"en\"}", ALICE);

		assertProblem(answer, 429, "upstream-rate-limited");
		assertThat(answer.header("Retry-After")).isEqualTo("1");
	}

	@Test
	void a401OnceIsHealedByAFreshToken() {
		inTurn(upstream, () -> get(LANGUAGE), error(401, "unauthorized", "token expired"),
				okJson(data("{\"language\":\"en\"}")));

		assertThat(this.api.get("/v1/users/alice/push/language", ALICE).status()).isEqualTo(200);
		upstream.verify(2, getRequestedFor(urlEqualTo(LANGUAGE)));
	}

	@Test
	void a401EveryTimeIsA502AfterOneRenewalNeverALoop() {
		upstream.stubFor(get(LANGUAGE).willReturn(error(401, "unauthorized", "wrong certificate")));

		Answer answer = this.api.get("/v1/users/alice/push/language", ALICE);

		assertProblem(answer, 502, "upstream-credentials");
		upstream.verify(2, getRequestedFor(urlEqualTo(LANGUAGE)));
	}

	@Test
	void a403IsPassedOnWithAFixedTextForAUserAndAgorasOwnForAnAdmin() {
		upstream
			.stubFor(get(LANGUAGE).willReturn(error(403, "forbidden_op", "push advanced features are not enabled")));

		Answer user = this.api.get("/v1/users/alice/push/language", ALICE);
		Answer admin = this.api.get("/v1/users/alice/push/language", TestJwts.admin());

		assertProblem(user, 403, "upstream-forbidden");
		assertThat(user.json().get("detail").asString()).isEqualTo("Agora refused the operation for this App Key");
		assertProblem(admin, 403, "upstream-forbidden");
		assertThat(admin.json().get("detail").asString()).isEqualTo("push advanced features are not enabled");
		upstream.verify(2, getRequestedFor(urlEqualTo(LANGUAGE)));
	}

	@Test
	void a404IsTheProxysMisconfigurationA502LoggedAtError(CapturedOutput output) {
		upstream.stubFor(get(LANGUAGE).willReturn(error(404, "organization_application_not_found", "url is invalid")));

		Answer answer = this.api.get("/v1/users/alice/push/language", ALICE);

		assertProblem(answer, 502, "upstream-misconfigured");
		assertThat(answer.json().get("detail").asString()).doesNotContain("url is invalid");
		upstream.verify(1, getRequestedFor(urlEqualTo(LANGUAGE)));
		assertThat(output.getOut()
			.lines()
			.filter((line) -> line.contains(answer.header("X-Request-Id")) && line.contains("ERROR")
					&& line.contains("status=404") && line.contains("url is invalid")))
			.hasSize(1);
	}

	@ParameterizedTest(name = "200 with body [{0}]")
	@ValueSource(strings = { "", "<html>oops</html>", "{\"data\":\"not an object\"}", "[1,2,3]", "{\"no\":\"data\"}" })
	void aSuccessWithAnUnreadableBodyIsA502(String body) {
		upstream.stubFor(get(LANGUAGE)
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));

		Answer answer = this.api.get("/v1/users/alice/push/language", ALICE);

		assertProblem(answer, 502, "upstream-bad-response");
		upstream.verify(1, getRequestedFor(urlEqualTo(LANGUAGE)));
	}

	static void assertProblem(Answer answer, int status, String type) {
		assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
		assertThat(answer.contentType()).startsWith("application/problem+json");
		assertThat(answer.json().get("type").asString()).isEqualTo("urn:agora-push-proxy:problem:" + type);
		assertThat(answer.json().get("requestId").asString()).isEqualTo(answer.header("X-Request-Id"));
		assertThat(answer.body()).doesNotContain("Exception").doesNotContain("at io.");
	}

}
