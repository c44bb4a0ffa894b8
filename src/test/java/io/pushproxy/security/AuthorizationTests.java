package io.pushproxy.security;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.http.RequestMethod;
import io.pushproxy.support.ApiClient.Answer;
import io.pushproxy.support.TestJwts;
import io.pushproxy.support.WireMockProxyTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.matching.RequestPatternBuilder.newRequestPattern;
import static io.pushproxy.support.TestApp.PREFIX;
import static io.pushproxy.support.Upstream.data;
import static io.pushproxy.support.Upstream.okJson;
import static io.pushproxy.support.Upstream.userEnvelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Who may call what, through real HTTP: tokens that do not authenticate are 401 with a
 * {@code Bearer} challenge, callers acting beyond their right are 403, and neither ever
 * reaches the (WireMock) upstream. Also the request id every answer carries.
 */
class AuthorizationTests extends WireMockProxyTest {

	private static final String ALICE = TestJwts.user("alice");

	private static final String ADMIN = TestJwts.admin();

	private static final String PROBLEM_TYPE = "urn:agora-push-proxy:problem:";

	private static final String TEMPLATE_DATA = "{\"name\":\"welcome\",\"createAt\":1700000000000,"
			+ "\"updateAt\":1700000000001,\"title_pattern\":\"Hi {0}\",\"content_pattern\":\"Welcome to {1}\"}";

	/**
	 * The eight user-level routes: method, path after {@code /v1/users/{user}/push}, a
	 * valid body, and the upstream path after {@code /users/{username}} ({@code %s} is
	 * the username).
	 */
	static Stream<Arguments> userRoutes() {
		return Stream.of(arguments("PUT", "/display-name", "{\"displayName\":\"Alice\"}", ""),
				arguments("PUT", "/display-style", "{\"displayStyle\":\"SUMMARY\"}", ""),
				arguments("GET", "/settings", null, "/notification/user/%s"),
				arguments("PUT", "/settings", "{\"mode\":\"ALL\"}", "/notification/user/%s"),
				arguments("GET", "/conversations/group/12345", null, "/notification/chatgroup/12345"),
				arguments("PUT", "/conversations/user/carol", "{\"mode\":\"NONE\"}", "/notification/user/carol"),
				arguments("GET", "/language", null, "/notification/language"),
				arguments("PUT", "/language", "{\"language\":\"en\"}", "/notification/language"));
	}

