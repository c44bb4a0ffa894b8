package io.pushproxy.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.pushproxy.fuzz.FuzzInputs.Body;
import io.pushproxy.fuzz.FuzzInputs.BodyRoute;
import io.pushproxy.fuzz.FuzzInputs.FieldSpec;
import io.pushproxy.fuzz.FuzzInputs.Kind;
import io.pushproxy.fuzz.FuzzInputs.Segment;
import io.pushproxy.fuzz.FuzzInputs.Who;
import io.pushproxy.fuzz.FuzzProxy.Exchange;
import io.pushproxy.fuzz.FuzzProxy.Request;
import io.pushproxy.support.TestApp;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Property-based fuzzing of every endpoint's path variables and body fields, through real
 * HTTP against the whole proxy in front of a WireMock upstream. For thousands of
 * generated inputs (valid, boundary and hostile: huge numbers, deep nesting, wrong types,
 * Unicode edge cases, unpaired surrogates, traversal and encoded separators in paths):
 * <ul>
 * <li>the proxy never answers 5xx, every 4xx is an {@code application/problem+json} with
 * its status, a {@code urn:agora-push-proxy:problem:} type, title, detail and the
 * answer's request id, and every answer carries a sane {@code X-Request-Id};</li>
 * <li>a 4xx forwards nothing; a 2xx forwards exactly one request, and it satisfies the
 * contract's validation table (nothing invalid is forwarded, see
 * {@link UpstreamContract});</li>
 * <li>what the contract says is valid succeeds and is forwarded as the contract maps it,
 * and what it says is invalid is refused with a 4xx ({@link Verdict},
 * {@link ContractRules}).</li>
 * </ul>
 * Smaller properties cover whole hostile bodies, mangled paths and methods, odd
 * {@code Accept} headers, caller request ids, and the {@code instance} of problems for
 * refused URLs. The application is started once for the class ({@link FuzzProxy}); the
 * per-caller quota and the upstream budgets are set to their maximum so that they never
 * interfere.
 */
class ApiFuzzTests {

	private static final String PROBLEM_TYPE = "urn:agora-push-proxy:problem:";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern SANE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

	@BeforeContainer
	static void startProxy() {
		FuzzProxy.instance();
	}

	@AfterContainer
	static void stopProxy() {
		FuzzProxy.stop();
	}

	// ---------------------------------------------------------------- 1, 2: display name
	// and style

	@Property(tries = 400)
	void displayNameChanges(@ForAll("userCallers") Who who, @ForAll("displayNameBodies") Body body) {
		Verdict verdict = who.userVerdict().and(body.verdict());
		check("PUT display-name", "PUT", "/v1/users/" + who.user().raw() + "/push/display-name", body, who, verdict,
				200, new Call("PUT", "/users/" + who.actsFor(), body.upstream()));
	}

	@Property(tries = 300)
	void displayStyleChanges(@ForAll("userCallers") Who who, @ForAll("displayStyleBodies") Body body) {
		Verdict verdict = who.userVerdict().and(body.verdict());
		check("PUT display-style", "PUT", "/v1/users/" + who.user().raw() + "/push/display-style", body, who, verdict,
				200, new Call("PUT", "/users/" + who.actsFor(), body.upstream()));
	}

	// ---------------------------------------------------------------- 3, 7: app-level
	// reads

	@Property(tries = 300)
	void appLevelReads(@ForAll("userCallers") Who who, @ForAll("readRoutes") String route) {
		String user = who.actsFor();
		String upstream = "settings".equals(route) ? "/users/" + user + "/notification/user/" + user
				: "/users/" + user + "/notification/language";
		check("GET " + route, "GET", "/v1/users/" + who.user().raw() + "/push/" + route, null, who, who.userVerdict(),
				200, new Call("GET", upstream, null));
	}

	// ---------------------------------------------------------------- 4: app-level
	// settings

	@Property(tries = 400)
	void appLevelSettingsChanges(@ForAll("userCallers") Who who, @ForAll("appSettingsBodies") Body body) {
		String user = who.actsFor();
		Verdict verdict = who.userVerdict().and(body.verdict());
		check("PUT settings", "PUT", "/v1/users/" + who.user().raw() + "/push/settings", body, who, verdict, 200,
				new Call("PUT", "/users/" + user + "/notification/user/" + user, body.upstream()));
	}

