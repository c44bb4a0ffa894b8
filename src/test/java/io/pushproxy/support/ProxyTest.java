package io.pushproxy.support;

import io.pushproxy.cache.ReadCache;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Base of the tests that run the whole proxy on a random port in front of one upstream
 * per subclass ({@link WireMockProxyTest}, {@link EmulatorProxyTest}), so that the
 * classes of each share one application context. Before each test the upstream's state is
 * reset and the read cache emptied, and {@link #api} calls the proxy over real HTTP. The
 * caller quota is out of reach: tests of the quota set their own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { TestApp.UNLIMITED_CALLER_RATE, TestApp.UNLIMITED_CALLER_BURST })
public abstract class ProxyTest {

	@LocalServerPort
	protected int port;

	protected ApiClient api;

	/** Emptied before each test: the upstream's state is reset under it. */
	@Autowired
	protected ReadCache readCache;

	@BeforeEach
	void freshUpstreamAndCache() {
		resetUpstream();
		this.readCache.clear();
		this.api = new ApiClient(this.port);
	}

	/** Forgets every request the upstream saw and every state it held. */
	protected abstract void resetUpstream();

}