	// ---------------------------------------------------------------- authentication

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("userRoutes")
	void aCallWithoutATokenIsUnauthenticatedWithABearerChallenge(String method, String route, String body) {
		Answer answer = this.api.send(method, "/v1/users/alice/push" + route, body, null);

		assertUnauthenticated(answer);
		assertNothingForwarded();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "GET", "POST", "DELETE" })
	void aTemplateCallWithoutATokenIsUnauthenticated(String method) {
		String path = "POST".equals(method) ? "/v1/push/templates" : "/v1/push/templates/welcome";
		String body = "POST".equals(method) ? newTemplate() : null;

		Answer answer = this.api.send(method, path, body, null);

		assertUnauthenticated(answer);
		assertNothingForwarded();
	}

	static Stream<Arguments> tokensThatDoNotAuthenticate() {
		return Stream.of(arguments("signed with another secret", TestJwts.signedWithOtherSecret("alice")),
				arguments("expired", TestJwts.expired("alice")),
				arguments("an expired admin",
						TestJwts.sign(TestJwts.SECRET,
								TestJwts.claims("svc", TestJwts.ADMIN_SCOPE, Duration.ofHours(-1)).build())),
				arguments("garbage", "not-a-jwt"), arguments("three garbage parts", "aaa.bbb.ccc"),
				arguments("unsigned (alg none)", unsigned("alice")),
				arguments("neither a username nor the admin scope",
						TestJwts.sign(TestJwts.SECRET, TestJwts.claims(null, null, Duration.ofHours(1)).build())),
				arguments("another scope but no username",
						TestJwts.sign(TestJwts.SECRET,
								TestJwts.claims(null, "push:read", Duration.ofHours(1)).build())),
				arguments("a blank username",
						TestJwts.sign(TestJwts.SECRET, TestJwts.claims(" ", null, Duration.ofHours(1)).build())));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("tokensThatDoNotAuthenticate")
	void aTokenThatDoesNotAuthenticateIsUnauthenticated(String description, String token) {
		Answer answer = this.api.get("/v1/users/alice/push/settings", token);

		assertUnauthenticated(answer);
		assertNothingForwarded();
	}

	@Test
	void anAuthorizationHeaderThatIsNotBearerIsUnauthenticated() {
		HttpRequest request = HttpRequest.newBuilder(this.api.uri("/v1/users/alice/push/settings"))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Basic YWxpY2U6c2VjcmV0")
			.GET()
			.build();

		Answer answer = this.api.send(request);

		assertUnauthenticated(answer);
		assertNothingForwarded();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("tokensThatDoNotAuthenticate")
	void aTokenThatDoesNotAuthenticateIsUnauthenticatedForTemplatesToo(String description, String token) {
		Answer answer = this.api.post("/v1/push/templates", newTemplate(), token);

		assertUnauthenticated(answer);
		assertNothingForwarded();
	}

	// ---------------------------------------------------------------- the {user} rule

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("userRoutes")
	void aUserActingOnAnotherUserIsForbidden(String method, String route, String body) {
		Answer answer = this.api.send(method, "/v1/users/bob/push" + route, body, ALICE);

		assertProblem(answer, 403);
		assertNothingForwarded();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("userRoutes")
	void aUserWhoseNameOnlyStartsLikeTheCallersIsForbidden(String method, String route, String body) {
		Answer answer = this.api.send(method, "/v1/users/alice2/push" + route, body, ALICE);

		assertProblem(answer, 403);
		assertNothingForwarded();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("userRoutes")
	void aUserNamingItselfInAnotherCaseIsAllowed(String method, String route, String body, String upstreamPath) {
		stubEveryUserRoute();

		Answer answer = this.api.send(method, "/v1/users/ALICE/push" + route, body, ALICE);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		assertForwardedOnce(method, "/users/ALICE" + upstreamPath.formatted("ALICE"));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("userRoutes")
	void meIsTheCaller(String method, String route, String body, String upstreamPath) {
		stubEveryUserRoute();

		Answer answer = this.api.send(method, "/v1/users/me/push" + route, body, ALICE);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		assertForwardedOnce(method, "/users/alice" + upstreamPath.formatted("alice"));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("userRoutes")
	void anAdminMayActForAnyone(String method, String route, String body, String upstreamPath) {
		stubEveryUserRoute();

		Answer answer = this.api.send(method, "/v1/users/bob/push" + route, body, ADMIN);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		assertForwardedOnce(method, "/users/bob" + upstreamPath.formatted("bob"));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("userRoutes")
	void anAdminCannotUseMe(String method, String route, String body) {
		Answer answer = this.api.send(method, "/v1/users/me/push" + route, body, TestJwts.adminWithoutUsername());

		assertProblem(answer, 400);
		assertNothingForwarded();
	}

	@Test
	void anAdminWithoutAUsernameMayStillNameAUser() {
		stubEveryUserRoute();

		Answer answer = this.api.get("/v1/users/bob/push/settings", TestJwts.adminWithoutUsername());

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		assertForwardedOnce("GET", "/users/bob/notification/user/bob");
	}

	@Test
	void theAdminScopeMayComeAsAnScpList() {
		String token = TestJwts.sign(TestJwts.SECRET,
				TestJwts.claims("backend-service", null, Duration.ofHours(1))
					.claim("scp", List.of("push:read", TestJwts.ADMIN_SCOPE))
					.build());
		stubEveryUserRoute();

		Answer answer = this.api.get("/v1/users/bob/push/settings", token);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		assertForwardedOnce("GET", "/users/bob/notification/user/bob");
	}

	@Test
	void anScpAdminListWithoutAUsernameAuthenticatesAndMayUseTemplates() {
		String token = TestJwts.sign(TestJwts.SECRET,
				TestJwts.claims(null, null, Duration.ofHours(1)).claim("scp", List.of(TestJwts.ADMIN_SCOPE)).build());
		upstream.stubFor(get(PREFIX + "/notification/template/welcome").willReturn(okJson(data(TEMPLATE_DATA))));

		Answer answer = this.api.get("/v1/push/templates/welcome", token);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		upstream.verify(1, getRequestedFor(urlEqualTo(PREFIX + "/notification/template/welcome")));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "push:admin2", "PUSH:ADMIN", "push", "admin", "push:admin:extra" })
	void aScopeThatOnlyResemblesTheAdminScopeGivesNoAdminRights(String scope) {
		String token = TestJwts.withScope("alice", scope);

		Answer forBob = this.api.get("/v1/users/bob/push/settings", token);
		Answer templates = this.api.get("/v1/push/templates/welcome", token);

		assertProblem(forBob, 403);
		assertProblem(templates, 403);
		assertNothingForwarded();
	}

	@Test
	void anAdminScopeListedAmongOthersInTheScopeClaimCounts() {
		stubEveryUserRoute();

		Answer answer = this.api.get("/v1/users/bob/push/settings",
				TestJwts.withScope("svc", "push:read " + TestJwts.ADMIN_SCOPE + " push:write"));

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		assertForwardedOnce("GET", "/users/bob/notification/user/bob");
	}

	// ---------------------------------------------------------------- templates

	static Stream<Arguments> templateCalls() {
		return Stream.of(arguments("POST", "/v1/push/templates", newTemplate()),
				arguments("GET", "/v1/push/templates/welcome", null),
				arguments("DELETE", "/v1/push/templates/welcome", null));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("templateCalls")
	void templatesAreForbiddenToUsers(String method, String path, String body) {
		Answer answer = this.api.send(method, path, body, ALICE);

		assertProblem(answer, 403);
		assertNothingForwarded();
	}

	@Test
	void anAdminCreatesATemplateAndGetsItsLocation() {
		upstream.stubFor(post(PREFIX + "/notification/template").willReturn(okJson(data(TEMPLATE_DATA))));

		Answer answer = this.api.post("/v1/push/templates", newTemplate(), ADMIN);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
		assertThat(answer.header("Location")).as("Location").isNotNull();
		assertThat(URI.create(answer.header("Location")).getPath()).isEqualTo("/v1/push/templates/welcome");
		assertTemplate(answer.json());
		upstream.verify(1,
				postRequestedFor(urlEqualTo(PREFIX + "/notification/template")).withRequestBody(equalToJson(
						"{\"name\":\"welcome\",\"title_pattern\":\"Hi {0}\",\"content_pattern\":\"Welcome to {1}\"}",
						false, false)));
	}

	@Test
	void anAdminReadsATemplateInAppTerms() {
		upstream.stubFor(get(PREFIX + "/notification/template/welcome").willReturn(okJson(data(TEMPLATE_DATA))));

		Answer answer = this.api.get("/v1/push/templates/welcome", ADMIN);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		assertTemplate(answer.json());
		upstream.verify(1, getRequestedFor(urlEqualTo(PREFIX + "/notification/template/welcome")));
	}

	@Test
	void anAdminDeletesATemplate() {
		upstream.stubFor(delete(PREFIX + "/notification/template/welcome").willReturn(okJson(data(TEMPLATE_DATA))));

		Answer answer = this.api.delete("/v1/push/templates/welcome", ADMIN);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(204);
		assertThat(answer.body()).isEmpty();
		upstream.verify(1, deleteRequestedFor(urlEqualTo(PREFIX + "/notification/template/welcome")));
		assertThat(upstream.getAllServeEvents()).hasSize(1);
	}

	@Test
	void aTemplateUnknownUpstreamIsNotFound() {
		upstream.stubFor(get(PREFIX + "/notification/template/missing").willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"entity_not_found\",\"exception\":\"x.EntityNotFoundException\","
					+ "\"timestamp\":1,\"duration\":0,\"error_description\":\"missing template is not exist\"}")));

		Answer answer = this.api.get("/v1/push/templates/missing", ADMIN);

		assertProblem(answer, 404);
		assertThat(answer.json().get("detail").asString()).contains("missing template is not exist");
		assertThat(answer.body()).doesNotContain("x.EntityNotFoundException").doesNotContain("entity_not_found");
		upstream.verify(1, getRequestedFor(urlEqualTo(PREFIX + "/notification/template/missing")));
	}

	// ---------------------------------------------------------------- X-Request-Id

	static Stream<Arguments> answersOfEveryKind() {
		return Stream.of(arguments(200, "GET", "/v1/users/alice/push/settings", null, ALICE),
				arguments(401, "GET", "/v1/users/alice/push/settings", null, null),
				arguments(401, "GET", "/v1/users/alice/push/settings", null, "garbage"),
				arguments(403, "GET", "/v1/users/bob/push/settings", null, ALICE),
				arguments(403, "GET", "/v1/push/templates/welcome", null, ALICE),
				arguments(400, "PUT", "/v1/users/alice/push/display-name", "{\"displayName\":\"\"}", ALICE),
				arguments(400, "PUT", "/v1/users/alice/push/display-name", "{\"displayName\":", ALICE),
				arguments(404, "GET", "/v1/nope", null, ALICE));
	}

	@ParameterizedTest(name = "{0}: {1} {2}")
	@MethodSource("answersOfEveryKind")
	void everyAnswerCarriesARequestId(int status, String method, String path, String body, String token) {
		stubEveryUserRoute();

		Answer answer = this.api.send(method, path, body, token);

		assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
		assertThat(answer.header("X-Request-Id")).as("X-Request-Id of " + answer).isNotBlank();
		if (status != 200) {
			assertProblem(answer, status);
		}
	}

	@ParameterizedTest(name = "{0}: {1} {2}")
	@MethodSource("answersOfEveryKind")
	void aSaneCallerRequestIdIsEchoedAndQuotedInProblems(int status, String method, String path, String body,
			String token) {
		stubEveryUserRoute();

		Answer answer = this.api.send(withRequestId(method, path, body, token, "abc-123"));

		assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
		assertThat(answer.header("X-Request-Id")).isEqualTo("abc-123");
		if (status != 200) {
			assertThat(answer.json().get("requestId").asString()).isEqualTo("abc-123");
		}
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "<script>", "abc 123", "abc\"123", "abc/123", "ab%0d%0aX-Evil:1" })
	void anInsaneCallerRequestIdIsReplaced(String offered) {
		Answer answer = this.api.send(withRequestId("GET", "/v1/users/bob/push/settings", null, ALICE, offered));

		assertProblem(answer, 403);
		assertThat(answer.header("X-Request-Id")).isNotBlank().isNotEqualTo(offered).matches("[A-Za-z0-9._:-]{1,64}");
		assertThat(answer.json().get("requestId").asString()).isEqualTo(answer.header("X-Request-Id"));
		assertThat(answer.body()).doesNotContain(offered);
		assertThat(answer.response().headers().firstValue("X-Evil")).isEmpty();
	}

	@Test
	void aRequestIdOfTwoHundredCharactersIsReplaced() {
		String offered = "a".repeat(200);

		Answer answer = this.api.send(withRequestId("GET", "/v1/users/bob/push/settings", null, ALICE, offered));

		assertProblem(answer, 403);
		assertThat(answer.header("X-Request-Id")).isNotBlank().isNotEqualTo(offered).hasSizeLessThanOrEqualTo(64);
		assertThat(answer.body()).doesNotContain(offered);
	}

	@Test
	void eachRequestWithoutAnIdGetsADifferentOne() {
		Answer first = this.api.get("/v1/users/bob/push/settings", ALICE);
		Answer second = this.api.get("/v1/users/bob/push/settings", ALICE);

		assertThat(first.header("X-Request-Id")).isNotBlank().isNotEqualTo(second.header("X-Request-Id"));
	}

	// ---------------------------------------------------------------- support

	/** Answers every upstream call a user-level route makes with a plausible body. */
	private static void stubEveryUserRoute() {
		upstream.stubFor(put(urlPathMatching(PREFIX + "/users/[^/]+"))
			.willReturn(okJson(userEnvelope("{\"nickname\":\"Alice\",\"notification_display_style\":0}"))));
		upstream.stubFor(any(urlPathMatching(PREFIX + "/users/[^/]+/notification/(user|chatgroup)/[^/]+"))
			.willReturn(okJson(data("{\"type\":\"ALL\",\"ignoreInterval\":\"\",\"ignoreDuration\":0}"))));
		upstream.stubFor(any(urlPathMatching(PREFIX + "/users/[^/]+/notification/language"))
			.willReturn(okJson(data("{\"language\":\"en\"}"))));
	}

	private static void assertForwardedOnce(String method, String upstreamPath) {
		upstream.verify(1, newRequestPattern(RequestMethod.fromString(method), urlEqualTo(PREFIX + upstreamPath)));
		assertThat(upstream.getAllServeEvents()).as("requests that reached the upstream").hasSize(1);
	}

	private static void assertTemplate(JsonNode template) {
		assertThat(template.get("name").asString()).isEqualTo("welcome");
		assertThat(template.get("titlePattern").asString()).isEqualTo("Hi {0}");
		assertThat(template.get("contentPattern").asString()).isEqualTo("Welcome to {1}");
		assertThat(Instant.parse(template.get("createdAt").asString())).isEqualTo(Instant.ofEpochMilli(1700000000000L));
		assertThat(Instant.parse(template.get("updatedAt").asString())).isEqualTo(Instant.ofEpochMilli(1700000000001L));
		assertThat(template.get("createdAt").asString()).endsWith("Z");
	}

	private static void assertUnauthenticated(Answer answer) {
		assertProblem(answer, 401);
		assertThat(answer.header("WWW-Authenticate")).as("WWW-Authenticate of " + answer).startsWith("Bearer");
	}

	/**
	 * An {@code application/problem+json} answer with every member the contract names.
	 */
	private static void assertProblem(Answer answer, int status) {
		assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
		assertThat(answer.contentType()).as("Content-Type of " + answer).startsWith("application/problem+json");
		JsonNode problem = answer.json();
		assertThat(text(problem, "type")).as("type of " + answer).startsWith(PROBLEM_TYPE);
		assertThat(text(problem, "title")).as("title of " + answer).isNotBlank();
		assertThat(problem.hasNonNull("status") ? problem.get("status").asInt() : null).as("status of " + answer)
			.isEqualTo(status);
		assertThat(text(problem, "detail")).as("detail of " + answer).isNotBlank();
		assertThat(text(problem, "instance")).as("instance of " + answer).isNotBlank();
		assertThat(text(problem, "requestId")).as("requestId of " + answer)
			.isNotBlank()
			.isEqualTo(answer.header("X-Request-Id"));
		assertThat(answer.body()).as("body of " + answer).doesNotContain("Exception").doesNotContain("\tat ");
	}

	private static String text(JsonNode node, String field) {
		return node.hasNonNull(field) ? node.get(field).asString() : null;
	}

	private static void assertNothingForwarded() {
		upstream.verify(0, anyRequestedFor(anyUrl()));
		assertThat(upstream.getAllServeEvents()).as("requests that reached the upstream").isEmpty();
	}

	private HttpRequest withRequestId(String method, String path, String body, String token, String requestId) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.api.uri(path))
			.timeout(Duration.ofSeconds(30))
			.header("X-Request-Id", requestId);
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (body != null) {
			request.header("Content-Type", "application/json");
			request.method(method, HttpRequest.BodyPublishers.ofString(body));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		return request.build();
	}

	/** A token with {@code alg: none}: a valid shape, but no signature. */
	private static String unsigned(String username) {
		Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
		String header = base64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
		String claims = base64.encodeToString(
				("{\"sub\":\"" + username + "\",\"exp\":" + Instant.now().plusSeconds(3600).getEpochSecond() + "}")
					.getBytes(StandardCharsets.UTF_8));
		return header + "." + claims + ".";
	}

	private static String newTemplate() {
		return "{\"name\":\"welcome\",\"titlePattern\":\"Hi {0}\",\"contentPattern\":\"Welcome to {1}\"}";
	}

}
