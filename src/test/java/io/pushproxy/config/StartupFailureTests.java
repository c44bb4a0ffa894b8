package io.pushproxy.config;

import java.util.Map;

import io.pushproxy.PushProxyApplication;
import io.pushproxy.support.TestApp;
import io.pushproxy.support.TestJwts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A missing or malformed setting stops start-up with one line naming it, never its value.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTests {

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|',
			textBlock = """
					agora.app-certificate | not-a-hex-certificate-0123456789 | agora.app-certificate (AGORA_APP_CERTIFICATE) must be 32 hexadecimal characters
					agora.app-certificate |                                  | agora.app-certificate (AGORA_APP_CERTIFICATE) is required but not set
					agora.app-id          | 970CA35de60c44645bbae8a215061b3  | agora.app-id (AGORA_APP_ID) must be 32 hexadecimal characters
					agora.base-url        |                                  | agora.base-url (AGORA_BASE_URL) is required but not set
					agora.base-url        | ftp://a41.chat.agora.io          | agora.base-url (AGORA_BASE_URL) must be an http(s) URL without a path
					agora.org-name        |                                  | agora.org-name (AGORA_ORG_NAME) is required but not set
					agora.app-name        | app#name                         | agora.app-name (AGORA_APP_NAME) must be 1-64 of A-Z a-z 0-9 _ - .
					agora.token-mode      | magic                            | agora.token-mode (AGORA_TOKEN_MODE) must be one of app-token, exchange, client-credentials
					agora.quiet-hours-zone | Mars/Olympus                    | agora.quiet-hours-zone (AGORA_QUIET_HOURS_ZONE) must be an IANA time zone
					agora.rate-limit.get-users | 97531                      | agora.rate-limit.get-users (AGORA_RATE_LIMIT_GET_USERS) is not the budget of an Agora operation: use one of
					agora.rate-limit.get-user | 100007                      | agora.rate-limit.get-user (AGORA_RATE_LIMIT_GET_USER) must be between 2 and 100000
					agora.token-ttl       | PT25H                            | agora.token-ttl (AGORA_TOKEN_TTL) must be between
					proxy.security.jwt.secret | too-short-secret             | proxy.security.jwt.secret (PROXY_SECURITY_JWT_SECRET) must be at least 32 bytes
					proxy.security.jwt.max-age | PT0S                        | proxy.security.jwt.max-age (PROXY_SECURITY_JWT_MAX_AGE) must be between
					proxy.http.body-read-timeout | PT0S                      | proxy.http.body-read-timeout (PROXY_HTTP_BODY_READ_TIMEOUT) must be between
					""")
	void aBadSettingStopsStartUpWithOneLineNamingIt(String property, String value, String expected,
			CapturedOutput output) {
		Map<String, Object> settings = validSettings();
		settings.put(property, (value != null) ? value : "");

		Throwable failure = catchThrowable(() -> start(settings));

		assertThat(failure).isNotNull();
		assertThat(output).contains("Invalid configuration: " + expected);
		if (value != null) {
			assertThat(output.toString()).doesNotContain(value);
		}
		assertThat(output).doesNotContain(TestApp.APP_CERTIFICATE).doesNotContain(TestJwts.SECRET);
	}

	@Test
	void clientCredentialsModeNeedsTheClientSecretButNoCertificate(CapturedOutput output) {
		Map<String, Object> settings = validSettings();
		settings.remove("agora.app-id");
		settings.remove("agora.app-certificate");
		settings.put("agora.token-mode", "client-credentials");
		settings.put("agora.client-id", "YXA6client");

		Throwable failure = catchThrowable(() -> start(settings));

		assertThat(failure).isNotNull();
		assertThat(output).contains("Invalid configuration: agora.client-secret (AGORA_CLIENT_SECRET) is required");
	}

	@Test
	void callerTokensMustBeVerifiableSomehow(CapturedOutput output) {
		Map<String, Object> settings = validSettings();
		settings.remove("proxy.security.jwt.secret");

		Throwable failure = catchThrowable(() -> start(settings));

		assertThat(failure).isNotNull();
		assertThat(output).contains("Invalid configuration: proxy.security.jwt.secret (PROXY_SECURITY_JWT_SECRET) "
				+ "is required unless spring.security.oauth2.resourceserver.jwt.jwk-set-uri");
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|',
			textBlock = """
					agora.base-url | http://a41.chat.agora.io | agora.base-url (AGORA_BASE_URL) must be an https URL unless proxy.allow-insecure-http (PROXY_ALLOW_INSECURE_HTTP) is true
					spring.security.oauth2.resourceserver.jwt.jwk-set-uri | http://idp.example.test/jwks | spring.security.oauth2.resourceserver.jwt.jwk-set-uri (SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI) must be an https URL unless proxy.allow-insecure-http (PROXY_ALLOW_INSECURE_HTTP) is true
					spring.security.oauth2.resourceserver.jwt.issuer-uri | http://idp.example.test | spring.security.oauth2.resourceserver.jwt.issuer-uri (SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI) must be an https URL unless proxy.allow-insecure-http (PROXY_ALLOW_INSECURE_HTTP) is true
					""")
	void aPlainHttpUpstreamStopsStartUpUnlessAllowed(String property, String value, String expected,
			CapturedOutput output) {
		Map<String, Object> settings = validSettings();
		settings.put("agora.base-url", "https://a41.chat.agora.io");
		settings.put("proxy.allow-insecure-http", "false");
		settings.put(property, value);

		Throwable failure = catchThrowable(() -> start(settings));

		assertThat(failure).isNotNull();
		assertThat(output).contains("Invalid configuration: " + expected);
	}

	@Test
	void plainHttpUpstreamsStartWhenAllowed() {
		Map<String, Object> settings = validSettings();
		settings.put("proxy.allow-insecure-http", "true");
		settings.put("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", "http://127.0.0.1:9/jwks");
		try (ConfigurableApplicationContext context = start(settings)) {
			assertThat(context.isRunning()).isTrue();
		}
	}

	@Test
	void withoutAnAudienceStartUpWarnsOnce(CapturedOutput output) {
		Map<String, Object> settings = validSettings();
		settings.put("proxy.security.jwt.audience", "");
		try (ConfigurableApplicationContext context = start(settings)) {
			assertThat(context.isRunning()).isTrue();
		}

		assertThat(
				output.toString().split("proxy.security.jwt.audience \\(PROXY_SECURITY_JWT_AUDIENCE\\) is not set", -1))
			.hasSize(2);
		assertThat(output).contains("WARN");
	}

	@Test
	void withAnAudienceStartUpDoesNotWarn(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start(validSettings())) {
			assertThat(context.isRunning()).isTrue();
		}

		assertThat(output).doesNotContain("PROXY_SECURITY_JWT_AUDIENCE");
	}

	@Test
	void validSettingsStartTheProxy() {
		try (ConfigurableApplicationContext context = start(validSettings())) {
			assertThat(context.isRunning()).isTrue();
		}
	}

	private static Map<String, Object> validSettings() {
		return TestApp.settings("http://127.0.0.1:9");
	}

	private static ConfigurableApplicationContext start(Map<String, Object> settings) {
		return new SpringApplicationBuilder(PushProxyApplication.class).run(TestApp.arguments(settings));
	}

}
