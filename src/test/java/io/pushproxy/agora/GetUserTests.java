package io.pushproxy.agora;

import io.pushproxy.agora.UpstreamFailure.Kind;
import io.pushproxy.support.EmulatorProxyTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Operation {@code get-user} ({@code GET /users/{username}}) against the emulator: the
 * entity's push fields, absent until set, under a budget of its own.
 */
class GetUserTests extends EmulatorProxyTest {

	@Autowired
	private AgoraChat agora;

	@Autowired
	private RateLimits rateLimits;

	@Test
	void aUserIsReadWithItsPushNicknameAndDisplayStyleOnceSet() {
		emulator.registerUser("gus");
		UserEntity fresh = this.agora.user("gus");
		this.agora.updateUser("gus", new UserAttributes("Gus", 1));

		UserEntity written = this.agora.user("GUS");
		// Read back from the cache after the write; then from Agora itself.
		this.readCache.clear();
		UserEntity set = this.agora.user("GUS");

		assertThat(fresh.username()).isEqualTo("gus");
		assertThat(fresh.nickname()).isNull();
		assertThat(fresh.notificationDisplayStyle()).isNull();
		assertThat(written).isEqualTo(set);
		assertThat(set.nickname()).isEqualTo("Gus");
		assertThat(set.notificationDisplayStyle()).isEqualTo(1);
		assertThat(emulator.arrivals("get-user")).hasSize(2);
		assertThat(emulator.arrivals("user-attributes")).hasSize(1);
	}

	@Test
	void aUserNeverRegisteredIsNotFound() {
		UpstreamFailure failure = catchThrowableOfType(UpstreamFailure.class, () -> this.agora.user("nobody"));

		assertThat(failure.kind()).isEqualTo(Kind.NOT_FOUND);
		assertThat(failure.operation()).isEqualTo(AgoraOperation.GET_USER);
		assertThat(emulator.arrivals("get-user")).hasSize(1);
	}

	@Test
	void getUserHasItsOwnBudgetOfOneHundredPerSecondByDefault() {
		RateLimits configured = AgoraSettings.rateLimits("agora.rate-limit.get-user=7");

		assertThat(this.rateLimits.perSecond(AgoraOperation.GET_USER.budget())).isEqualTo(100);
		assertThat(configured.perSecond(AgoraOperation.GET_USER.budget())).isEqualTo(7);
		assertThat(configured.perSecond(AgoraOperation.USER_ATTRIBUTES.budget())).isEqualTo(100);
		assertThat(AgoraOperation.GET_USER.key()).isEqualTo("get-user");
	}

}
