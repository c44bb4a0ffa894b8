package io.pushproxy.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import io.pushproxy.support.ApiClient.Answer;
import io.pushproxy.support.MutableClock;
import io.pushproxy.support.TestJwts;
import io.pushproxy.support.WireMockProxyTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.pushproxy.support.Upstream.okJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token the proxy has verified once is remembered ({@link VerifiedTokens}), but its
 * claim rules still run on every request: a remembered token that has grown older than
 * the maximum age is refused like any other, and a token differing only in its signature
 * is verified afresh.
 */
@Import(RememberedTokenTests.Clocks.class)
@TestPropertySource(properties = "proxy.security.jwt.max-age=30m")
class RememberedTokenTests extends WireMockProxyTest {

	@Autowired
	private MutableClock clock;

	@Test
	void aRememberedTokenOlderThanTheMaximumAgeIsRefusedAndNothingIsForwarded() {
		upstream.stubFor(get(urlPathMatching(".*/notification/language"))
			.willReturn(okJson("{\"data\":{\"language\":\"en\"}}")));
		String token = token(Date.from(this.clock.instant()));

		Answer first = call(token);
		Answer second = call(token);
		this.clock.advance(Duration.ofMinutes(32));
		upstream.resetRequests();
		Answer later = call(token);

		assertThat(first.status()).as(first.toString()).isEqualTo(200);
		assertThat(second.status()).as(second.toString()).isEqualTo(200);
		assertThat(later.status()).as(later.toString()).isEqualTo(401);
		assertThat(later.header("WWW-Authenticate")).startsWith("Bearer");
		upstream.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void aRememberedTokenWithAnotherSignatureIsVerifiedAgainAndRefused() {
		upstream.stubFor(get(urlPathMatching(".*/notification/language"))
			.willReturn(okJson("{\"data\":{\"language\":\"en\"}}")));
		String token = token(Date.from(this.clock.instant()));
		Answer first = call(token);
		String signature = token.substring(token.lastIndexOf('.') + 1);
		String tampered = token.substring(0, token.lastIndexOf('.') + 1) + ((signature.charAt(0) == 'A') ? 'B' : 'A')
				+ signature.substring(1);
		upstream.resetRequests();

		Answer answer = call(tampered);

		assertThat(first.status()).as(first.toString()).isEqualTo(200);
		assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
		upstream.verify(0, anyRequestedFor(anyUrl()));
	}

	private Answer call(String token) {
		return this.api.get("/v1/users/me/push/language", token);
	}

	private static String token(Date issuedAt) {
		return TestJwts.sign(TestJwts.SECRET,
				TestJwts.claims("alice", null, Duration.ofHours(2))
					.issueTime(issuedAt)
					.expirationTime(Date.from(Instant.now().plus(Duration.ofHours(2))))
					.build());
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Clocks {

		@Bean
		@Primary
		MutableClock mutableClock() {
			return new MutableClock(Instant.now());
		}

	}

}
