package io.pushproxy.fuzz;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.pushproxy.PushProxyApplication;
import io.pushproxy.agora.AgoraOperation;
import io.pushproxy.fuzz.FuzzInputs.Body;
import io.pushproxy.support.TestApp;
import io.pushproxy.support.TestJwts;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.pushproxy.support.Upstream.data;
import static io.pushproxy.support.Upstream.okJson;
import static io.pushproxy.support.Upstream.userEnvelope;

/**
 * The whole proxy on a random port in front of a WireMock upstream that answers every
 * Agora push call with a plausible 200, started once for the fuzz tests (jqwik properties
 * cannot use Spring's test context), plus an HTTP client that records what each request
 * made the proxy send upstream.
 */
final class FuzzProxy {

	static final String SETTING = "{\"type\":\"NONE\",\"ignoreInterval\":\"21:30-08:00\","
			+ "\"ignoreDuration\":1795852800000}";

	static final String TEMPLATE = "{\"name\":\"welcome\",\"createAt\":1647503749918,\"updateAt\":1647503749918,"
			+ "\"title_pattern\":\"Hello {0}\",\"content_pattern\":\"{0} says {1}\"}";

	static final String USER = "{\"uuid\":\"4759aa70-eba5-11e8-925f-6fa0510823ba\",\"type\":\"user\","
			+ "\"created\":1542595573399,\"modified\":1542596083687,\"activated\":true}";

	private static FuzzProxy running;

	private final WireMockServer upstream;

	private final ConfigurableApplicationContext app;

	private final String baseUrl;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final long startedAt = System.nanoTime();

	private final AtomicLong requests = new AtomicLong();

	private final Map<String, Map<Integer, LongAdder>> statuses = new ConcurrentHashMap<>();

	private final Map<Verdict, LongAdder> verdicts = new ConcurrentHashMap<>();

	private final Map<String, Map<Verdict, LongAdder>> verdictsByRoute = new ConcurrentHashMap<>();

	private final LongAdder resets = new LongAdder();