	// ---------------------------------------------------------------- 5, 6:
	// conversations

	@Property(tries = 300)
	void conversationReads(@ForAll("conversations") Conversation conversation) {
		Target target = conversation.target();
		check("GET conversation", "GET", conversation.path(), null, conversation.who(), target.verdict(), 200,
				new Call("GET", target.upstreamPath(), null));
	}

	@Property(tries = 400)
	void conversationChanges(@ForAll("conversations") Conversation conversation,
			@ForAll("conversationSettingsBodies") Body body) {
		Target target = conversation.target();
		check("PUT conversation", "PUT", conversation.path(), body, conversation.who(),
				target.verdict().and(body.verdict()), 200, new Call("PUT", target.upstreamPath(), body.upstream()));
	}

	// ---------------------------------------------------------------- 8: language

	@Property(tries = 300)
	void languageChanges(@ForAll("userCallers") Who who, @ForAll("languageBodies") Body body) {
		Verdict verdict = who.userVerdict().and(body.verdict());
		check("PUT language", "PUT", "/v1/users/" + who.user().raw() + "/push/language", body, who, verdict, 200,
				new Call("PUT", "/users/" + who.actsFor() + "/notification/language", body.upstream()));
	}

	// ---------------------------------------------------------------- 9, 10, 11:
	// templates

	@Property(tries = 400)
	void templateCreations(@ForAll("templateCallers") Who who, @ForAll("templateBodies") Body body) {
		Verdict verdict = who.templateVerdict().and(body.verdict());
		check("POST template", "POST", "/v1/push/templates", body, who, verdict, 201,
				new Call("POST", "/notification/template", body.upstream()));
	}

	@Property(tries = 300)
	void templateReadsAndDeletions(@ForAll("templateCallers") Who who, @ForAll("templateNames") Segment name,
			@ForAll("readOrDelete") String method) {
		Verdict verdict = who.templateVerdict().and(name.verdict(ContractRules::templateName));
		check(method + " template", method, "/v1/push/templates/" + name.raw(), null, who, verdict,
				"GET".equals(method) ? 200 : 204, new Call(method, "/notification/template/" + name.decoded(), null));
	}

	// ---------------------------------------------------------------- whole bodies and
	// paths

	@Property(tries = 400)
	void hostileBodiesOnEveryRouteWithABody(@ForAll("hostileBodies") RoutedBody routed) {
		BodyRoute route = routed.route();
		Who admin = Who.of(Kind.ADMIN, Segment.of("alice"), FuzzInputs.ADMIN_SUBJECT);
		check("hostile body " + route.name(), route.method(), route.path(), routed.body(), admin,
				routed.body().verdict(), route.status(),
				new Call(route.upstreamMethod(), route.upstreamPath(), routed.body().upstream()));
	}

	@Property(tries = 300)
	void hostilePathsOnEveryRoute(@ForAll("mangledPaths") MangledPath mangled) {
		check("mangled path", mangled.method(), mangled.path(), mangled.body(), mangled.who(), Verdict.ANY, 200, null);
	}

	/**
	 * Whatever the client says it accepts, an error is still a problem (and a success
	 * still JSON).
	 */
	@Property(tries = 150)
	void oddAcceptHeadersOnEveryRoute(@ForAll("accepts") String accept, @ForAll("mangledPaths") MangledPath mangled) {
		Exchange exchange = FuzzProxy.instance()
			.send(new Request("odd Accept", mangled.method(), mangled.path(), mangled.body(), mangled.who().toString(),
					Map.of("Accept", accept)), mangled.who().token(), Verdict.ANY);
		verify(exchange, Verdict.ANY, 200, null);
	}

	/**
	 * A charset asked for in {@code Accept} never turns a request into a 5xx (after it
	 * was forwarded, even).
	 */
	@Property(tries = 100)
	void acceptedCharsetsOnEveryRoute(@ForAll("acceptedCharsets") String charset,
			@ForAll("mangledPaths") MangledPath mangled) {
		Exchange exchange = FuzzProxy.instance()
			.send(new Request("Accept with a charset", mangled.method(), mangled.path(), mangled.body(),
					mangled.who().toString(), Map.of("Accept", "application/json;charset=" + charset)),
					mangled.who().token(), Verdict.ANY);
		verify(exchange, Verdict.ANY, 200, null);
	}

