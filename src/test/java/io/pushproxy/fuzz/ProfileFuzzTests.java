package io.pushproxy.fuzz;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.pushproxy.fuzz.FuzzInputs.Body;
import io.pushproxy.fuzz.FuzzProxy.Exchange;
import io.pushproxy.fuzz.FuzzProxy.Request;
import io.pushproxy.support.TestJwts;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based fuzzing of the push profile's PATCH and the batch read of conversations,
 * through real HTTP against the whole proxy in front of a WireMock upstream: never a 5xx,
 * a refused request forwards nothing, a valid one forwards exactly the calls it needs,
 * and nothing invalid is ever forwarded.
 */
class ProfileFuzzTests {

	private static final String CALLER = "fuzzer";

	private static final String TOKEN = TestJwts.user(CALLER);

	private static final Pattern USERNAME = Pattern.compile("(?!\\.{1,2}$)[A-Za-z0-9_.-]{1,64}");

	private static final Pattern GROUP = Pattern.compile("[0-9]{1,64}");

	private static final Pattern FORWARDED_SETTING = Pattern
		.compile(".*/users/fuzzer/notification/(user/(?!\\.{1,2}$)[A-Za-z0-9_.-]{1,64}|chatgroup/[0-9]{1,64})");

	@BeforeContainer
	static void startProxy() {
		FuzzProxy.instance();
	}

	@AfterContainer
	static void stopProxy() {
		FuzzProxy.stop();
	}

	@Property(tries = 300)
	void batchReadsForwardOneReadPerDistinctValidIdOrNothing(@ForAll("idLists") List<String> ids) {
		String joined = String.join(",", ids);
		String path = "/v1/users/me/push/conversations?ids=" + URLEncoder.encode(joined, StandardCharsets.UTF_8);
		Set<String> distinct = new LinkedHashSet<>();
		boolean valid = ids.size() <= 50;
		for (String id : ids) {
			String key = validId(id);
			valid &= key != null;
			if (key != null) {
				distinct.add(key);
			}
		}
		Exchange exchange = FuzzProxy.instance()
			.send(new Request("batch conversations", "GET", path, null, CALLER), TOKEN,
					valid ? Verdict.OK : Verdict.BAD);

		assertThat(exchange.status()).as(exchange.toString()).isBetween(200, 499);
		if (!valid) {
			assertThat(exchange.status()).as(exchange.toString()).isEqualTo(400);
			assertThat(exchange.forwarded()).as(exchange.toString()).isEmpty();
			return;
		}
		assertThat(exchange.status()).as(exchange.toString()).isEqualTo(200);
		assertThat(exchange.forwarded()).as(exchange.toString()).hasSize(distinct.size());
		for (LoggedRequest forwarded : exchange.forwarded()) {
			assertThat(forwarded.getMethod().getName()).isEqualTo("GET");
			assertThat(FORWARDED_SETTING.matcher(forwarded.getUrl()).matches()).as(exchange.toString()).isTrue();
		}
	}

	@Property(tries = 300)
	void profilePatchesForwardNothingInvalid(@ForAll("patches") Tuple2<String, Boolean> patch) {
		Body body = new Body(patch.get1().getBytes(StandardCharsets.UTF_8), "application/merge-patch+json",
				patch.get2() ? Verdict.OK : Verdict.BAD, Map.of());
		Exchange exchange = FuzzProxy.instance()
			.send(new Request("patch profile", "PATCH", "/v1/users/me/push", body, CALLER), TOKEN, body.verdict());

		assertThat(exchange.status()).as(exchange.toString()).isBetween(200, 499);
		if (!patch.get2()) {
			assertThat(exchange.status()).as(exchange.toString()).isEqualTo(400);
			assertThat(exchange.forwarded()).as(exchange.toString()).isEmpty();
			return;
		}
		assertThat(exchange.status()).as(exchange.toString()).isEqualTo(200);
		assertThat(exchange.forwarded()).as("one call per section group").hasSize(3);
		long puts = exchange.forwarded().stream().filter((r) -> r.getMethod().getName().equals("PUT")).count();
		assertThat(puts).as(exchange.toString()).isBetween(1L, 3L);
	}

	/** The conversation an id names, or null when the proxy must refuse it. */
	private static String validId(String id) {
		if (id.startsWith("group:")) {
			String group = id.substring(6);
			return GROUP.matcher(group).matches() ? "group:" + group : null;
		}
		if (id.startsWith("user:")) {
			String peer = id.substring(5);
			if (!USERNAME.matcher(peer).matches() || peer.equalsIgnoreCase(CALLER) || peer.equals("me")) {
				return null;
			}
			return "user:" + peer.toLowerCase(Locale.ROOT);
		}
		return null;
	}

