package io.pushproxy.security;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
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

/** Caller tokens verified through Spring Boot's standard JWK-set setting, with no HS256 secret. */
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

	private static String sign(RSAKey key, String subject) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
					TestJwts.claims(subject, null, Duration.ofMinutes(5)).build());
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
