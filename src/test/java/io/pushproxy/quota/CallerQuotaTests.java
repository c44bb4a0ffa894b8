package io.pushproxy.quota;

import java.util.ArrayList;
import java.util.List;

import io.pushproxy.support.ApiClient.Answer;
import io.pushproxy.support.TestJwts;
import io.pushproxy.support.WireMockProxyTest;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.pushproxy.support.Upstream.data;
import static io.pushproxy.support.Upstream.okJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-caller quota: a burst of 20 (the default), admins exempt. The rate is 1 a
 * second rather than the default 5, so that a slow machine cannot refill a batch's price
 * between two calls of a test; {@link QuotaSpellingTests} shares the context.
 */
@TestPropertySource(properties = { CallerQuotaTests.RATE, CallerQuotaTests.BURST })
class CallerQuotaTests extends WireMockProxyTest {

	static final String RATE = "proxy.caller-limit.rate=1";

	static final String BURST = "proxy.caller-limit.burst=20";

	@Test
	void aCallerGetsItsBurstThen429WithRetryAfterWhileOthersGoOn() {
		upstream.stubFor(
				get(urlPathMatching(".*/notification/language")).willReturn(okJson(data("{\"language\":\"en\"}"))));
		String carol = TestJwts.user("carol");
		List<Integer> statuses = new ArrayList<>();
		Answer refused = null;
		for (int i = 0; i < 25; i++) {
			Answer answer = this.api.get("/v1/users/carol/push/language", carol);
			statuses.add(answer.status());
			if (answer.status() == 429) {
				refused = answer;
			}
		}

		assertThat(statuses.stream().filter((status) -> status == 200).count()).isBetween(20L, 21L);
		assertThat(refused).isNotNull();
		assertThat(refused.json().get("type").asString()).isEqualTo("urn:agora-push-proxy:problem:caller-quota-spent");
		assertThat(Integer.parseInt(refused.header("Retry-After"))).isPositive();
		// The first read reaches Agora, the others admitted are cache hits, and the
		// refused
		// ones forward nothing.
		assertThat(upstream.findAll(getRequestedFor(anyUrl())).size()).isEqualTo(1);
		assertThat(this.api.get("/v1/users/dave/push/language", TestJwts.user("dave")).status()).isEqualTo(200);
	}

	@Test
	void usernamesThatDifferOnlyInCaseShareOneBucket() {
		upstream.stubFor(
				get(urlPathMatching(".*/notification/language")).willReturn(okJson(data("{\"language\":\"en\"}"))));
		String erin = TestJwts.user("erin");
		int status = 200;
		for (int i = 0; i < 60 && status != 429; i++) {
			status = this.api.get("/v1/users/me/push/language", erin).status();
		}

		assertThat(status).isEqualTo(429);
		assertThat(this.api.get("/v1/users/me/push/language", TestJwts.user("ERIN")).status()).isEqualTo(429);
	}

	@Test
	void aBatchCostsOneTokenPerStartedTenIds() {
		StringBuilder fifty = new StringBuilder();
		for (int i = 0; i < 50; i++) {
			fifty.append((i > 0) ? "," : "").append("x");
		}
		String gina = TestJwts.user("gina");
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			statuses.add(this.api.get("/v1/users/me/push/conversations?ids=" + fifty, gina).status());
		}

		// 50 ids cost 5 of the burst of 20 (charged before validation, which refuses
		// these)
		assertThat(statuses).containsExactly(400, 400, 400, 400, 429);
		assertThat(upstream.findAll(getRequestedFor(anyUrl()))).isEmpty();
	}

	@Test
	void adminsAreExemptByDefault() {
		upstream.stubFor(
				get(urlPathMatching(".*/notification/language")).willReturn(okJson(data("{\"language\":\"en\"}"))));

		for (int i = 0; i < 30; i++) {
			assertThat(this.api.get("/v1/users/frank/push/language", TestJwts.admin()).status()).isEqualTo(200);
		}
	}

	@Test
	void memoryStaysBoundedHoweverManyCallersArrive() {
		CallerQuota quota = new CallerQuota(new CallerLimitProperties(5, 20, 0, 200, 1000));

		for (int i = 0; i < 50_000; i++) {
			quota.take("caller-" + i, false);
		}

		assertThat(quota.callersHeld()).isLessThanOrEqualTo(1000);
	}

}
