package io.pushproxy.emulator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import static io.pushproxy.emulator.ChatOperations.CREATE_TEMPLATE;
import static io.pushproxy.emulator.ChatOperations.DELETE_TEMPLATE;
import static io.pushproxy.emulator.ChatOperations.GET_LANGUAGE;
import static io.pushproxy.emulator.ChatOperations.GET_PUSH_SETTINGS;
import static io.pushproxy.emulator.ChatOperations.GET_TEMPLATE;
import static io.pushproxy.emulator.ChatOperations.GET_USER;
import static io.pushproxy.emulator.ChatOperations.SET_LANGUAGE;
import static io.pushproxy.emulator.ChatOperations.SET_PUSH_SETTINGS;
import static io.pushproxy.emulator.ChatOperations.TOKEN;
import static io.pushproxy.emulator.ChatOperations.USER_ATTRIBUTES;

/**
 * A stateful stand-in for the Agora Chat REST service's offline-push API, served on
 * 127.0.0.1 by the JDK's HTTP server. It checks tokens, bodies and rate limits strictly
 * and records every authenticated request's arrival time per operation, so tests can
 * assert what a client sent and how fast.
 * <p>
 * Like Agora it answers a push call for a user that was never registered, and a missing
 * template, with a 400 naming the exception ({@code RequiredPropertyNotFoundException},
 * {@code EntityNotFoundException}), and a wrong URL with 404 {@code url is invalid}.
 * <p>
 * Operations: {@code user-attributes}, {@code get-user}, {@code set-push-settings},
 * {@code get-push-settings}, {@code set-language}, {@code get-language},
 * {@code create-template}, {@code get-template}, {@code delete-template} and
 * {@code token}.
 * <p>
 * An operation can be made slow ({@link #delay}): its answers then leave after the delay,
 * without holding a server thread meanwhile, as a sick endpoint of the real service would
 * answer.
 * <p>
 * {@code GET /_emulator/calls} answers, per operation, the requests that arrived and
 * those answered 429 since the last {@link #reset()}, for a benchmark that runs the
 * emulator in another process ({@code bench/settings-screen.sh}).
 */
public final class AgoraEmulator implements AutoCloseable {

	private static final int DEFAULT_RATE_LIMIT = 100;

	private static final int THREADS = 32;

	private static final String JSON = "application/json";

	/**
	 * The path parameters of a conversation's push settings, not the app level's (whose
	 * key is the user itself): for {@link #delay(String, Duration, Predicate)} on
	 * {@code get-push-settings} or {@code set-push-settings}.
	 */
	public static final Predicate<List<String>> CONVERSATIONS = (params) -> params.size() == 3
			&& !params.get(2).equalsIgnoreCase(params.get(0));

	static {
		// Without TCP_NODELAY the JDK server's separate header and body writes meet the
		// client's delayed ACK: about 40 ms per response, far too slow to test rate
		// limits.
		// The server reads this once, when the first HttpServer of the JVM is created.
		if (System.getProperty("sun.net.httpserver.nodelay") == null) {
			System.setProperty("sun.net.httpserver.nodelay", "true");
		}
	}

	private final String orgName;

	private final String appName;

	private final String applicationUuid = UUID.randomUUID().toString();

	private final EmulatorState state = new EmulatorState();

	private final ChatOperations operations = new ChatOperations(this.state);

	private final RateLimiter rateLimiter = new RateLimiter(DEFAULT_RATE_LIMIT);

	private final TokenAuthority tokens;

	private final HttpServer server;

	private final ExecutorService executor;

	private final Map<String, Delay> delays = new ConcurrentHashMap<>();

