package io.pushproxy.hardening;

import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.pushproxy.support.ApiClient.Answer;
import io.pushproxy.support.TestApp;
import io.pushproxy.support.TestJwts;
import io.pushproxy.support.WireMockProxyTest;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.pushproxy.support.TestApp.PREFIX;
import static io.pushproxy.support.Upstream.data;
import static io.pushproxy.support.Upstream.error;
import static io.pushproxy.support.Upstream.okJson;
import static io.pushproxy.support.Upstream.userEnvelope;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives every operation and every kind of error, then searches the log output (at DEBUG)
 * and every answer (headers and body) for the secrets: the App Certificate, the tokens
 * actually sent to Agora, a client secret, the JWT secret and the callers' JWTs. None may
 * appear.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "logging.level.root=DEBUG")
abstract class SecretHygieneScenarios extends WireMockProxyTest {

	static final String CLIENT_SECRET = "YXA6-client-secret-never-to-be-seen";

	final List<String> answers = new ArrayList<>();

	void driveEverything() {
		String alice = TestJwts.user("alice");
		String admin = TestJwts.admin();
		upstream.stubFor(any(urlPathMatching(PREFIX + "/users/alice.*")).willReturn(
				okJson(data("{\"type\":\"ALL\",\"ignoreInterval\":\"\",\"ignoreDuration\":0,\"language\":\"en\"}"))));
		upstream.stubFor(any(urlPathMatching(PREFIX + "/users/alice")).willReturn(
				okJson(userEnvelope("{\"username\":\"alice\",\"nickname\":\"A\",\"notification_display_style\":1}"))));
		upstream.stubFor(any(urlPathMatching(PREFIX + "/notification/template.*")).willReturn(okJson(data(
				"{\"name\":\"t1\",\"title_pattern\":\"T\",\"content_pattern\":\"C\",\"createAt\":1,\"updateAt\":1}"))));
		upstream
			.stubFor(get(PREFIX + "/users/bob/notification/language").willReturn(error(401, "unauthorized", "bad")));
		upstream.stubFor(get(PREFIX + "/users/carol/notification/language").willReturn(error(500, "boom", "x")));
		upstream.stubFor(post(PREFIX + "/token")
			.willReturn(okJson("{\"access_token\":\"opaque-access-token-42\",\"expires_in\":3600}")));

		record(this.api.put("/v1/users/alice/push/display-name", "{\"displayName\":\"A\"}", alice));
		record(this.api.put("/v1/users/alice/push/display-style", "{\"displayStyle\":\"DETAILED\"}", alice));
		record(this.api.get("/v1/users/alice/push/settings", alice));
		record(this.api.put("/v1/users/alice/push/settings", "{\"mode\":\"ALL\"}", alice));
		record(this.api.get("/v1/users/alice/push/conversations/group/42", alice));
		record(this.api.put("/v1/users/alice/push/conversations/user/bob", "{\"mode\":\"NONE\"}", alice));
		record(this.api.get("/v1/users/alice/push/language", alice));
		record(this.api.put("/v1/users/alice/push/language", "{\"language\":\"en\"}", alice));
		record(this.api.post("/v1/push/templates", "{\"name\":\"t1\",\"titlePattern\":\"T\",\"contentPattern\":\"C\"}",
				admin));
		record(this.api.get("/v1/push/templates/t1", admin));
		record(this.api.delete("/v1/push/templates/t1", admin));
		record(this.api.get("/v1/users/bob/push/language", admin));
		record(this.api.get("/v1/users/carol/push/language", admin));
		record(this.api.get("/v1/users/bob/push/language", alice));
		record(this.api.get("/v1/users/alice/push/language", TestJwts.expired("alice")));
		record(this.api.get("/v1/users/alice/push/language", TestJwts.signedWithOtherSecret("alice")));
		record(this.api.put("/v1/users/alice/push/display-name", "{\"displayName\":", alice));
		record(this.api.put("/v1/users/al!ce/push/display-name", "{\"displayName\":\"x\"}", alice));
		record(this.api.get("/v1/push/templates/t1", alice));
		record(this.api.get("/v1/nowhere", alice));
	}

	void record(Answer answer) {
		this.answers.add(answer.response().headers().map() + "\n" + answer.body());
	}

	List<String> secrets() {
		List<String> secrets = new ArrayList<>(List.of(TestApp.APP_CERTIFICATE, TestJwts.SECRET, CLIENT_SECRET,
				TestJwts.user("alice"), TestJwts.admin()));
		for (LoggedRequest request : upstream.findAll(anyRequestedFor(anyUrl()))) {
			String authorization = request.getHeader("Authorization");
			if (authorization != null && authorization.startsWith("Bearer ")) {
				secrets.add(authorization.substring("Bearer ".length()));
			}
		}
		return secrets;
	}

	void assertNothingLeaked(CapturedOutput output) {
		List<String> secrets = secrets();
		assertThat(secrets).hasSizeGreaterThan(5);
		String logs = output.toString();
		for (String secret : secrets) {
			assertThat(logs).as("the log output").doesNotContain(secret);
			assertThat(this.answers).as("the answers").noneMatch((answer) -> answer.contains(secret));
		}
		// Parts of a token are as bad as the whole: no 007 token prefix and no JWT
		// signature.
		assertThat(logs).doesNotContain("007eJ");
	}

}