	/**
	 * Every answer carries the caller's {@code X-Request-Id} when it is short and plain
	 * ({@code [A-Za-z0-9._:-]{1,64}}), else a new one, also in the problem's
	 * {@code requestId}.
	 */
	@Property(tries = 150)
	void requestIdsAreKeptWhenSaneAndReplacedOtherwise(@ForAll("requestIds") String requestId,
			@ForAll("mangledPaths") MangledPath mangled) {
		boolean sane = SANE_REQUEST_ID.matcher(requestId).matches();
		Exchange exchange = FuzzProxy.instance()
			.send(new Request("request id", mangled.method(), mangled.path(), mangled.body(), mangled.who().toString(),
					Map.of("X-Request-Id", requestId)), mangled.who().token(), Verdict.ANY);
		verify(exchange, Verdict.ANY, 200, null);
		String report = "\n" + exchange;
		// A request line and headers over Tomcat's 8 KiB cannot be read at all,
		// X-Request-Id
		// included: such an answer rightly carries a new id.
		boolean unreadable = mangled.path().length() + requestId.length() > 8 * 1024 - 512;
		if (sane && !unreadable) {
			assertThat(exchange.header("X-Request-Id")).as("the caller's sane request id is kept" + report)
				.isEqualTo(requestId);
		}
		else if (!sane) {
			assertThat(exchange.header("X-Request-Id")).as("a request id that is not sane is replaced" + report)
				.isNotEqualTo(requestId);
		}
	}

	/**
	 * The contract's problem shape includes {@code instance}, also when the URL itself is
	 * refused (by the servlet container or the firewall) before any controller runs.
	 */
	@Property(tries = 100)
	void refusedUrlsAreCompleteProblems(@ForAll("refusedSegments") String segment,
			@ForAll("userRouteSuffixes") String suffix) {
		Who admin = Who.of(Kind.ADMIN, Segment.raw(segment), FuzzInputs.ADMIN_SUBJECT);
		String path = "/v1/users/" + segment + "/push/" + suffix;
		Exchange exchange = FuzzProxy.instance()
			.send(new Request("refused URL", "GET", path, null, admin.toString()), admin.token(), Verdict.BAD);
		String report = "\n" + exchange;
		assertThat(exchange.status()).as("a 4xx" + report).isBetween(400, 499);
		assertProblem(exchange, report);
		assertThat(json(exchange.body(), report).path("instance").asString("")).as("the problem's instance" + report)
			.isNotBlank();
	}

	// ---------------------------------------------------------------- generators

	@Provide
	Arbitrary<String> refusedSegments() {
		return Arbitraries.of("%5C", "a%5Cb", "%00", "a%00", "%2F", "a%2Fb", "%2e%2e", "%2E", "%0d%0a", "%25", "a;b",
				"b".repeat(20_000));
	}

	@Provide
	Arbitrary<String> userRouteSuffixes() {
		return Arbitraries.of("settings", "language");
	}

	@Provide
	Arbitrary<Who> userCallers() {
		return FuzzInputs.userCallers();
	}

	@Provide
	Arbitrary<Who> templateCallers() {
		return FuzzInputs.templateCallers();
	}

	@Provide
	Arbitrary<String> readRoutes() {
		return Arbitraries.of("settings", "language");
	}

	@Provide
	Arbitrary<String> readOrDelete() {
		return Arbitraries.of("GET", "DELETE");
	}

	@Provide
	Arbitrary<Segment> templateNames() {
		return FuzzInputs.templateNameSegments();
	}

	@Provide
	Arbitrary<Body> displayNameBodies() {
		return FuzzInputs.objectBodies(
				List.of(new FieldSpec("displayName", "nickname", FuzzInputs.displayNames(), true)),
				(present) -> Verdict.OK);
	}