	private FuzzProxy() {
		this.upstream = new WireMockServer(
				options().dynamicPort().bindAddress("127.0.0.1").maxRequestJournalEntries(1000));
		this.upstream.start();
		stubAgora();
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--management.server.port=0",
				"--agora.base-url=" + this.upstream.baseUrl(), "--agora.org-name=" + TestApp.ORG,
				"--agora.app-name=" + TestApp.APP, "--agora.app-id=" + TestApp.APP_ID,
				"--agora.app-certificate=" + TestApp.APP_CERTIFICATE, "--proxy.security.jwt.secret=" + TestJwts.SECRET,
				// the most the proxy accepts: neither the caller quota nor the upstream
				// budgets may interfere
				"--proxy.caller-limit.rate=100000", "--proxy.caller-limit.burst=100000",
				"--agora.retry.initial-backoff=20ms", "--agora.retry.max-backoff=100ms"));
		for (String budget : AgoraOperation.budgets().keySet()) {
			args.add("--agora.rate-limit." + budget + "=100000");
		}
		this.app = new SpringApplicationBuilder(PushProxyApplication.class).run(args.toArray(String[]::new));
		this.baseUrl = "http://127.0.0.1:" + this.app.getEnvironment().getProperty("local.server.port");
	}

	static synchronized FuzzProxy instance() {
		if (running == null) {
			running = new FuzzProxy();
		}
		return running;
	}

	static synchronized void stop() {
		if (running != null) {
			System.out.println(running.summary());
			running.app.close();
			running.upstream.stop();
			running = null;
		}
	}

	private void stubAgora() {
		String users = TestApp.PREFIX + "/users/[^/]+";
		this.upstream.stubFor(put(urlPathMatching(users)).willReturn(okJson(userEnvelope(USER))));
		this.upstream.stubFor(get(urlPathMatching(users)).willReturn(okJson(userEnvelope(USER))));
		String settings = users + "/notification/(user|chatgroup)/[^/]+";
		this.upstream.stubFor(get(urlPathMatching(settings)).willReturn(okJson(data(SETTING))));
		this.upstream.stubFor(put(urlPathMatching(settings)).willReturn(okJson(data(SETTING))));
		String language = users + "/notification/language";
		this.upstream.stubFor(get(urlPathMatching(language)).willReturn(okJson(data("{\"language\":\"en\"}"))));
		this.upstream.stubFor(put(urlPathMatching(language)).willReturn(okJson(data("{\"language\":\"en\"}"))));
		String templates = TestApp.PREFIX + "/notification/template";
		this.upstream.stubFor(post(urlPathEqualTo(templates)).willReturn(okJson(data(TEMPLATE))));
		this.upstream.stubFor(get(urlPathMatching(templates + "/[^/]+")).willReturn(okJson(data(TEMPLATE))));
		this.upstream.stubFor(delete(urlPathMatching(templates + "/[^/]+")).willReturn(okJson(data(TEMPLATE))));
	}

	/** One request, as described in a report. */
	record Request(String route, String method, String path, Body body, String caller, Map<String, String> headers) {

		Request(String route, String method, String path, Body body, String caller) {
			this(route, method, path, body, caller, Map.of());
		}

		@Override
		public String toString() {
			return this.method + " " + FuzzInputs.abbreviate(this.path, 300) + " as " + this.caller
					+ (this.headers.isEmpty() ? "" : " " + this.headers)
					+ ((this.body != null) ? " with body " + this.body : "");
		}

	}

	/**
	 * The proxy's answer to a request and the requests it sent upstream meanwhile.
	 *
	 * @param status the HTTP status, -1 when no answer came
	 */
	record Exchange(Request request, int status, Map<String, List<String>> headers, String body,
			List<LoggedRequest> forwarded) {

		String header(String name) {
			for (Map.Entry<String, List<String>> header : this.headers.entrySet()) {
				if (header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty()) {
					return header.getValue().get(0);
				}
			}
			return null;
		}

		@Override
		public String toString() {
			StringBuilder text = new StringBuilder().append("request: ")
				.append(this.request)
				.append("\nanswer: ")
				.append(this.status)
				.append(" [Content-Type: ")
				.append(header("Content-Type"))
				.append("] ")
				.append(FuzzInputs.abbreviate(String.valueOf(this.body), 600));
			for (LoggedRequest upstream : this.forwarded) {
				text.append("\nforwarded: ")
					.append(upstream.getMethod())
					.append(' ')
					.append(upstream.getUrl())
					.append(' ')
					.append(FuzzInputs.abbreviate(upstream.getBodyAsString(), 400));
			}
			return text.toString();
		}

	}

	/**
	 * Sends one request with {@code token} (none when null) and collects what reached the
	 * upstream. When the connection is reset before any answer arrives, the request is
	 * sent again, up to twice: Tomcat answers an oversized request line 400 and closes
	 * the connection with request bytes unread, and the TCP reset that follows now and
	 * then destroys the answer before the client reads it. The upstream journal is kept
	 * across the attempts, so a request forwarded before a reset still counts.
	 */
	Exchange send(Request request, String token, Verdict verdict) {
		this.upstream.resetRequests();
		// Each try starts with an empty read cache, so a valid read forwards exactly the
		// calls it needs, whatever the tries before it read.
		this.app.getBean(io.pushproxy.cache.ReadCache.class).clear();
		HttpRequest httpRequest = httpRequest(request, token);
		int status = -1;
		Map<String, List<String>> headers = Map.of();
		String answer = null;
		for (int attempt = 0; attempt < 3 && status == -1; attempt++) {
			try {
				HttpResponse<String> response = this.http.send(httpRequest, HttpResponse.BodyHandlers.ofString());
				status = response.statusCode();
				headers = response.headers().map();
				answer = response.body();
			}
			catch (IOException ex) {
				this.resets.increment();
				answer = "no answer after " + (attempt + 1) + " attempt(s): " + ex;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		List<LoggedRequest> forwarded = new ArrayList<>();
		for (ServeEvent event : this.upstream.getAllServeEvents()) {
			forwarded.add(event.getRequest());
		}
		Collections.reverse(forwarded);
		this.requests.incrementAndGet();
		this.statuses.computeIfAbsent(request.route(), (route) -> new ConcurrentHashMap<>())
			.computeIfAbsent(status, (code) -> new LongAdder())
			.increment();
		this.verdicts.computeIfAbsent(verdict, (v) -> new LongAdder()).increment();
		this.verdictsByRoute.computeIfAbsent(request.route(), (route) -> new ConcurrentHashMap<>())
			.computeIfAbsent(verdict, (v) -> new LongAdder())
			.increment();
		return new Exchange(request, status, headers, answer, forwarded);
	}

	private HttpRequest httpRequest(Request request, String token) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.baseUrl + request.path()))
			.timeout(Duration.ofSeconds(30));
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		request.headers().forEach(builder::header);
		Body body = request.body();
		if (body != null && body.contentType() != null) {
			builder.header("Content-Type", body.contentType());
		}
		if (body != null && body.bytes() != null) {
			builder.method(request.method(), HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
		}
		else {
			builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
		}
		return builder.build();
	}

	String summary() {
		long seconds = Duration.ofNanos(System.nanoTime() - this.startedAt).toSeconds();
		Map<Integer, Long> overall = new TreeMap<>();
		StringBuilder text = new StringBuilder();
		text.append("ApiFuzzTests: ").append(this.requests.get()).append(" requests in ").append(seconds).append(" s");
		Map<Verdict, Long> byVerdict = new TreeMap<>();
		this.verdicts.forEach((verdict, count) -> byVerdict.put(verdict, count.sum()));
		text.append("; inputs the contract says must pass/fail/either: ").append(byVerdict);
		text.append("; connections reset before an answer (sent again): ").append(this.resets.sum());
		new TreeMap<>(this.statuses).forEach((route, counts) -> {
			Map<Integer, Long> sorted = new TreeMap<>();
			counts.forEach((status, count) -> {
				sorted.put(status, count.sum());
				overall.merge(status, count.sum(), Long::sum);
			});
			Map<Verdict, Long> routeVerdicts = new TreeMap<>();
			this.verdictsByRoute.getOrDefault(route, Map.of())
				.forEach((verdict, count) -> routeVerdicts.put(verdict, count.sum()));
			text.append("\n  ")
				.append(String.format("%-28s", route))
				.append(sorted)
				.append("  inputs ")
				.append(routeVerdicts);
		});
		text.append("\n  ").append(String.format("%-28s", "all routes")).append(overall);
		return text.toString();
	}

}
