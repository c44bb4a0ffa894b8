package io.pushproxy.hardening;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Secret hygiene with a client id and secret traded for an access token. */
@TestPropertySource(properties = { "agora.token-mode=client-credentials", "agora.client-id=YXA6client",
		"agora.client-secret=" + SecretHygieneScenarios.CLIENT_SECRET })
class ClientCredentialsSecretHygieneTests extends SecretHygieneScenarios {

	@Test
	void noSecretReachesALogLineOrAnAnswer(CapturedOutput output) {
		driveEverything();

		assertThat(secrets()).contains("opaque-access-token-42");
		assertNothingLeaked(output);
	}

}
