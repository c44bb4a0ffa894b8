package io.pushproxy.cache;

import io.pushproxy.support.ApiClient.Answer;
import io.pushproxy.support.EmulatorProxyTest;
import io.pushproxy.support.TestJwts;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code PT0S} turns the cache off: every read goes upstream and says so; ETags and 304
 * still work, computed from Agora's answer.
 */
@TestPropertySource(properties = "proxy.cache.ttl=PT0S")
class CacheOffTests extends EmulatorProxyTest {

	private static final String ALICE = TestJwts.user("alice");

	@Test
	void everyReadGoesUpstreamAndConditionalReadsStillWork() {
		this.api.put("/v1/users/me/push/language", "{\"language\":\"de\"}", ALICE);
		Answer first = this.api.get("/v1/users/me/push/language", ALICE);
		Answer second = this.api.send(java.net.http.HttpRequest.newBuilder(this.api.uri("/v1/users/me/push/language"))
			.header("Authorization", "Bearer " + ALICE)
			.header("If-None-Match", first.header("ETag"))
			.build());

		assertThat(first.json().get("language").asString()).isEqualTo("de");
		assertThat(first.header("Cache-Status")).isEqualTo("agora-push-proxy; fwd=bypass");
		assertThat(second.status()).isEqualTo(304);
		assertThat(emulator.arrivals("get-language")).hasSize(2);
	}

}
