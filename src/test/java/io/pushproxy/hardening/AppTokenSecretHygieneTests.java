package io.pushproxy.hardening;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.system.CapturedOutput;

/** Secret hygiene with locally built app tokens. */
class AppTokenSecretHygieneTests extends SecretHygieneScenarios {

	@Test
	void noSecretReachesALogLineOrAnAnswer(CapturedOutput output) {
		driveEverything();

		assertNothingLeaked(output);
	}

}
