package io.pushproxy.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.pushproxy.support.ApiClient;
import io.pushproxy.support.ApiClient.Answer;
import io.pushproxy.support.TestApp;
import io.pushproxy.support.TestJwts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.pushproxy.support.Upstream.data;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Caller tokens verified through Spring Boot's standard JWK-set setting, with no HS256
 * secret: the same claim rules as HS256 (expiry, audience, maximum age), and a JWK
 * endpoint that a flood of unknown key ids cannot turn into a flood of fetches.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JwkSetCallerTests {

	private static final RSAKey KEY = rsaKey("issuer-key");

	private static final WireMockServer server = start();

	@LocalServerPort
	int port;

	private static WireMockServer start() {
		WireMockServer wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		wireMock.start();
		wireMock.stubFor(get("/.well-known/jwks.json").willReturn(okJson(new JWKSet(KEY.toPublicJWK()).toString())));
		wireMock.stubFor(get(TestApp.PREFIX + "/users/alice/notification/language")
			.willReturn(okJson(data("{\"language\":\"en\"}"))));
		return wireMock;
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
				() -> server.baseUrl() + "/.well-known/jwks.json");
		registry.add("proxy.security.jwt.max-age", () -> "1h");
		registry.add("agora.base-url", server::baseUrl);
		registry.add("agora.org-name", () -> TestApp.ORG);
		registry.add("agora.app-name", () -> TestApp.APP);
		registry.add("agora.app-id", () -> TestApp.APP_ID);
		registry.add("agora.app-certificate", () -> TestApp.APP_CERTIFICATE);
	}

	@AfterAll
	static void stop() {
		server.stop();
	}

	@Test
	void aTokenSignedByTheIssuersKeyIsAccepted() {
		Answer answer = new ApiClient(this.port).get("/v1/users/me/push/language", sign(KEY, "alice"));

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		server.verify(getRequestedFor(urlEqualTo(TestApp.PREFIX + "/users/alice/notification/language")));
	}

	@Test
	void aTokenSignedByAnotherKeyOrWithTheSandboxSecretIsRefused() {
		ApiClient api = new ApiClient(this.port);

		Answer otherKey = api.get("/v1/users/me/push/language", sign(rsaKey("issuer-key"), "alice"));
		Answer hs256 = api.get("/v1/users/me/push/language", TestJwts.user("alice"));

		assertThat(List.of(otherKey.status(), hs256.status())).containsOnly(401);
		assertThat(otherKey.header("WWW-Authenticate")).startsWith("Bearer");
	}

	@Test
	void aTokenWithoutExpiryIsRefused() {
		Answer answer = new ApiClient(this.port).get("/v1/users/me/push/language",
				sign(KEY, TestJwts.claims("alice", null, Duration.ofMinutes(5)).expirationTime(null).build()));

		assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
	}

	@Test
	void anOidcIdTokenOfTheSameIssuerForAnotherClientIsRefused() {
		JWTClaimsSet idToken = TestJwts.claims("alice", null, Duration.ofMinutes(5))
			.audience(List.of("other-client"))
			.claim("nonce", "n-0S6_WzA2Mj")
			.build();

		Answer answer = new ApiClient(this.port).get("/v1/users/me/push/language", sign(KEY, idToken));

		assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
	}

	@Test
	void aTokenOlderThanTheMaximumAgeIsRefused() {
		JWTClaimsSet old = TestJwts.claims("alice", null, Duration.ofMinutes(5))
			.issueTime(Date.from(Instant.now().minus(Duration.ofHours(2))))
			.build();

		Answer answer = new ApiClient(this.port).get("/v1/users/me/push/language", sign(KEY, old));

		assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
	}

	@Test
	void fiftyTokensWithRandomKeyIdsCauseABoundedNumberOfJwkSetFetches() {
		ApiClient api = new ApiClient(this.port);
		assertThat(api.get("/v1/users/me/push/language", sign(KEY, "alice")).status()).isEqualTo(200);
		int before = jwkSetFetches();

		RSAKey strangersKey = rsaKey("stranger");
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			RSAKey stranger = new RSAKey.Builder(strangersKey).keyID(UUID.randomUUID().toString()).build();
			statuses.add(api.get("/v1/users/me/push/language", sign(stranger, "alice")).status());
		}
		int fetches = jwkSetFetches() - before;
		Answer stillKnown = api.get("/v1/users/me/push/language", sign(KEY, "alice"));

		System.out.printf("50 tokens with unknown key ids caused %d JWK set fetches%n", fetches);
		assertThat(statuses).containsOnly(401);
		assertThat(fetches).isLessThanOrEqualTo(2);
		assertThat(stillKnown.status()).as(stillKnown.toString()).isEqualTo(200);
	}

	private static int jwkSetFetches() {
		return server.countRequestsMatching(getRequestedFor(urlEqualTo("/.well-known/jwks.json")).build()).getCount();
	}

	private static String sign(RSAKey key, String subject) {
		return sign(key, TestJwts.claims(subject, null, Duration.ofMinutes(5)).build());
	}

	private static String sign(RSAKey key, JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
					claims);
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static RSAKey rsaKey(String id) {
		try {
			return new RSAKeyGenerator(2048).keyID(id).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