	@Provide
	Arbitrary<Body> displayStyleBodies() {
		return FuzzInputs.objectBodies(
				List.of(new FieldSpec("displayStyle", "notification_display_style", FuzzInputs.displayStyles(), true)),
				(present) -> Verdict.OK);
	}

	@Provide
	Arbitrary<Body> appSettingsBodies() {
		// DEFAULT means "inherit the app level": the app level itself refuses it
		return FuzzInputs.objectBodies(settingsFields(), (present) -> Verdict.of(!present.isEmpty()
				&& !(present.containsKey("mode") && "DEFAULT".equals(present.get("mode").upstream()))));
	}

	@Provide
	Arbitrary<Body> conversationSettingsBodies() {
		return FuzzInputs.objectBodies(settingsFields(),
				(present) -> Verdict.of(!present.isEmpty() && !present.containsKey("quietHours")));
	}

	private static List<FieldSpec> settingsFields() {
		return List.of(new FieldSpec("mode", "type", FuzzInputs.modes(), false),
				new FieldSpec("quietHours", "ignoreInterval", FuzzInputs.quietHours(), false),
				new FieldSpec("doNotDisturbFor", "ignoreDuration", FuzzInputs.doNotDisturbDurations(), false));
	}

	@Provide
	Arbitrary<Body> languageBodies() {
		return FuzzInputs.objectBodies(
				List.of(new FieldSpec("language", "translationLanguage", FuzzInputs.languages(), true)),
				(present) -> Verdict.OK);
	}

	@Provide
	Arbitrary<Body> templateBodies() {
		return FuzzInputs.objectBodies(
				List.of(new FieldSpec("name", "name", FuzzInputs.templateNameValues(), true),
						new FieldSpec("titlePattern", "title_pattern", FuzzInputs.patterns(256), true),
						new FieldSpec("contentPattern", "content_pattern", FuzzInputs.patterns(1024), true)),
				(present) -> Verdict.OK);
	}

	@Provide
	Arbitrary<Conversation> conversations() {
		Arbitrary<Segment> anyIds = FuzzInputs.conversationIds();
		Arbitrary<Segment> peers = FuzzInputs.usernames().map(Segment::of);
		Arbitrary<Segment> groups = FuzzInputs.groupIds().map(Segment::of);
		return Combinators
			.combine(FuzzInputs.userCallers(), FuzzInputs.conversationTypes(), anyIds, peers, groups,
					Arbitraries.integers().between(0, 19))
			.as((who, type, id, peer, group, dice) -> {
				Segment fitting = "group".equals(type.decoded()) ? group : peer;
				// now and then the conversation of the user with itself, in another case
				Segment self = who.user().opaque() ? id : Segment.of(flipCase(who.user().decoded()));
				return new Conversation(who, type, (dice < 2) ? self : (dice < 11) ? fitting : id);
			});
	}

	@Provide
	Arbitrary<RoutedBody> hostileBodies() {
		return Arbitraries.of(FuzzInputs.BODY_ROUTES)
			.flatMap((route) -> FuzzInputs.hostileBodies(route).map((body) -> new RoutedBody(route, body)));
	}

	@Provide
	Arbitrary<MangledPath> mangledPaths() {
		Arbitrary<String> hostile = Arbitraries.oneOf(Arbitraries.of(FuzzInputs.RAW_SEGMENTS),
				FuzzInputs.userSegments().map(Segment::raw));
		Arbitrary<Who> callers = Arbitraries.of(Who.of(Kind.ADMIN, Segment.of("alice"), FuzzInputs.ADMIN_SUBJECT),
				Who.of(Kind.ADMIN, Segment.of("alice"), FuzzInputs.ADMIN_SUBJECT),
				Who.of(Kind.SELF, Segment.of("alice"), "alice"));
		Arbitrary<String> queries = Arbitraries.of("x=1", "user=bob", "", "%00", "a=%0d%0a", "name=..%2F", "?", "&&",
				"displayName=Eve");
		return Combinators
			.combine(Arbitraries.of(PathRoute.ALL), Arbitraries.integers().between(0, 12),
					Arbitraries.integers().between(0, 20), hostile, queries,
					Arbitraries.of("GET", "PUT", "POST", "DELETE", "PATCH"), callers)
			.as(MangledPath::of);
	}