	@Provide
	Arbitrary<List<String>> idLists() {
		Arbitrary<String> good = Arbitraries.oneOf(
				Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(12).map((digits) -> "group:" + digits),
				Arbitraries.of("alice", "Bob", "bob", "a.b", "x_y-z", "..", ".", "me", "fuzzer", "FUZZER")
					.map((peer) -> "user:" + peer));
		Arbitrary<String> bad = Arbitraries.oneOf(
				Arbitraries.of("", "user:", "group:", "group:12a", "chat:1", "user:a/b", "user:%2e%2e", "user:ä",
						"group:-1", "user: bob", ":", "user:bob:x"),
				Arbitraries.strings().ofMaxLength(20),
				Arbitraries.strings().withChars("abc:,/%.").ofMaxLength(10).filter((text) -> !text.contains(",")));
		Arbitrary<String> id = Arbitraries.frequencyOf(Tuple.of(8, good), Tuple.of(1, bad));
		return id.list().ofMinSize(1).ofMaxSize(60).filter((list) -> list.stream().noneMatch((s) -> s.contains(",")));
	}

	@Provide
	Arbitrary<Tuple2<String, Boolean>> patches() {
		Arbitrary<Tuple2<String, Boolean>> name = Arbitraries.oneOf(
				Arbitraries.of("\"Alice\"", "\"🌸\"", "\"" + "x".repeat(100) + "\"").map((v) -> Tuple.of(v, true)),
				Arbitraries.of("\"\"", "null", "\"a\\u0000b\"", "\"" + "x".repeat(101) + "\"", "42", "[]")
					.map((v) -> Tuple.of(v, false)));
		Arbitrary<Tuple2<String, Boolean>> style = Arbitraries.oneOf(
				Arbitraries.of("\"SUMMARY\"", "\"DETAILED\"").map((v) -> Tuple.of(v, true)),
				Arbitraries.of("\"summary\"", "1", "null", "\" DETAILED\"").map((v) -> Tuple.of(v, false)));
		Arbitrary<Tuple2<String, Boolean>> settings = Arbitraries.oneOf(
				Arbitraries
					.of("{\"mode\":\"NONE\"}", "{\"doNotDisturbFor\":\"PT1H\"}", "{\"quietHours\":null}",
							"{\"quietHours\":{\"start\":\"22:00\",\"end\":\"07:00\",\"timeZone\":\"Asia/Tokyo\"}}")
					.map((v) -> Tuple.of(v, true)),
				Arbitraries
					.of("{}", "null", "{\"mode\":\"DEFAULT\"}", "{\"doNotDisturbFor\":\"P8D\"}",
							"{\"quietHours\":{\"start\":\"24:00\",\"end\":\"07:00\"}}",
							"{\"quietHours\":{\"start\":\"07:00\",\"end\":\"07:00\"}}",
							"{\"quietHours\":{\"start\":\"22:00\",\"end\":\"07:00\",\"timeZone\":\"Mars/Olympus\"}}",
							"{\"mode\":\"ALL\",\"ringtone\":1}")
					.map((v) -> Tuple.of(v, false)));
		Arbitrary<Tuple2<String, Boolean>> language = Arbitraries.oneOf(
				Arbitraries.of("\"en\"", "\"\"", "\"zh-Hans\"").map((v) -> Tuple.of(v, true)),
				Arbitraries.of("\"english language\"", "null", "\"e\"", "7").map((v) -> Tuple.of(v, false)));
		Arbitrary<Tuple2<String, Boolean>> unknown = Arbitraries.of(Tuple.of("1", false));
		List<String> names = List.of("displayName", "displayStyle", "settings", "language", "ringtone");
		List<Arbitrary<Tuple2<String, Boolean>>> values = List.of(name, style, settings, language, unknown);
		return Arbitraries.integers().between(0, 31).flatMap((mask) -> {
			List<Arbitrary<Tuple2<String, Boolean>>> chosen = new ArrayList<>();
			List<String> chosenNames = new ArrayList<>();
			for (int i = 0; i < names.size(); i++) {
				if ((mask & (1 << i)) != 0 && (i < 4 || mask % 7 == 0)) {
					chosen.add(values.get(i));
					chosenNames.add(names.get(i));
				}
			}
			return Arbitraries.just(chosenNames).flatMap((fields) -> combine(fields, chosen));
		});
	}

	private static Arbitrary<Tuple2<String, Boolean>> combine(List<String> fields,
			List<Arbitrary<Tuple2<String, Boolean>>> values) {
		Arbitrary<List<Tuple2<String, Boolean>>> all = Arbitraries.just(new ArrayList<>());
		for (Arbitrary<Tuple2<String, Boolean>> value : values) {
			all = all.flatMap((so) -> value.map((v) -> {
				List<Tuple2<String, Boolean>> more = new ArrayList<>(so);
				more.add(v);
				return more;
			}));
		}
		return all.map((chosen) -> {
			StringBuilder json = new StringBuilder("{");
			boolean valid = !chosen.isEmpty();
			for (int i = 0; i < chosen.size(); i++) {
				json.append((i > 0) ? "," : "")
					.append('"')
					.append(fields.get(i))
					.append("\":")
					.append(chosen.get(i).get1());
				valid &= chosen.get(i).get2();
			}
			return Tuple.of(json.append('}').toString(), valid);
		});
	}

}
