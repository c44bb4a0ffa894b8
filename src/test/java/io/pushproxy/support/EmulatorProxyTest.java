package io.pushproxy.support;

import io.pushproxy.emulator.AgoraEmulator;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A {@link ProxyTest} in front of the project's stateful Agora emulator, which checks the
 * 007 token's signature and enforces 100/s per operation like the real service.
 */
public abstract class EmulatorProxyTest extends ProxyTest {

	protected static final AgoraEmulator emulator = startEmulator();

	private static AgoraEmulator startEmulator() {
		AgoraEmulator emulator = AgoraEmulator.start(0, TestApp.ORG, TestApp.APP, TestApp.APP_ID,
				TestApp.APP_CERTIFICATE);
		for (String user : new String[] { "alice", "bob", "carol" }) {
			emulator.registerUser(user);
		}
		return emulator;
	}

	@DynamicPropertySource
	static void emulatorProperties(DynamicPropertyRegistry registry) {
		TestApp.register(registry, emulator::baseUrl);
	}

	@Override
	protected void resetUpstream() {
		emulator.reset();
	}

}