	@Provide
	Arbitrary<String> acceptedCharsets() {
		return Arbitraries.of("UTF-8", "utf-8", "UTF-16", "UTF-16BE", "UTF-16LE", "UTF-32", "ISO-8859-1", "US-ASCII",
				"windows-1252", "Shift_JIS", "bogus", "\"UTF-8\"");
	}

	@Provide
	Arbitrary<String> accepts() {
		return FuzzInputs.weighted(List.of(
				FuzzInputs.w(3,
						Arbitraries.of("application/json", "*/*", "text/html", "application/xml",
								"application/problem+json", "text/plain;q=0.5, */*;q=0.1", "application/json;q=0", "",
								"application/json, text/html;q=0.9", "application/*")),
				FuzzInputs.w(1,
						Arbitraries.of("garbage", "*/*;q=abc", "application/json;q=", "/", "text/", "*",
								"application/json;;", "\"application/json\"")),
				FuzzInputs.w(1, Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(40))));
	}

	@Provide
	Arbitrary<String> requestIds() {
		Arbitrary<String> sane = Arbitraries.strings()
			.alpha()
			.numeric()
			.withChars("._:-")
			.ofMinLength(1)
			.ofMaxLength(64);
		return FuzzInputs.weighted(List.of(FuzzInputs.w(4, sane),
				FuzzInputs.w(3,
						Arbitraries.of("a".repeat(65), "abc def", "../etc/passwd", "<script>", "a/b", "a;b", "%00",
								"a,b", "\"quoted\"", "{json}", "x".repeat(1000), "caf\u00e9", "")),
				FuzzInputs.w(2, Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(80))));
	}

	// ---------------------------------------------------------------- checks

	/** An upstream call the proxy must make for a valid request. */
	record Call(String method, String path, Map<String, Object> body) {
	}

	private static void check(String route, String method, String path, Body body, Who who, Verdict verdict,
			int success, Call expected) {
		Exchange exchange = FuzzProxy.instance()
			.send(new Request(route, method, path, body, who.toString()), who.token(), verdict);
		verify(exchange, verdict, success, expected);
	}

	private static void verify(Exchange exchange, Verdict verdict, int success, Call expected) {
		String report = "\n" + exchange + "\ncontract: " + switch (verdict) {
			case OK -> "valid, must succeed with " + success;
			case BAD -> "invalid, must be refused with a 4xx";
			case ANY -> "left open (only the safety properties apply)";
		};
		int status = exchange.status();
		assertThat(status).as("an HTTP answer" + report).isNotEqualTo(-1);
		assertThat(status).as("never a 5xx" + report).isLessThan(500);
		assertThat(status / 100).as("a 2xx or a 4xx" + report).isIn(2, 4);
		assertThat(exchange.header("X-Request-Id")).as("a sane X-Request-Id on every answer" + report)
			.matches(SANE_REQUEST_ID);
		if (status >= 400) {
			assertProblem(exchange, report);
			assertThat(exchange.forwarded()).as("nothing forwarded for a 4xx" + report).isEmpty();
		}
		else {
			assertThat(exchange.forwarded()).as("exactly one upstream call for a 2xx" + report).hasSize(1);
			assertThat(UpstreamContract.violations(exchange.forwarded().get(0)))
				.as("only valid requests reach the upstream" + report)
				.isEmpty();
			assertSuccess(exchange, report);
		}
		if (verdict == Verdict.OK) {
			assertThat(status).as("a valid request succeeds" + report).isEqualTo(success);
			assertForwarded(exchange.forwarded().get(0), expected, report);
		}
		else if (verdict == Verdict.BAD) {
			assertThat(status).as("an invalid request is refused" + report).isBetween(400, 499);
		}
	}

