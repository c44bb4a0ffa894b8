package io.pushproxy.push;

import io.pushproxy.support.ApiClient.Answer;
import io.pushproxy.support.TestJwts;
import io.pushproxy.support.WireMockProxyTest;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.pushproxy.support.TestApp.PREFIX;
import static io.pushproxy.support.Upstream.data;
import static io.pushproxy.support.Upstream.okJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An App Key whose quiet hours Agora reads in Asia/Shanghai (UTC+8, no daylight saving):
 * the exact window that leaves the proxy, and the window read back in the caller's zone.
 */
@TestPropertySource(properties = "agora.quiet-hours-zone=Asia/Shanghai")
class UpstreamQuietHoursZoneTests extends WireMockProxyTest {

	private static final String SETTINGS = PREFIX + "/users/alice/notification/user/alice";

	@Test
	void tokyoHoursAreSentAnHourEarlierInShanghaiAndReadBackAsSent() {
		upstream
			.stubFor(put(SETTINGS).willReturn(okJson(data("{\"type\":\"ALL\",\"ignoreInterval\":\"21:00-06:00\"}"))));
		upstream
			.stubFor(get(SETTINGS).willReturn(okJson(data("{\"type\":\"ALL\",\"ignoreInterval\":\"21:00-06:00\"}"))));
		String alice = TestJwts.user("alice");

		Answer put = this.api.put("/v1/users/me/push/settings",
				"{\"quietHours\":{\"start\":\"22:00\",\"end\":\"07:00\",\"timeZone\":\"Asia/Tokyo\"}}", alice);
		Answer plain = this.api.get("/v1/users/me/push/settings", alice);

		assertThat(put.status()).as(put.toString()).isEqualTo(200);
		upstream.verify(1, putRequestedFor(urlEqualTo(SETTINGS))
			.withRequestBody(equalToJson("{\"ignoreInterval\":\"21:00-06:00\"}")));
		assertThat(put.json().get("quietHours").toString())
			.isEqualTo("{\"start\":\"22:00\",\"end\":\"07:00\",\"timeZone\":\"Asia/Tokyo\"}");
		assertThat(plain.json().get("quietHours").toString())
			.isEqualTo("{\"start\":\"21:00\",\"end\":\"06:00\",\"timeZone\":\"Asia/Shanghai\"}");
	}

}
