package io.pushproxy.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.pushproxy.cache.ReadCache;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that run the whole proxy on a random port in front of one shared
 * WireMock upstream, so that every class shares one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { TestApp.UNLIMITED_CALLER_RATE, TestApp.UNLIMITED_CALLER_BURST })
public abstract class WireMockProxyTest {

	protected static final WireMockServer upstream = startUpstream();

	@LocalServerPort
	protected int port;

	protected ApiClient api;

	/** Emptied before each test: the upstream's state is reset under it. */
	@Autowired
	protected ReadCache readCache;

	private static WireMockServer startUpstream() {
		WireMockServer server = new WireMockServer(
				WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
		server.start();
		return server;
	}

	@DynamicPropertySource
	static void upstreamProperties(DynamicPropertyRegistry registry) {
		TestApp.register(registry, upstream::baseUrl);
		registry.add("agora.retry.initial-backoff", () -> "20ms");
		registry.add("agora.retry.max-backoff", () -> "100ms");
		// What the image's Dockerfile sets as INFO_IMAGE_REVISION
		// (ManagementEndpointsTests).
		registry.add("info.image.revision", () -> "0123456789abcdef0123456789abcdef01234567");
	}

	@BeforeEach
	void resetUpstream() {
		this.readCache.clear();
		upstream.resetAll();
		this.api = new ApiClient(this.port);
	}

}