	/**
	 * An {@code application/problem+json} answer with the contract's members (but for
	 * {@code instance}: see {@link #refusedUrlsAreCompleteProblems}).
	 */
	private static void assertProblem(Exchange exchange, String report) {
		assertThat(exchange.header("Content-Type")).as("Content-Type of a 4xx" + report)
			.startsWith("application/problem+json");
		JsonNode problem = json(exchange.body(), "the problem" + report);
		assertThat(problem.isObject()).as("a problem object" + report).isTrue();
		assertThat(problem.path("status").isIntegralNumber() ? problem.path("status").asInt() : null)
			.as("the problem's status" + report)
			.isEqualTo(exchange.status());
		assertThat(problem.path("type").asString("")).as("the problem's type" + report).startsWith(PROBLEM_TYPE);
		assertThat(problem.path("title").asString("")).as("the problem's title" + report).isNotBlank();
		assertThat(problem.path("detail").asString("")).as("the problem's detail" + report).isNotBlank();
		assertThat(problem.path("requestId").asString("")).as("the problem's requestId" + report)
			.isNotBlank()
			.isEqualTo(exchange.header("X-Request-Id"));
	}

	private static void assertSuccess(Exchange exchange, String report) {
		if (exchange.status() == 204) {
			assertThat(exchange.body()).as("the body of a 204" + report).isEmpty();
			return;
		}
		assertThat(exchange.header("Content-Type")).as("Content-Type of a 2xx" + report).startsWith("application/json");
		assertThat(json(exchange.body(), "the answer" + report).isObject()).as("a JSON object" + report).isTrue();
		if (exchange.status() == 201) {
			assertThat(exchange.header("Location")).as("Location of a 201" + report).isNotBlank();
		}
	}

	/**
	 * The upstream call a valid request must make: method, path and exactly the fields
	 * sent.
	 */
	private static void assertForwarded(LoggedRequest forwarded, Call expected, String report) {
		assertThat(forwarded.getMethod().value()).as("the upstream method" + report).isEqualTo(expected.method());
		assertThat(forwarded.getUrl()).as("the upstream URL" + report).isEqualTo(TestApp.PREFIX + expected.path());
		if (expected.body() == null) {
			return;
		}
		JsonNode body = json(forwarded.getBodyAsString(), "the upstream body" + report);
		assertThat(new ArrayList<>(body.propertyNames())).as("the upstream members" + report)
			.containsExactlyInAnyOrderElementsOf(expected.body().keySet());
		expected.body().forEach((name, value) -> {
			JsonNode actual = body.get(name);
			if (value instanceof Number number) {
				assertThat(actual.isIntegralNumber() && actual.longValue() == number.longValue())
					.as("upstream " + name + " is " + value + report)
					.isTrue();
			}
			else {
				assertThat(actual.isString() ? actual.stringValue() : actual.toString()).as("upstream " + name + report)
					.isEqualTo(value);
			}
		});
	}

	private static JsonNode json(String text, String what) {
		try {
			return JSON.readTree(text);
		}
		catch (JacksonException ex) {
			return fail("not JSON: " + what);
		}
	}

	private static String flipCase(String text) {
		String upper = text.toUpperCase(Locale.ROOT);
		return upper.equals(text) ? text.toLowerCase(Locale.ROOT) : upper;
	}

	// ---------------------------------------------------------------- conversation model

	/** Where a conversation request must go upstream, if anywhere. */
	record Target(Verdict verdict, String upstreamPath) {
	}

	/**
	 * A conversation request: the caller with {@code {user}}, and {@code {type}/{id}}.
	 */
	record Conversation(Who who, Segment type, Segment id) {

		String path() {
			return "/v1/users/" + this.who.user().raw() + "/push/conversations/" + this.type.raw() + "/"
					+ this.id.raw();
		}

		/** The contract's verdict and the upstream path of a valid one. */
		Target target() {
			Verdict verdict = this.who.userVerdict();
			String user = this.who.actsFor();
			Verdict typeVerdict = this.type.verdict((type) -> "user".equals(type) || "group".equals(type));
			verdict = verdict.and(typeVerdict);
			if (verdict == Verdict.BAD || user == null) {
				return new Target(Verdict.BAD, null);
			}
			if (this.type.opaque() || this.id.opaque()) {
				return new Target(Verdict.ANY, null);
			}
			if ("group".equals(this.type.decoded())) {
				verdict = verdict.and(this.id.verdict(ContractRules::groupId));
				return new Target(verdict, "/users/" + user + "/notification/chatgroup/" + this.id.decoded());
			}
			String peer = this.id.decoded();
			if ("me".equals(peer)) {
				// the peer 'me' is the caller itself; it means nothing for an admin
				peer = this.who.subject();
				if (this.who.kind() == Kind.ADMIN || !ContractRules.username(peer)) {
					return new Target(Verdict.BAD, null);
				}
			}
			verdict = verdict.and(this.id.verdict(ContractRules::username));
			if (peer.equalsIgnoreCase(user)) {
				// a conversation with oneself is the app level: 400
				verdict = Verdict.BAD;
			}
			return new Target(verdict, "/users/" + user + "/notification/user/" + peer);
		}

