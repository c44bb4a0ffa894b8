package io.pushproxy.support;

import io.pushproxy.cache.ReadCache;
import io.pushproxy.emulator.AgoraEmulator;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that run the whole proxy on a random port in front of the project's
 * stateful Agora emulator, which checks the 007 token's signature and enforces 100/s per
 * operation like the real service.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { TestApp.UNLIMITED_CALLER_RATE, TestApp.UNLIMITED_CALLER_BURST })
public abstract class EmulatorProxyTest {

	protected static final AgoraEmulator emulator = startEmulator();

	@LocalServerPort
	protected int port;

	protected ApiClient api;

	/** Emptied before each test: the upstream's state is reset under it. */
	@Autowired
	protected ReadCache readCache;

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

	@BeforeEach
	void resetEmulator() {
		this.readCache.clear();
		emulator.reset();
		this.api = new ApiClient(this.port);
	}

}