	private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "agora-emulator-later");
		thread.setDaemon(true);
		return thread;
	});

	private AgoraEmulator(int port, String orgName, String appName, String appId, String appCertificate)
			throws IOException {
		this.orgName = orgName;
		this.appName = appName;
		this.tokens = new TokenAuthority(appId, appCertificate);
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 256);
		AtomicInteger threadCount = new AtomicInteger();
		this.executor = Executors.newFixedThreadPool(THREADS, (runnable) -> {
			Thread thread = new Thread(runnable, "agora-emulator-" + threadCount.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.createContext("/_emulator/calls", this::calls);
		this.server.start();
	}

	public static AgoraEmulator start(int port, String orgName, String appName, String appId, String appCertificate) {
		try {
			return new AgoraEmulator(port, orgName, appName, appId, appCertificate);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the Agora emulator on port " + port, ex);
		}
	}

	/** {@code http://127.0.0.1:<port>}, without the org and app. */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/**
	 * Registers the user if absent; usernames are case-insensitive and stored
	 * lower-cased. Users never registered are answered as Agora answers them: 400
	 * {@code RequiredPropertyNotFoundException}.
	 */
	public void registerUser(String username) {
		if (username == null || !ChatOperations.USERNAME.matcher(username).matches()) {
			throw new IllegalArgumentException("username " + username + " is not legal");
		}
		this.state.registerUser(username);
	}

	/** Accepts these for the {@code client_credentials} grant at {@code /token}. */
	public void clientCredentials(String id, String secret) {
		this.tokens.clientCredentials(id, secret);
	}

	/** Lifetime of the opaque tokens {@code /token} issues (default one day). */
	public void accessTokenTtl(Duration ttl) {
		this.tokens.opaqueTokenTtl(ttl);
	}

	/** Requests admitted per operation in any sliding one-second window (default 100). */
	public void rateLimit(int perSecond) {
		this.rateLimiter.perSecond(perSecond);
	}

	/**
	 * Lets other callers (the apps' own SDK calls, which Agora counts against the same
	 * budget) make this many calls per second of every operation, evenly spaced: with 40,
	 * only 60 of each second's 100 are left for the client. 0 (the default) turns them
	 * off.
	 */
	public void otherCallers(int perSecond) {
		this.rateLimiter.otherCallersPerSecond(perSecond);
	}

	/**
	 * The other callers' calls of the operation that were admitted since the last reset.
	 */
	public int otherCallersAdmitted(String operation) {
		return this.rateLimiter.otherCallers(operation)[0];
	}

	/**
	 * The other callers' calls of the operation that found the second full since the last
	 * reset.
	 */
	public int otherCallersRefused(String operation) {
		return this.rateLimiter.otherCallers(operation)[1];
	}

	/**
	 * {@link System#nanoTime()} arrival times of the operation's requests that passed
	 * authentication, in order, including those answered 429. For {@code token}: every
	 * request that reached the endpoint.
	 */
	public List<Long> arrivals(String operation) {
		return this.rateLimiter.arrivals(operation);
	}

	/**
	 * The largest number of the operation's arrivals inside any sliding window of that
	 * length.
	 */
	public int maxInAnyWindow(String operation, Duration window) {
		return this.rateLimiter.maxInAnyWindow(operation, window);
	}

	/**
	 * {@link System#nanoTime()} arrival times of the operation's requests that were
	 * answered 429, in order.
	 */
	public List<Long> rejectedArrivals(String operation) {
		return this.rateLimiter.rejectedArrivals(operation);
	}

	public int rejectedByRateLimit(String operation) {
		return this.rateLimiter.rejected(operation);
	}

	/**
	 * Answers every request of the operation that passed authentication and the rate
	 * limit only after this long (zero: at once again). The answer is worked out on
	 * arrival and sent later from a timer, so slow answers hold no server thread.
	 */
	public void delay(String operation, Duration delay) {
		delay(operation, delay, (params) -> true);
	}

	/**
	 * As {@link #delay(String, Duration)}, for the requests whose decoded path parameters
	 * (in path order) match, e.g. {@link #CONVERSATIONS}.
	 */
	public void delay(String operation, Duration delay, Predicate<List<String>> pathParameters) {
		if (delay.isZero()) {
			this.delays.remove(operation);
		}
		else {
			this.delays.put(operation, new Delay(delay, pathParameters));
		}
	}

	/**
	 * Clears recorded arrivals, counters, rate-limit windows and delays; keeps users,
	 * settings and templates.
	 */
	public void reset() {
		this.rateLimiter.reset();
		this.delays.clear();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.later.shutdownNow();
		this.executor.shutdownNow();
		try {
			this.executor.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void handle(HttpExchange exchange) {
		long started = System.nanoTime();
		int status = 200;
		Map<String, Object> answer;
		AtomicReference<Duration> delay = new AtomicReference<>();
		try {
			byte[] body = exchange.getRequestBody().readAllBytes();
			try {
				answer = dispatch(exchange, body, started, delay);
			}
			catch (ApiException ex) {
				status = ex.status();
				answer = errorBody(ex);
			}
			catch (RuntimeException ex) {
				status = 500;
				answer = errorBody(new ApiException(500, "internal_error", ex.getClass().getName(),
						String.valueOf(ex.getMessage())));
			}
		}
		catch (IOException ex) {
			// The client went away; nothing to answer.
			exchange.close();
			return;
		}
		int answerStatus = status;
		Map<String, Object> answerBody = answer;
		if (delay.get() != null) {
			this.later.schedule(() -> answer(exchange, answerStatus, answerBody), delay.get().toNanos(),
					TimeUnit.NANOSECONDS);
		}
		else {
			answer(exchange, status, answer);
		}
	}

	private static void answer(HttpExchange exchange, int status, Map<String, Object> answer) {
		try (exchange) {
			send(exchange, status, answer);
		}
		catch (IOException ex) {
			// The client went away; nothing to answer.
		}
	}

	private void calls(HttpExchange exchange) {
		try (exchange) {
			Map<String, Object> calls = new LinkedHashMap<>();
			for (String operation : List.of(USER_ATTRIBUTES, GET_USER, SET_PUSH_SETTINGS, GET_PUSH_SETTINGS,
					SET_LANGUAGE, GET_LANGUAGE, CREATE_TEMPLATE, GET_TEMPLATE, DELETE_TEMPLATE, TOKEN)) {
				calls.put(operation,
						Map.of("arrivals", arrivals(operation).size(), "rejected", rejectedByRateLimit(operation)));
			}
			send(exchange, 200, calls);
		}
		catch (IOException ex) {
			// The client went away; nothing to answer.
		}
	}

	/**
	 * The answer to a request; {@code delayed} receives how long it must wait, when its
	 * operation is slow.
	 */
	private Map<String, Object> dispatch(HttpExchange exchange, byte[] body, long started,
			AtomicReference<Duration> delayed) {
		String method = exchange.getRequestMethod();
		String rawPath = exchange.getRequestURI().getRawPath();
		List<String> segments = decodedSegments(rawPath);
		if (segments.size() < 2) {
			throw ApiException.resourceNotFound();
		}
		if (!segments.get(0).equals(this.orgName) || !segments.get(1).equals(this.appName)) {
			throw ApiException.organizationApplicationNotFound(segments.get(0) + "#" + segments.get(1));
		}
		Route route = Route.match(segments.subList(2, segments.size()));
		String operation = route.operationByMethod().get(method);
		if (operation == null) {
			String allowed = String.join(", ", new TreeSet<>(route.operationByMethod().keySet()));
			exchange.getResponseHeaders().set("Allow", allowed);
			throw ApiException.methodNotAllowed();
		}
		String authorization = exchange.getRequestHeaders().getFirst("Authorization");
		if (!operation.equals(TOKEN)) {
			this.tokens.authenticate(authorization);
		}
		if (!this.rateLimiter.admit(operation)) {
			throw ApiException.reachLimit();
		}
		JsonBody json = readBody(exchange, method, body);
		Delay delay = this.delays.get(operation);
		if (delay != null && delay.pathParameters().test(route.params())) {
			delayed.set(delay.delay());
		}
		if (operation.equals(TOKEN)) {
			return this.tokens.issue(json, authorization, this.applicationUuid);
		}
		Map<String, Object> result = this.operations.handle(operation, route.params(), json);
		Map<String, Object> envelope = new LinkedHashMap<>();
		envelope.put("action", method.toLowerCase(Locale.ROOT));
		envelope.put("application", this.applicationUuid);
		envelope.put("path", route.envelopePath());
		envelope.put("uri", baseUrl() + rawPath);
		if (operation.equals(USER_ATTRIBUTES) || operation.equals(GET_USER)) {
			envelope.put("entities", List.of(result));
		}
		else {
			envelope.put("data", result);
		}
		envelope.put("timestamp", System.currentTimeMillis());
		envelope.put("duration", Duration.ofNanos(System.nanoTime() - started).toMillis());
		envelope.put("organization", this.orgName);
		envelope.put("applicationName", this.appName);
		return envelope;
	}

	/**
	 * The JSON body of a PUT or POST; a GET or DELETE body is ignored once its type is
	 * checked.
	 */
	private static JsonBody readBody(HttpExchange exchange, String method, byte[] body) {
		boolean expectsBody = method.equals("PUT") || method.equals("POST");
		if ((expectsBody || body.length > 0) && !isJson(exchange.getRequestHeaders().getFirst("Content-Type"))) {
			throw ApiException.unsupportedMediaType();
		}
		return expectsBody ? JsonBody.parse(body) : null;
	}

	private static boolean isJson(String contentType) {
		if (contentType == null) {
			return false;
		}
		int semicolon = contentType.indexOf(';');
		String mediaType = (semicolon >= 0) ? contentType.substring(0, semicolon) : contentType;
		return mediaType.trim().equalsIgnoreCase(JSON);
	}

	private static List<String> decodedSegments(String rawPath) {
		List<String> segments = new ArrayList<>();
		String trimmed = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
		for (String segment : trimmed.split("/", -1)) {
			try {
				// A path segment keeps '+' literally, unlike a form value.
				segments.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
			}
			catch (IllegalArgumentException ex) {
				throw ApiException.resourceNotFound();
			}
		}
		return segments;
	}

	private static Map<String, Object> errorBody(ApiException ex) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", ex.error());
		body.put("exception", ex.exceptionClass());
		body.put("timestamp", System.currentTimeMillis());
		body.put("duration", 0);
		body.put("error_description", ex.getMessage());
		return body;
	}

	private static void send(HttpExchange exchange, int status, Map<String, Object> answer) throws IOException {
		byte[] bytes = JsonBody.MAPPER.writeValueAsBytes(answer);
		exchange.getResponseHeaders().set("Content-Type", JSON);
		boolean head = exchange.getRequestMethod().equals("HEAD");
		exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
		if (!head) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
	}

	/** How long an operation's matching requests wait for their answer. */
	private record Delay(Duration delay, Predicate<List<String>> pathParameters) {
	}

	/**
	 * A matched path below {@code /{org}/{app}}: the operation per HTTP method, the
	 * envelope's {@code path} and the path parameters.
	 */
	private record Route(String envelopePath, Map<String, String> operationByMethod, List<String> params) {

		static Route match(List<String> s) {
			int n = s.size();
			if (n == 1 && s.get(0).equals("token")) {
				return new Route(null, Map.of("POST", TOKEN), List.of());
			}
			if (n >= 2 && s.get(0).equals("users")) {
				if (n == 2) {
					return new Route("/users", Map.of("PUT", USER_ATTRIBUTES, "GET", GET_USER), List.of(s.get(1)));
				}
				if (n == 4 && s.get(2).equals("notification") && s.get(3).equals("language")) {
					return new Route("/users", Map.of("GET", GET_LANGUAGE, "PUT", SET_LANGUAGE), List.of(s.get(1)));
				}
				if (n == 5 && s.get(2).equals("notification")) {
					return new Route("/users", Map.of("GET", GET_PUSH_SETTINGS, "PUT", SET_PUSH_SETTINGS),
							List.of(s.get(1), s.get(3), s.get(4)));
				}
			}
			if (n >= 2 && s.get(0).equals("notification") && s.get(1).equals("template")) {
				if (n == 2) {
					return new Route("/notification/template", Map.of("POST", CREATE_TEMPLATE), List.of());
				}
				if (n == 3) {
					return new Route("/notification/template", Map.of("GET", GET_TEMPLATE, "DELETE", DELETE_TEMPLATE),
							List.of(s.get(2)));
				}
			}
			throw ApiException.resourceNotFound();
		}

	}

}
