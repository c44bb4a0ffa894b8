package io.pushproxy.faults;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.pushproxy.PushProxyApplication;
import io.pushproxy.support.ApiClient;
import io.pushproxy.support.ApiClient.Answer;
import io.pushproxy.support.TestApp;
import io.pushproxy.support.TestJwts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static io.pushproxy.support.TestApp.PREFIX;
import static io.pushproxy.support.Upstream.data;
import static io.pushproxy.support.Upstream.okJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stopping the proxy mid-request: readiness goes down, new requests are refused, the
 * request in flight finishes.
 */
class GracefulShutdownTests {

	private final WireMockServer upstream = new WireMockServer(WireMockConfiguration.options().dynamicPort());

	@AfterEach
	void stopUpstream() {
		this.upstream.stop();
	}

	@Test
	void aRequestInFlightFinishesWhileReadinessIsDownAndNewRequestsAreRefused() throws Exception {
		this.upstream.start();
		this.upstream.stubFor(get(PREFIX + "/users/alice/notification/language")
			.willReturn(okJson(data("{\"language\":\"en\"}")).withFixedDelay(1500)));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(PushProxyApplication.class)
			.run(TestApp.arguments(Map.of("server.port", "0", "agora.base-url", this.upstream.baseUrl(),
					"agora.org-name", TestApp.ORG, "agora.app-name", TestApp.APP, "agora.app-id", TestApp.APP_ID,
					"agora.app-certificate", TestApp.APP_CERTIFICATE, "proxy.security.jwt.secret", TestJwts.SECRET)));
		List<String> events = new CopyOnWriteArrayList<>();
		context.addApplicationListener((ApplicationListener<AvailabilityChangeEvent<?>>) (event) -> events
			.add(String.valueOf(event.getState())));
		int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
		ApiClient api = new ApiClient(port);

		CompletableFuture<Answer> inFlight = CompletableFuture
			.supplyAsync(() -> api.get("/v1/users/alice/push/language", TestJwts.user("alice")));
		while (this.upstream.getAllServeEvents().isEmpty()) {
			Thread.sleep(10);
		}
		CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);
		Thread.sleep(300);
		boolean newRequestRefused = refused(port);
		Answer finished = inFlight.get(10, TimeUnit.SECONDS);
		events.add("in-flight answered " + finished.status());
		closing.get(30, TimeUnit.SECONDS);

		assertThat(finished.status()).as(finished.toString()).isEqualTo(200);
		assertThat(newRequestRefused).isTrue();
		assertThat(events).containsSubsequence(ReadinessState.REFUSING_TRAFFIC.toString(), "in-flight answered 200");
	}

	/** A request on a new connection during shutdown is not served. */
	private static boolean refused(int port) throws InterruptedException {
		HttpClient fresh = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		HttpRequest request = HttpRequest
			.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/actuator/health"))
			.timeout(Duration.ofSeconds(1))
			.build();
		try {
			HttpResponse<String> response = fresh.send(request, HttpResponse.BodyHandlers.ofString());
			return response.statusCode() >= 500;
		}
		catch (IOException ex) {
			return true;
		}
	}

}
