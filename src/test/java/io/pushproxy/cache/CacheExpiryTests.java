package io.pushproxy.cache;

import io.pushproxy.support.ApiClient.Answer;
import io.pushproxy.support.EmulatorProxyTest;
import io.pushproxy.support.TestJwts;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An entry is served for the TTL and no longer: the read after that goes upstream once.
 */
@TestPropertySource(properties = "proxy.cache.ttl=PT0.4S")
class CacheExpiryTests extends EmulatorProxyTest {

	private static final String ALICE = TestJwts.user("alice");

	@Test
	void aReadAfterTheTtlMakesOneUpstreamCall() throws InterruptedException {
		assertThat(this.api.get("/v1/users/me/push/language", ALICE).header("Cache-Status"))
			.isEqualTo("agora-push-proxy; fwd=miss");
		assertThat(this.api.get("/v1/users/me/push/language", ALICE).header("Cache-Status"))
			.isEqualTo("agora-push-proxy; hit");
		assertThat(emulator.arrivals("get-language")).hasSize(1);

		Thread.sleep(600);
		Answer expired = this.api.get("/v1/users/me/push/language", ALICE);
		Answer again = this.api.get("/v1/users/me/push/language", ALICE);

		assertThat(expired.status()).isEqualTo(200);
		assertThat(expired.header("Cache-Status")).isEqualTo("agora-push-proxy; fwd=miss");
		assertThat(again.header("Cache-Status")).isEqualTo("agora-push-proxy; hit");
		assertThat(emulator.arrivals("get-language")).hasSize(2);
	}

}
