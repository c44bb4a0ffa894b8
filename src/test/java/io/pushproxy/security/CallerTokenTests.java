package io.pushproxy.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.nimbusds.jwt.JWTClaimsSet;
import io.pushproxy.support.ApiClient.Answer;
import io.pushproxy.support.TestJwts;
import io.pushproxy.support.WireMockProxyTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.pushproxy.support.TestApp.PREFIX;
import static io.pushproxy.support.Upstream.okJson;
import static io.pushproxy.support.Upstream.userEnvelope;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a caller token must be to act at all, over real HTTP with HS256 tokens: a username
 * claim of plain ASCII (no Unicode look-alike that folds onto another user), an expiry,
 * and this API's audience. Each refusal is a 401 that never reaches Agora.
 */
class CallerTokenTests extends WireMockProxyTest {

	private static final String DISPLAY_NAME = "{\"displayName\":\"Mallory\"}";

	@ParameterizedTest(name = "sub={0} on /v1/users/{1}")
	@CsvSource({ "ılkay, ilkay", "ılkay, ILKAY", "\u212Aate, kate", "\u212Aate, Kate", "ſam, sam", "ſam, SAM",
			"ᴀlice, alice", "alice\u0130, alicei", "ＡＬＩＣＥ, alice" })
	void aUsernameClaimWithCharactersOutsideAsciiIsUnauthenticatedEvenWhenItFoldsOntoTheUser(String subject,
			String victim) {
		Answer answer = this.api.put("/v1/users/" + victim + "/push/display-name", DISPLAY_NAME,
				TestJwts.user(subject));

		assertRefused(answer, "is not an Agora username");
	}

	@ParameterizedTest(name = "sub=''{0}''")
	@ValueSource(strings = { ".", "..", "al ice", "alice/../bob", "a\u0000b", "ılkay" })
	void aUsernameClaimOutsideTheUsernameRuleIsUnauthenticatedForMeToo(String subject) {
		assertRefused(this.api.put("/v1/users/me/push/display-name", DISPLAY_NAME, TestJwts.user(subject)),
				"is not an Agora username");
	}

	@Test
	void aUsernameClaimOfSixtyFiveCharactersIsUnauthenticated() {
		assertRefused(this.api.put("/v1/users/me/push/display-name", DISPLAY_NAME, TestJwts.user("a".repeat(65))),
				"is not an Agora username");
	}

	@Test
	void anAsciiUsernameStillMatchesItsPathSegmentInAnyCase() {
		upstream.stubFor(put(urlPathMatching(PREFIX + "/users/[^/]+"))
			.willReturn(okJson(userEnvelope("{\"nickname\":\"Ilkay\",\"notification_display_style\":0}"))));

		Answer answer = this.api.put("/v1/users/ilkay/push/display-name", "{\"displayName\":\"Ilkay\"}",
				TestJwts.user("ILKAY"));

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		upstream.verify(1, putRequestedFor(urlEqualTo(PREFIX + "/users/ilkay")));
	}

	@Test
	void aTokenWithoutExpiryIsUnauthenticated() {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("alice")
			.audience(TestJwts.AUDIENCE)
			.issueTime(Date.from(Instant.now().minusSeconds(5)))
			.build();

		assertRefused(
				this.api.put("/v1/users/me/push/display-name", DISPLAY_NAME, TestJwts.sign(TestJwts.SECRET, claims)),
				"exp");
	}

	@Test
	void anOidcIdTokenForAnotherClientIsUnauthenticated() {
		JWTClaimsSet idToken = TestJwts.claims("alice", null, Duration.ofMinutes(5))
			.audience(List.of("other-client"))
			.claim("nonce", "n-0S6_WzA2Mj")
			.build();

		assertRefused(
				this.api.put("/v1/users/me/push/display-name", DISPLAY_NAME, TestJwts.sign(TestJwts.SECRET, idToken)),
				"aud");
	}

	@Test
	void aTokenWithoutAudienceIsUnauthenticatedWhenAnAudienceIsConfigured() {
		JWTClaimsSet claims = TestJwts.claims("alice", null, Duration.ofMinutes(5)).audience((String) null).build();

		assertRefused(
				this.api.put("/v1/users/me/push/display-name", DISPLAY_NAME, TestJwts.sign(TestJwts.SECRET, claims)),
				"aud");
	}

	@Test
	void anExpiredTokenIsUnauthenticatedAndTheDetailSaysSo() {
		assertRefused(this.api.get("/v1/users/me/push/language", TestJwts.expired("alice")), "expired");
	}

	@Test
	void aTokenSignedWithAnotherSecretIsUnauthenticatedAndTheDetailSaysSo() {
		assertRefused(this.api.get("/v1/users/me/push/language", TestJwts.signedWithOtherSecret("alice")), "signature");
	}

	@Test
	void noTokenIsUnauthenticatedAndTheDetailSaysHowToSendOne() {
		assertRefused(this.api.get("/v1/users/me/push/language", null), "Authorization: Bearer");
	}

	/**
	 * 401, never forwarded, and the problem's {@code detail} names the reason, as
	 * {@code WWW-Authenticate} does.
	 */
	private static void assertRefused(Answer answer, String reason) {
		assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
		assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
		assertThat(answer.contentType()).startsWith("application/problem+json");
		assertThat(answer.json().get("detail").asString()).as(answer.toString()).containsIgnoringCase(reason);
		upstream.verify(0, anyRequestedFor(anyUrl()));
	}

}
