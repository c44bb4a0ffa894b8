package io.pushproxy.agora;

import io.micrometer.core.instrument.MeterRegistry;
import io.pushproxy.support.TestJwts;
import io.pushproxy.support.WireMockProxyTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.pushproxy.support.TestApp.PREFIX;
import static io.pushproxy.support.Upstream.data;
import static io.pushproxy.support.Upstream.error;
import static io.pushproxy.support.Upstream.inTurn;
import static io.pushproxy.support.Upstream.okJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retries run through a Resilience4j retry per operation, so operators see them as
 * {@code resilience4j_retry_calls} tagged with the operation; a token renewal after a 401
 * is no retry.
 */
class RetryMetricsTests extends WireMockProxyTest {

	private static final String LANGUAGE = PREFIX + "/users/alice/notification/language";

	private static final String ALICE = TestJwts.user("alice");

	@Autowired
	private MeterRegistry meters;

	@Test
	void aCallHealedByARetryCountsAsSuccessfulWithRetry() {
		double withRetry = calls("successful_with_retry");
		inTurn(upstream, () -> get(LANGUAGE), error(503, "service_unavailable", "busy"),
				okJson(data("{\"language\":\"en\"}")));

		assertThat(this.api.get("/v1/users/alice/push/language", ALICE).status()).isEqualTo(200);

		upstream.verify(2, getRequestedFor(urlEqualTo(LANGUAGE)));
		assertThat(calls("successful_with_retry")).isEqualTo(withRetry + 1);
	}

	@Test
	void aTokenRenewalIsNoRetry() {
		double withRetry = calls("successful_with_retry");
		double withoutRetry = calls("successful_without_retry");
		inTurn(upstream, () -> get(LANGUAGE), error(401, "unauthorized", "token expired"),
				okJson(data("{\"language\":\"en\"}")));

		assertThat(this.api.get("/v1/users/alice/push/language", ALICE).status()).isEqualTo(200);

		upstream.verify(2, getRequestedFor(urlEqualTo(LANGUAGE)));
		assertThat(calls("successful_with_retry")).isEqualTo(withRetry);
		assertThat(calls("successful_without_retry")).isEqualTo(withoutRetry + 1);
	}

	private double calls(String kind) {
		return this.meters.get("resilience4j.retry.calls")
			.tags("name", AgoraOperation.GET_LANGUAGE.key(), "kind", kind)
			.functionCounter()
			.count();
	}

}