		@Override
		public String toString() {
			return this.who + " type=" + this.type + " id=" + this.id;
		}

	}

	/** A route that takes a body, with a whole body generated for it. */
	record RoutedBody(BodyRoute route, Body body) {

		@Override
		public String toString() {
			return this.route + " " + this.body;
		}

	}

	// ---------------------------------------------------------------- mangled paths

	/** A valid request of each route, to mangle. */
	record PathRoute(String method, String path, String body) {

		static final List<PathRoute> ALL = List.of(
				new PathRoute("PUT", "/v1/users/alice/push/display-name", "{\"displayName\":\"Alice\"}"),
				new PathRoute("PUT", "/v1/users/alice/push/display-style", "{\"displayStyle\":\"SUMMARY\"}"),
				new PathRoute("GET", "/v1/users/alice/push/settings", null),
				new PathRoute("PUT", "/v1/users/alice/push/settings", "{\"mode\":\"ALL\"}"),
				new PathRoute("GET", "/v1/users/alice/push/conversations/group/4711", null),
				new PathRoute("PUT", "/v1/users/alice/push/conversations/user/bob", "{\"mode\":\"NONE\"}"),
				new PathRoute("GET", "/v1/users/alice/push/language", null),
				new PathRoute("PUT", "/v1/users/alice/push/language", "{\"language\":\"en\"}"),
				new PathRoute("POST", "/v1/push/templates",
						"{\"name\":\"welcome\",\"titlePattern\":\"Hello {0}\",\"contentPattern\":\"{0} says {1}\"}"),
				new PathRoute("GET", "/v1/push/templates/welcome", null),
				new PathRoute("DELETE", "/v1/push/templates/welcome", null));

	}

	/** A request of one route with its path (or method) mangled. */
	record MangledPath(String method, String path, Body body, Who who) {

		static MangledPath of(PathRoute route, int mutation, int position, String hostile, String query,
				String otherMethod, Who who) {
			List<String> segments = new ArrayList<>(Arrays.asList(route.path().substring(1).split("/")));
			int at = position % segments.size();
			String method = route.method();
			String suffix = "";
			switch (mutation) {
				case 0 -> segments.add(at, ".");
				case 1 -> segments.add(at, "..");
				case 2 -> segments.add(at, "");
				case 3 -> segments.add("");
				case 4 -> segments.add(hostile);
				case 5 -> segments.set(at, hostile);
				case 6 -> segments.set(at, segments.get(at).toUpperCase(Locale.ROOT));
				case 7 -> segments.set(at, FuzzInputs.encode(segments.get(at), true));
				case 8 -> segments.set(at, segments.get(at) + ";a=b");
				case 9 -> suffix = "?" + query;
				case 10 -> method = otherMethod;
				case 12 -> {
					// the route as it is (for the properties on headers)
				}
				default -> {
					if (at > 0) {
						segments.set(at - 1, segments.get(at - 1) + "%5C" + segments.remove(at));
					}
					else {
						segments.set(0, "%5C" + segments.get(0));
					}
				}
			}
			String text = (route.body() != null) ? route.body() : "{\"mode\":\"ALL\"}";
			boolean withBody = !"GET".equals(method) && !"DELETE".equals(method);
			Body body = withBody ? Body.json(text, Verdict.ANY, null) : null;
			return new MangledPath(method, "/" + String.join("/", segments) + suffix, body, who);
		}

		@Override
		public String toString() {
			return this.method + " " + FuzzInputs.abbreviate(this.path, 200) + " as " + this.who;
		}

	}

}
