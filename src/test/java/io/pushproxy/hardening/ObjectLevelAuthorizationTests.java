package io.pushproxy.hardening;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.pushproxy.support.ApiClient.Answer;
import io.pushproxy.support.TestJwts;
import io.pushproxy.support.WireMockProxyTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.pushproxy.support.TestApp.PREFIX;
import static io.pushproxy.support.Upstream.data;
import static io.pushproxy.support.Upstream.okJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Broken object-level authorization: alice reaches only her own settings, whatever form
 * the {@code {user}} or peer takes. Anything else is 400, 403 or 404, and if a request
 * reaches upstream at all it is for {@code /users/alice/...}.
 */
class ObjectLevelAuthorizationTests extends WireMockProxyTest {

	private static final String ALICE = TestJwts.user("alice");

	@BeforeEach
	void answerEverything() {
		upstream
			.stubFor(get(urlPathMatching(".*")).willReturn(okJson(data("{\"type\":\"ALL\",\"ignoreDuration\":0}"))));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "bob", "BOB", "Bob", "alice.", "alice_", "%62ob", "%42OB", "bob%2F..%2Falice",
			"alice%2F..%2Fbob", "%2e%2e", "%2E%2E%2Fbob", "..%2Fbob", "me%2F..%2Fbob", "me%2Fbob", "me%00", "me%0d%0a",
			"alice%0d%0aX-Injected:%201", "me%20", "%20me", "mE", "ME", "me..", "alice%3Bbob", "alice%3Fuser=bob",
			"alice%23bob", "%C3%A4lice", "alice%EF%BC%8Fbob" })
	void anotherUserInAnyFormIsRefusedAndNeverReachesUpstreamAsSomeoneElse(String user) {
		Answer answer = send("/v1/users/" + user + "/push/settings");

		assertThat(answer.status()).as(user + " -> " + answer).isIn(400, 403, 404);
		assertThat(answer.contentType()).startsWith("application/problem+json");
		upstream.verify(0, anyRequestedFor(anyUrl()));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "/v1/users/alice/../bob/push/settings", "/v1/users/me/../bob/push/settings",
			"/v1/users/alice/push/../../bob/push/settings", "/v1/users/./bob/push/settings",
			"/v1/users//bob/push/settings", "/v1/users/alice/push/conversations/user/bob%2F..%2Fcarol",
			"/v1/users/alice/push/conversations/user/..%2F..%2Fbob", "/v1/users/alice/push/conversations/group/1%2F2",
			"/v1/users/alice;bob/push/settings", "/v1/users/alice/push/settings;user=bob" })
	void dotSegmentsAndParametersNeverLeadToAnotherUser(String path) {
		Answer answer = send(path);

		List<LoggedRequest> forwarded = upstream.findAll(anyRequestedFor(anyUrl()));
		assertThat(forwarded)
			.allSatisfy((request) -> assertThat(request.getUrl()).startsWith(PREFIX + "/users/alice/"));
		if (forwarded.isEmpty()) {
			assertThat(answer.status()).as(path + " -> " + answer).isIn(400, 403, 404);
			assertThat(answer.contentType()).startsWith("application/problem+json");
		}
	}

	private Answer send(String rawPath) {
		return this.api.send(HttpRequest.newBuilder(URI.create(this.api.uri("").toString() + rawPath))
			.header("Authorization", "Bearer " + ALICE)
			.GET()
			.build());
	}

}
