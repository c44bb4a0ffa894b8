package io.pushproxy.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A {@link ProxyTest} in front of one shared WireMock upstream. */
public abstract class WireMockProxyTest extends ProxyTest {

	protected static final WireMockServer upstream = startUpstream();

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

	@Override
	protected void resetUpstream() {
		upstream.resetAll();
	}

}
