package io.pushproxy.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

import io.pushproxy.support.TestJwts;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * Generators of app-facing requests for the fuzz tests: path segments, callers, field
 * values and whole bodies, from valid values, boundaries and hostile input. Every
 * generated part carries the contract's {@link Verdict} on it, so a property can tell
 * what the proxy must accept from what it must refuse.
 */
final class FuzzInputs {

	/** The username of the admin token ({@link TestJwts#admin()}). */
	static final String ADMIN_SUBJECT = "backend-service";

	/** A user token that names someone the generated paths never name. */
	static final String OTHER_SUBJECT = "zz-other";

	static final int MAX_BODY_BYTES = 16 * 1024;

	private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

	/** Single code points and short sequences that break naive text handling. */
	static final List<String> ATOMS = List.of("a", "Z", "0", "9", " ", ".", "-", "_", ":", "{0}", "\"", "\\", "/", "%",
			"+", ";", "\u0000", "\u0007", "\t", "\n", "\r", "\u001f", "\u007f", "\u0085", "\u009f", "\u00a0", "\u00e9",
			"e\u0301", "\u200b", "\u200d", "\u200e", "\u202e", "\u2028", "\u3000", "\ufeff", "\ufffd", "\uffff",
			"\u5f20", "\uff21", "\u0661", "\u00df", "\u0130", "\ud83d\ude00",
			"\ud83d\udc69\u200d\ud83d\udc69\u200d\ud83d\udc67", "\udbff\udfff", "\ud800", "\udfff", "\udc00", "\ud83d");

	static final List<String> HOSTILE_TEXTS = List.of("", " ", "   ", "\t", "\n", "\r\n", ".", "..", "...", "%2e%2e",
			"%2F", "%00", "%0d%0a", "/", "\\", "../../etc/passwd", "\u0000", "a\u0000b", "\u202eevil", "\u200b",
			"\ufeff", "\u2028", "\u3000", "\u00a0", "\ud83d\ude00", "e\u0301", "\ud800", "\udfff", "a\ud800b",
			"\udfff\ud800", "\udbff\udfff", "\uffff", "\ufffe", "\uff21", "\u0661\u0662\u0663", "\u0130", "\u00df",
			"null", "true", "0", "-0", "1e400", "{0}", "${jndi:ldap://x/a}", "<script>alert(1)</script>", "' OR 1=1 --",
			"me", "ME", "Me", "a\r\nX-Injected: 1");

	/**
	 * Path segments written as they go on the wire: traversal, encoded separators,
	 * control characters.
	 */
	static final List<String> RAW_SEGMENTS = List.of(".", "..", "...", "%2e", "%2E", "%2e%2e", "%2E%2E", ".%2e", "%2e.",
			"%2F", "a%2Fb", "%2F..%2F", "..%2F..%2Fadmin", "%5C", "a%5Cb", "%00", "a%00", "%0d%0a",
			"a%0D%0AX-Injected:%201", "%09", "%20", "a%20b", "%25", "%252e%252e", "%C0%AE%C0%AE", "%EF%BC%8E%EF%BC%8E",
			"%E2%80%AE", "%E2%80%8B", "%F0%9F%98%80", "%ED%A0%80", "%ED%BF%BF", "%FF", "%C3", "a;b", "a;jsessionid=x",
			"%3B", "me;x=1", "+", "a+b", "~", "a~b", "*", "@", "a@b", "a:b", "a=b", "!", "$", "'", "(", ",", "me%00",
			"me%2F..", "%20me", "me%20", "%6D%65", "alice%2e", "a".repeat(65), "a".repeat(300), "%41".repeat(3000),
			"b".repeat(20_000));

	static final List<String> WRONG_TYPES = List.of("0", "-0", "1", "-1", "42", "1.5", "-0.0", "1e400", "-1e400",
			"1e-400", "123456789012345678901234567890", "9".repeat(1200), "true", "false", "[]", "[\"x\"]", "[null]",
			"{}", "{\"a\":1}", "{\"value\":\"x\"}", nestedArrays(100), nestedObjects(100), nestedArrays(2000),
			nestedObjects(2000));

	/** Value tokens that make the body invalid JSON. */
	static final List<String> INVALID_TOKENS = List.of("NaN", "Infinity", "-Infinity", "undefined", "'x'", "01", "+1",
			"0x10", ".5", "1.", "\"unterminated", "\"\\x41\"", "\"\\u12\"", "\"\\uZZZZ\"", "\"a\tb\"", "\"a\nb\"",
			"\"a\u0000b\"", "", "x", "\"a\" \"b\"", "\"a\",");

	private FuzzInputs() {
	}

	// ------------------------------------------------------------------------ segments

	/**
	 * A path segment: {@code raw} as sent, {@code decoded} as the server should see it.
	 * {@code opaque} when the server may read it otherwise (matrix parameters).
	 */
	record Segment(String raw, String decoded, boolean opaque) {

		/** A value, percent-encoded as a careful client would. */
		static Segment of(String value) {
			return new Segment(encode(value, false), value, false);
		}

		/** A segment written as is, escapes included. */
		static Segment raw(String raw) {
			return new Segment(raw, percentDecode(raw), raw.indexOf(';') >= 0);
		}

		/**
		 * A value with every character percent-encoded, even those that need no escape.
		 */
		static Segment overEncoded(String value) {
			return new Segment(encode(value, true), value, false);
		}

		/** The verdict when the segment must satisfy {@code rule}. */
		Verdict verdict(Predicate<String> rule) {
			if (this.opaque) {
				return Verdict.ANY;
			}
			boolean valid = rule.test(this.decoded);
			if (valid && !this.raw.equals(this.decoded)) {
				// a valid value spelled with escapes: the contract does not say
				return Verdict.ANY;
			}
			return Verdict.of(valid);
		}

		@Override
		public String toString() {
			return "'" + abbreviate(this.raw, 120) + "'";
		}

	}

	static Arbitrary<String> usernames() {
		return Arbitraries.strings()
			.withCharRange('a', 'z')
			.withCharRange('A', 'Z')
			.withCharRange('0', '9')
			.withChars("_.-")
			.ofMinLength(1)
			.ofMaxLength(64)
			.filter(ContractRules::username);
	}

	static Arbitrary<String> groupIds() {
		return Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(64);
	}

	static Arbitrary<String> templateNames() {
		return Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(64);
	}

	/** {@code {user}} segments. */
	static Arbitrary<Segment> userSegments() {
		return weighted(List
			.of(w(12, usernames().map(Segment::of)), w(
					2,
					Arbitraries
						.of("me", "ME", "a", "A", "_", "-", "a.", ".a", "a..b", "0", "a_b-c.D9".repeat(8),
								"a".repeat(64), "a".repeat(65), "", "\u00e5lice", "alice\u0000")
						.map(Segment::of)),
					w(4, texts().map(Segment::of)), w(4, Arbitraries.of(RAW_SEGMENTS).map(Segment::raw)),
					w(1, usernames().map(Segment::overEncoded))));
	}

	/** {@code {type}} segments of a conversation. */
	static Arbitrary<Segment> conversationTypes() {
		return weighted(List.of(w(16, Arbitraries.of("user", "group").map(Segment::of)),
				w(2, Arbitraries.of("USER", "Group", "chatgroup", "groups", "users", "chat", "user ", "", "me", "1")
					.map(Segment::of)),
				w(1, texts().map(Segment::of)), w(1, Arbitraries.of(RAW_SEGMENTS).map(Segment::raw)),
				w(1, Arbitraries.of("%75ser", "%67roup", "user;x=1").map(Segment::raw))));
	}

	/** {@code {id}} segments of a conversation, peers and groups alike. */
	static Arbitrary<Segment> conversationIds() {
		return weighted(List.of(w(6, usernames().map(Segment::of)), w(6, groupIds().map(Segment::of)),
				w(2, Arbitraries
					.of("me", "ME", "0", "000", "9".repeat(64), "9".repeat(65), "-1", "1.5", "1e3", " 1", "+1",
							"\uff11\uff12", "\u0661\u0662", "12a", "b".repeat(64), "b".repeat(65))
					.map(Segment::of)),
				w(2, texts().map(Segment::of)), w(2, Arbitraries.of(RAW_SEGMENTS).map(Segment::raw)),
				w(1, groupIds().map(Segment::overEncoded))));
	}

	/** {@code {name}} segments of a template. */
	static Arbitrary<Segment> templateNameSegments() {
		return weighted(
				List.of(w(12, templateNames().map(Segment::of)),
						w(2, Arbitraries.of("a", "Z", "0", "Ab0".repeat(21) + "z", "n".repeat(65), "a-b", "a_b", "a.b",
								"a b", "caf\u00e9", "\uff21", "\u0661", "", "welcome ", "ME")
							.map(Segment::of)),
						w(3, texts().map(Segment::of)), w(3, Arbitraries.of(RAW_SEGMENTS).map(Segment::raw)),
						w(1, templateNames().map(Segment::overEncoded))));
	}

	// ------------------------------------------------------------------------ callers

	enum Kind {

		/** An admin token (acting for anyone). */
		ADMIN,
		/** A user token naming the user in the path. */
		SELF,
		/** A user token, with {@code me} in the path. */
		ME,
		/** A user token naming someone else. */
		OTHER,
		/** No token. */
		ANONYMOUS,
		/** A token signed with another secret. */
		FORGED

	}

	/**
	 * The caller of a request and the {@code {user}} it names (null on template routes).
	 *
	 * @param subject the token's username
	 */
	record Who(Kind kind, Segment user, String subject, String token) {

		static Who of(Kind kind, Segment user, String subject) {
			String token = switch (kind) {
				case ADMIN -> TestJwts.admin();
				case SELF, ME, OTHER -> userToken(subject);
				case ANONYMOUS -> null;
				case FORGED -> TestJwts.signedWithOtherSecret("alice");
			};
			return new Who(kind, user, subject, token);
		}

		/** The user the proxy must act for, or null when the caller may not. */
		String actsFor() {
			String user = this.user.decoded();
			if (this.kind == Kind.ANONYMOUS || this.kind == Kind.FORGED) {
				return null;
			}
			if ("me".equals(user)) {
				// 'me' means nothing for an admin, a service acting for users: 400
				return (this.kind != Kind.ADMIN && ContractRules.username(this.subject)) ? this.subject : null;
			}
			if (this.kind == Kind.ADMIN || user.equalsIgnoreCase(this.subject)) {
				return user;
			}
			return null;
		}

		/** The verdict on the caller and the {@code {user}} segment of a user route. */
		Verdict userVerdict() {
			if (this.kind == Kind.ANONYMOUS || this.kind == Kind.FORGED) {
				return Verdict.BAD;
			}
			if (this.user.opaque()) {
				return Verdict.ANY;
			}
			Verdict segment = this.user.verdict((user) -> "me".equals(user) || ContractRules.username(user));
			return (actsFor() != null) ? segment : Verdict.BAD;
		}

		/** The verdict on the caller of a template route (admin only). */
		Verdict templateVerdict() {
			return Verdict.of(this.kind == Kind.ADMIN);
		}

		@Override
		public String toString() {
			String subject = (this.subject != null) ? " sub='" + abbreviate(this.subject, 80) + "'" : "";
			return this.kind + subject + ((this.user != null) ? " user=" + this.user : "");
		}

	}

	static String userToken(String subject) {
		return TOKENS.computeIfAbsent(subject, (name) -> {
			try {
				return TestJwts.user(name);
			}
			catch (RuntimeException ex) {
				return "not-a-token";
			}
		});
	}

	/** Callers of the user routes with the {@code {user}} each names. */
	static Arbitrary<Who> userCallers() {
		Arbitrary<Segment> users = userSegments();
		Arbitrary<String> subjects = weighted(List.of(w(8, usernames()), w(1, texts()),
				w(1, Arbitraries.of("", ".", "..", "me", "a/b", "a".repeat(65)))));
		return weighted(List.of(w(55, users.map((user) -> Who.of(Kind.ADMIN, user, ADMIN_SUBJECT))),
				w(20, users.map((user) -> Who.of(Kind.SELF, user, user.decoded()))),
				w(12, subjects.map((subject) -> Who.of(Kind.ME, Segment.of("me"), subject))),
				w(6, users.map((user) -> Who.of(Kind.OTHER, user, OTHER_SUBJECT))),
				w(4, users.map((user) -> Who.of(Kind.ANONYMOUS, user, null))),
				w(3, users.map((user) -> Who.of(Kind.FORGED, user, "alice")))));
	}

	/** Callers of the template routes: admins, and now and then someone who is not. */
	static Arbitrary<Who> templateCallers() {
		return weighted(List.of(w(90, Arbitraries.just(Who.of(Kind.ADMIN, null, ADMIN_SUBJECT))),
				w(5, Arbitraries.just(Who.of(Kind.SELF, null, "alice"))),
				w(3, Arbitraries.just(Who.of(Kind.ANONYMOUS, null, null))),
				w(2, Arbitraries.just(Who.of(Kind.FORGED, null, "alice")))));
	}

	// ------------------------------------------------------------------------ text

	/**
	 * Any text: printable, Unicode edge cases, hostile strings, and long runs up to 20k.
	 */
	static Arbitrary<String> texts() {
		return weighted(
				List.of(w(4, Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(80)),
						w(4, Arbitraries.of(ATOMS).list().ofMaxSize(80).map(FuzzInputs::join)),
						w(2, Arbitraries.strings().all().ofMaxLength(80)), w(3, Arbitraries.of(HOSTILE_TEXTS)), w(1,
								Combinators
									.combine(Arbitraries.of(ATOMS),
											Arbitraries.of(2, 35, 36, 64, 65, 100, 101, 256, 257, 1024, 1025, 4000,
													20_000))
									.as(String::repeat))));
	}

	/** Text of {@code min} to {@code max} code points without control characters. */
	static Arbitrary<String> printable(int min, int max) {
		Arbitrary<Integer> codePoints = weighted(List.of(w(8, Arbitraries.integers().between(0x20, 0x7e)),
				w(2, Arbitraries.integers().between(0xa0, 0x24f)), w(2, Arbitraries.integers().between(0x4e00, 0x9fff)),
				w(2, Arbitraries.integers().between(0x1f300, 0x1faff)), w(1, Arbitraries.of(0x200b, 0x200d, 0x202e,
						0x2028, 0xfeff, 0xfffd, 0xffff, 0x0301, 0x05d0, 0x0627, 0x10ffff, 0xe000, 0x3000))));
		return codePoints.list().ofMinSize(min).ofMaxSize(max).map((list) -> {
			StringBuilder text = new StringBuilder();
			list.forEach(text::appendCodePoint);
			return text.toString();
		});
	}

	// ------------------------------------------------------------------------ JSON
	// values

	/**
	 * A JSON value as it goes into a body (possibly not valid JSON at all), with its
	 * verdict and, when valid, what the proxy must send upstream for it.
	 */
	record FieldValue(String json, Verdict verdict, Object upstream) {

		@Override
		public String toString() {
			return abbreviate(this.json, 200);
		}

	}

	static Arbitrary<FieldValue> strings(Arbitrary<String> values, Function<String, Verdict> rule,
			Function<String, ?> upstream) {
		return Combinators.combine(values, Arbitraries.of(false, false, false, true))
			.as((value, escapeAll) -> new FieldValue(quote(value, escapeAll), rule.apply(value),
					upstream.apply(value)));
	}

	static Arbitrary<FieldValue> wrongTypes() {
		return weighted(List.of(w(3, Arbitraries.of(WRONG_TYPES)), w(1, Arbitraries.of(INVALID_TOKENS))))
			.map((json) -> new FieldValue(json, Verdict.BAD, null));
	}

	static Arbitrary<FieldValue> jsonNull(Verdict verdict, Object upstream) {
		return Arbitraries.just(new FieldValue("null", verdict, upstream));
	}

	static Arbitrary<FieldValue> displayNames() {
		Function<String, Verdict> rule = (value) -> Verdict.of(ContractRules.displayName(value));
		return weighted(List
			.of(w(10, strings(printable(1, 100), rule, Function.identity())),
					w(2, strings(Arbitraries.of("A", "a".repeat(100), "\ud83d\ude00".repeat(100), "\u5f20".repeat(100),
							"a".repeat(101), "\ud83d\ude00".repeat(101), " ", "A\u0085B", "A\u007fB", "A\u00a0B"), rule,
							Function.identity())),
					w(6, strings(texts(), rule, Function.identity())), w(2, wrongTypes()),
					w(1, jsonNull(Verdict.BAD, null))));
	}

	static Arbitrary<FieldValue> displayStyles() {
		return enumValues(Map.<String, Object>of("SUMMARY", 0, "DETAILED", 1));
	}

	static Arbitrary<FieldValue> modes() {
		return enumValues(Map.<String, Object>of("ALL", "ALL", "MENTIONS", "AT", "NONE", "NONE", "DEFAULT", "DEFAULT"));
	}

	/** An enum sent by name: the names, near misses, other text, wrong types and null. */
	private static Arbitrary<FieldValue> enumValues(Map<String, Object> upstreamByName) {
		List<String> names = new ArrayList<>(upstreamByName.keySet());
		names.sort(null);
		Function<String, Verdict> rule = (value) -> Verdict.of(upstreamByName.containsKey(value));
		Function<String, Object> upstream = upstreamByName::get;
		List<String> nearMisses = new ArrayList<>(List.of("", " ", "AT", "0", "1", "null", "FOO", "SUMMARY,DETAILED"));
		for (String name : names) {
			nearMisses.add(name.toLowerCase(Locale.ROOT));
			nearMisses.add(name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT));
			nearMisses.add(name + "\u0000");
			nearMisses.add(name + "\u200b");
			nearMisses.add(name.replace('I', '\u0130'));
		}
		List<String> padded = new ArrayList<>();
		for (String name : names) {
			padded.add(" " + name);
			padded.add(name + " ");
			padded.add(name + "\n");
			padded.add("\t" + name);
			padded.add(name + "\u001f");
		}
		return weighted(List.of(w(10, strings(Arbitraries.of(names), rule, upstream)),
				w(3, strings(Arbitraries.of(nearMisses), rule, upstream)), w(2, strings(texts(), rule, upstream)),
				// the contract names exact values: padding is not part of a name
				w(1, strings(Arbitraries.of(padded), rule, upstream)), w(2, wrongTypes()),
				w(1, jsonNull(Verdict.BAD, null))));
	}

	static Arbitrary<FieldValue> clocks() {
		Function<String, Verdict> rule = (value) -> Verdict.of(ContractRules.clock(value));
		Arbitrary<String> valid = Combinators
			.combine(Arbitraries.integers().between(0, 23), Arbitraries.integers().between(0, 59))
			.as((hours, minutes) -> String.format(Locale.ROOT, "%02d:%02d", hours, minutes));
		Arbitrary<String> boundaries = Arbitraries.of("00:00", "23:59", "24:00", "23:60", "1:00", "12:5", "12:00 ",
				" 12:00", "\uff11\uff12:\uff10\uff10", "12:00:00", "-1:00", "", "  ", "12-00", "12:0a",
				"\u0662\u0663:\u0660\u0660", "12\u200b:00", "99:99", "12:00Z", "T12:00");
		return weighted(List.of(w(10, strings(valid, rule, Function.identity())),
				w(3, strings(boundaries, rule, Function.identity())), w(2, strings(texts(), rule, Function.identity())),
				w(1, wrongTypes()), w(1, jsonNull(Verdict.BAD, null))));
	}

	/**
	 * {@code quietHours} at app level: objects of two clocks (never equal ones), null
	 * (clears them), and the rest.
	 */
	static Arbitrary<FieldValue> quietHours() {
		Arbitrary<FieldValue> clocks = clocks();
		Arbitrary<FieldValue> pairs = Combinators.combine(clocks, clocks)
			.as((start, end) -> new FieldValue("{\"start\":" + start.json() + ",\"end\":" + end.json() + "}",
					// start equal to end is ambiguous upstream (00:00-00:00 is off,
					// others all day)
					start.verdict()
						.and(end.verdict())
						.and(Verdict.of(start.upstream() == null || !start.upstream().equals(end.upstream()))),
					start.upstream() + "-" + end.upstream()));
		Arbitrary<FieldValue> broken = Combinators.combine(clocks, clocks, Arbitraries.integers().between(0, 6))
			.as((start, end, shape) -> switch (shape) {
				case 0 -> new FieldValue("{\"start\":" + start.json() + "}", Verdict.BAD, null);
				case 1 -> new FieldValue("{\"end\":" + end.json() + "}", Verdict.BAD, null);
				case 2 -> new FieldValue("{\"start\":" + start.json() + ",\"end\":" + end.json() + ",\"tz\":\"UTC\"}",
						Verdict.BAD, null);
				case 3 -> new FieldValue(
						"{\"start\":" + start.json() + ",\"start\":" + start.json() + ",\"end\":" + end.json() + "}",
						Verdict.BAD, null);
				case 4 ->
					new FieldValue("{\"Start\":" + start.json() + ",\"end\":" + end.json() + "}", Verdict.BAD, null);
				case 5 -> new FieldValue("[" + start.json() + "," + end.json() + "]", Verdict.BAD, null);
				default -> new FieldValue("{}", Verdict.BAD, null);
			});
		Arbitrary<FieldValue> texts = strings(Arbitraries.of("22:00-08:00", "", "null", "22:00"),
				(value) -> Verdict.BAD, (value) -> null);
		return weighted(
				List.of(w(12, pairs), w(2, jsonNull(Verdict.OK, "")), w(3, broken), w(1, texts), w(1, wrongTypes())));
	}

	static Arbitrary<FieldValue> doNotDisturbDurations() {
		Function<String, Object> millis = (value) -> {
			Duration duration = ContractRules.duration(value);
			return (duration != null) ? duration.toMillis() : null;
		};
		Arbitrary<String> valid = weighted(List.of(
				w(3, Arbitraries.longs()
					.between(0, ContractRules.MAX_DO_NOT_DISTURB_MILLIS)
					.map((ms) -> Duration.ofMillis(ms).toString())),
				w(2, Arbitraries.of("PT0S", "P7D", "PT1H", "PT30M", "P1D", "PT0.001S", "P6DT23H59M59.999S", "PT168H",
						"PT604800S", "PT10080M", "P6DT24H", "P0D", "PT0.000S", "PT1.5S", "P1DT2H3M4.005S"))));
		Arbitrary<String> invalid = Arbitraries.of("P8D", "P7DT0.001S", "PT168H0.001S", "PT604800.001S", "-PT1S",
				"PT-1S", "PT0.0001S", "PT0.0000001S", "PT1.0005S", "", " ", "abc", "P1W", "P1M", "P1Y", "1h", "3600",
				"PT1H ", " PT1H", "P", "PT", "P1DT", "PT1H1H", "PT99999999999999999999H", "P106751991167300D",
				"PT1\u0000H", "\uff30\uff34\uff11\uff28", "PT\u0661H", "P7D\n", "PT1e3S", "PT0x10S");
		Arbitrary<String> open = Arbitraries.of("pt1h", "p7d", "+PT1H", "PT1,5S", "P-1DT25H", "-P-1D", "-PT0S",
				"PT" + "0".repeat(70) + "1S");
		return weighted(List.of(w(10, strings(valid, ContractRules::doNotDisturbFor, millis)),
				w(4, strings(invalid, ContractRules::doNotDisturbFor, millis)),
				w(1, strings(open, ContractRules::doNotDisturbFor, millis)),
				w(2, strings(texts(), ContractRules::doNotDisturbFor, millis)), w(2, wrongTypes()),
				w(1, jsonNull(Verdict.BAD, null))));
	}

	static Arbitrary<FieldValue> languages() {
		Function<String, Verdict> rule = (value) -> Verdict.of(ContractRules.language(value));
		Arbitrary<String> subtags = Arbitraries.strings().alpha().numeric().ofMinLength(2).ofMaxLength(8);
		Arbitrary<String> tags = Combinators
			.combine(Arbitraries.strings().alpha().ofMinLength(2).ofMaxLength(3), subtags.list().ofMaxSize(6))
			.as((language, rest) -> rest.isEmpty() ? language : language + "-" + String.join("-", rest));
		Arbitrary<String> boundaries = Arbitraries.of("", "en", "zh-Hans", "EU", "haw", "en-US", "zh-Hant-TW",
				"de-CH-1996", "en-abcdefgh-abcdefgh-abcdefgh-abcde", "en-abcdefgh-abcdefgh-abcdefgh-abcdef", "e",
				"engl", "en_US", "en-", "-en", "en-a", "en-abcdefghi", " en", "en ", "\u4e2d\u6587", "en\u0000",
				"en--US", "\uff45\uff4e", "en-\u0661\u0662", "i-klingon", "x-private", "*", "en-*", "en;q=0.8",
				"en,fr");
		return weighted(List.of(w(10, strings(tags, rule, Function.identity())),
				w(3, strings(boundaries, rule, Function.identity())), w(2, strings(texts(), rule, Function.identity())),
				w(2, wrongTypes()), w(1, jsonNull(Verdict.BAD, null))));
	}

	static Arbitrary<FieldValue> templateNameValues() {
		Function<String, Verdict> rule = (value) -> Verdict.of(ContractRules.templateName(value));
		return weighted(List.of(w(10, strings(templateNames(), rule, Function.identity())),
				w(2, strings(
						Arbitraries.of("a", "Ab0".repeat(21) + "z", "n".repeat(65), "a-b", "a_b", "a.b", "a b", "",
								"caf\u00e9", "\uff21", "\u0661", "welcome\u0000", "..", "%2e%2e", "a/b"),
						rule, Function.identity())),
				w(2, strings(texts(), rule, Function.identity())), w(2, wrongTypes()),
				w(1, jsonNull(Verdict.BAD, null))));
	}

	static Arbitrary<FieldValue> patterns(int max) {
		Function<String, Verdict> rule = (value) -> ContractRules.pattern(value, max);
		Arbitrary<String> valid = weighted(
				List.of(w(4, printable(1, max)),
						w(1, Combinators.combine(printable(1, max / 2),
								Arbitraries.of("\n", "\r\n", "\t", " {0} ", "{1}"), printable(1, max / 2 - 2))
							.as((a, b, c) -> a + b + c))));
		Arbitrary<String> boundaries = Arbitraries.of("T", "t".repeat(max), "t".repeat(max + 1),
				"\ud83d\ude00".repeat(max), "\ud83d\ude00".repeat(max + 1), " ", "\n", " \n\t\r ", "\u3000", "\u2028",
				"\u00a0", "A\u0007B", "A\ud800B", "Hello {0}", "{0}\n" + "c".repeat(max - 4));
		return weighted(List.of(w(10, strings(valid, rule, Function.identity())),
				w(3, strings(boundaries, rule, Function.identity())), w(2, strings(texts(), rule, Function.identity())),
				w(2, wrongTypes()), w(1, jsonNull(Verdict.BAD, null))));
	}

	// ------------------------------------------------------------------------ bodies

	/**
	 * A request body: bytes (null for none) and content type (null for none), its
	 * verdict, and when valid the JSON object the proxy must send upstream for it.
	 */
	record Body(byte[] bytes, String contentType, Verdict verdict, Map<String, Object> upstream) {

		static Body json(String text, Verdict verdict, Map<String, Object> upstream) {
			byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
			Verdict sized = (bytes.length > MAX_BODY_BYTES) ? Verdict.BAD : verdict;
			return new Body(bytes, "application/json", sized, upstream);
		}

		@Override
		public String toString() {
			String type = "application/json".equals(this.contentType) ? ""
					: "[Content-Type: " + this.contentType + "] ";
			if (this.bytes == null) {
				return type + "(no body)";
			}
			String text;
			try {
				text = StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.decode(ByteBuffer.wrap(this.bytes))
					.toString();
			}
			catch (CharacterCodingException ex) {
				text = "(not UTF-8) " + new String(this.bytes, StandardCharsets.ISO_8859_1);
			}
			return type + "(" + this.bytes.length + " bytes) " + abbreviate(text, 300);
		}

	}

	/**
	 * A field of a body.
	 *
	 * @param upstreamName the name the proxy must send it upstream as
	 */
	record FieldSpec(String name, String upstreamName, Arbitrary<FieldValue> values, boolean required) {
	}

	/** What is wrong with a body beyond its fields' values. */
	enum Extra {

		NONE, UNKNOWN_FIELD, EMPTY_KEY, UPSTREAM_NAME, CASE_VARIANT, DUPLICATE_KEY, PROTO, NUL_IN_KEY, ESCAPED_KEY

	}

	/**
	 * JSON objects of the given fields, each present or left out, with now and then an
	 * unknown or duplicate key; {@code rule} adds the route's own rule to the verdict.
	 */
	static Arbitrary<Body> objectBodies(List<FieldSpec> specs, BodyRule rule) {
		List<Arbitrary<Optional<FieldValue>>> fields = new ArrayList<>();
		for (FieldSpec spec : specs) {
			fields.add(weighted(List.of(w(spec.required() ? 1 : 4, Arbitraries.just(Optional.<FieldValue>empty())),
					w(spec.required() ? 14 : 6, spec.values().map(Optional::of)))));
		}
		Arbitrary<List<Optional<FieldValue>>> values = Combinators.combine(fields).as((list) -> list);
		Arbitrary<Extra> extras = weighted(List.of(w(40, Arbitraries.just(Extra.NONE)),
				w(8, Arbitraries.of(Extra.values()).filter((extra) -> extra != Extra.NONE))));
		return Combinators
			.combine(values, extras, Arbitraries.of(false, false, false, true),
					Arbitraries.of(",", ",", ", ", ",\n  ", " , "))
			.as((chosen, extra, reversed, separator) -> objectBody(specs, chosen, extra, reversed, separator, rule));
	}

	/** A route's rule on the fields present (each already judged on its own). */
	interface BodyRule {

		Verdict apply(Map<String, FieldValue> present);

	}

	private static Body objectBody(List<FieldSpec> specs, List<Optional<FieldValue>> chosen, Extra extra,
			boolean reversed, String separator, BodyRule rule) {
		Map<String, FieldValue> present = new LinkedHashMap<>();
		Map<String, Object> upstream = new LinkedHashMap<>();
		List<String> members = new ArrayList<>();
		Verdict verdict = Verdict.OK;
		for (int i = 0; i < specs.size(); i++) {
			FieldSpec spec = specs.get(i);
			Optional<FieldValue> value = chosen.get(i);
			if (value.isEmpty()) {
				verdict = spec.required() ? Verdict.BAD : verdict;
				continue;
			}
			present.put(spec.name(), value.get());
			verdict = verdict.and(value.get().verdict());
			if (value.get().upstream() != null) {
				upstream.put(spec.upstreamName(), value.get().upstream());
			}
			members.add(quote(spec.name(), false) + ":" + value.get().json());
		}
		verdict = verdict.and(rule.apply(present));
		FieldSpec first = specs.get(0);
		String firstValue = present.isEmpty() ? "\"x\"" : present.values().iterator().next().json();
		switch (extra) {
			case UNKNOWN_FIELD -> members.add("\"extra\":1");
			case EMPTY_KEY -> members.add("\"\":\"x\"");
			case UPSTREAM_NAME ->
				members.add(quote(first.upstreamName().equals(first.name()) ? "type" : first.upstreamName(), false)
						+ ":" + firstValue);
			case CASE_VARIANT ->
				members.add(quote(Character.toUpperCase(first.name().charAt(0)) + first.name().substring(1), false)
						+ ":" + firstValue);
			case DUPLICATE_KEY -> members.add(present.isEmpty() ? "\"extra\":\"x\",\"extra\":\"y\""
					: quote(present.keySet().iterator().next(), false) + ":" + firstValue);
			case PROTO -> members.add("\"__proto__\":{\"x\":1}");
			case NUL_IN_KEY -> members.add(quote(first.name() + "\u0000", false) + ":" + firstValue);
			case ESCAPED_KEY -> {
				if (!members.isEmpty()) {
					String member = members.get(0);
					members.set(0, "\"\\u" + String.format("%04x", (int) member.charAt(1)) + member.substring(2));
				}
			}
			default -> {
			}
		}
		if (extra != Extra.NONE && extra != Extra.ESCAPED_KEY) {
			verdict = Verdict.BAD;
		}
		if (reversed) {
			Collections.reverse(members);
		}
		String text = "{" + String.join(separator, members) + "}";
		return Body.json(text, verdict, (verdict == Verdict.OK) ? upstream : null);
	}

	// ------------------------------------------------------------------------ hostile
	// bodies

	/**
	 * A route that takes a body, with a valid body and what it must produce upstream.
	 *
	 * @param path the app-facing path (the admin acts for alice)
	 * @param upstreamPath the upstream path after {@code /{org}/{app}}
	 */
	record BodyRoute(String name, String method, String path, String validBody, String upstreamMethod,
			String upstreamPath, Map<String, Object> upstreamBody, int status) {

		@Override
		public String toString() {
			return this.method + " " + this.path;
		}

	}

	static final List<BodyRoute> BODY_ROUTES = List.of(
			new BodyRoute("display-name", "PUT", "/v1/users/alice/push/display-name", "{\"displayName\":\"Alice\"}",
					"PUT", "/users/alice", Map.of("nickname", "Alice"), 200),
			new BodyRoute("display-style", "PUT", "/v1/users/alice/push/display-style",
					"{\"displayStyle\":\"DETAILED\"}", "PUT", "/users/alice", Map.of("notification_display_style", 1),
					200),
			new BodyRoute("settings", "PUT", "/v1/users/alice/push/settings",
					"{\"mode\":\"MENTIONS\",\"quietHours\":{\"start\":\"21:30\",\"end\":\"08:00\"},\"doNotDisturbFor\":\"PT1H\"}",
					"PUT", "/users/alice/notification/user/alice",
					Map.of("type", "AT", "ignoreInterval", "21:30-08:00", "ignoreDuration", 3_600_000L), 200),
			new BodyRoute("conversation", "PUT", "/v1/users/alice/push/conversations/group/4711",
					"{\"mode\":\"NONE\",\"doNotDisturbFor\":\"P7D\"}", "PUT",
					"/users/alice/notification/chatgroup/4711", Map.of("type", "NONE", "ignoreDuration", 604_800_000L),
					200),
			new BodyRoute("language", "PUT", "/v1/users/alice/push/language", "{\"language\":\"zh-Hans\"}", "PUT",
					"/users/alice/notification/language", Map.of("translationLanguage", "zh-Hans"), 200),
			new BodyRoute("template", "POST", "/v1/push/templates",
					"{\"name\":\"welcome\",\"titlePattern\":\"Hello {0}\",\"contentPattern\":\"{0} says {1}\"}", "POST",
					"/notification/template",
					Map.of("name", "welcome", "title_pattern", "Hello {0}", "content_pattern", "{0} says {1}"), 201));

	/**
	 * Whole bodies that are not one valid JSON object, or valid ones in unusual clothes.
	 */
	static Arbitrary<Body> hostileBodies(BodyRoute route) {
		String valid = route.validBody();
		String firstKey = valid.substring(1, valid.indexOf(':'));
		int firstString = valid.indexOf(":\"") + 2;
		Arbitrary<Integer> depths = Arbitraries.of(10, 499, 500, 501, 1000, 2000, 5000);
		Function<Verdict, Map<String, Object>> upstreamIf = (verdict) -> (verdict == Verdict.OK) ? route.upstreamBody()
				: null;
		List<Arbitrary<Body>> mutations = List.of(
				depths.map((depth) -> Body.json(nestedArrays(depth), Verdict.BAD, null)),
				depths.map((depth) -> Body.json(nestedObjects(depth), Verdict.BAD, null)),
				depths.map((depth) -> Body.json("{" + firstKey + ":" + nestedArrays(depth) + "}", Verdict.BAD, null)),
				depths.map((depth) -> Body.json("{" + firstKey + ":" + nestedObjects(depth) + "}", Verdict.BAD, null)),
				Arbitraries.strings()
					.withCharRange(' ', '~')
					.ofMaxLength(60)
					.map((text) -> Body.json(text, Verdict.BAD, null)),
				Arbitraries
					.of("displayName=Alice", "<displayName>Alice</displayName>", "\u0000", "{", "}", "[", "\"", "{\"",
							"{" + firstKey, "{" + firstKey + ":", "nul", "tru", "{}", "{{}}", "{\"\":}", "\ud83d\ude00")
					.map((text) -> Body.json(text, Verdict.BAD, null)),
				Arbitraries.integers()
					.between(0, valid.length() - 1)
					.map((cut) -> Body.json(valid.substring(0, cut), Verdict.BAD, null)),
				Arbitraries.of(" x", "{}", "}", "]", ",", " {\"a\":1}", "null", "\u0000", valid)
					.map((tail) -> Body.json(valid + tail, Verdict.BAD, null)),
				Arbitraries.of("\n", "  ", "\r\n\t")
					.map((tail) -> Body.json(valid + tail, Verdict.OK, route.upstreamBody())),
				Arbitraries.of("null", "true", "42", "\"x\"", "[]", "[" + valid + "]", "", "   ", "\n")
					.map((text) -> Body.json(text, Verdict.BAD, null)),
				Arbitraries
					.of("/*x*/" + valid, "// c\n" + valid, valid.replace('"', '\''),
							valid.substring(0, valid.length() - 1) + ",}",
							"{" + firstKey.replace("\"", "") + valid.substring(firstKey.length() + 1),
							"{" + firstKey + ":NaN}", "{" + firstKey + ":\"\\q\"}")
					.map((text) -> Body.json(text, Verdict.BAD, null)),
				Arbitraries.just(Body.json("\ufeff" + valid, Verdict.ANY, null)),
				Arbitraries
					.of(new byte[] { (byte) 0xff }, new byte[] { (byte) 0xc3, 0x28 }, new byte[] { (byte) 0x80 },
							new byte[] { (byte) 0xe2, (byte) 0x82 })
					.map((bytes) -> new Body(splice(valid, firstString, bytes), "application/json", Verdict.BAD, null)),
				Arbitraries.of(new byte[] { (byte) 0xed, (byte) 0xa0, (byte) 0x80 },
						new byte[] { (byte) 0xed, (byte) 0xbf, (byte) 0xbf }, new byte[] { (byte) 0xc0, (byte) 0xae },
						new byte[] { (byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80 },
						new byte[] { (byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80 })
					.map((bytes) -> new Body(splice(valid, firstString, bytes), "application/json", Verdict.ANY, null)),
				Arbitraries.of("UTF-16BE", "UTF-16LE", "UTF-16", "UTF-32BE", "UTF-32LE")
					.map((charset) -> new Body(valid.getBytes(Charset.forName(charset)), "application/json",
							Verdict.ANY, null)),
				Arbitraries.of(MAX_BODY_BYTES, MAX_BODY_BYTES + 1, 20_000).map((size) -> {
					Verdict verdict = Verdict.of(size <= MAX_BODY_BYTES);
					String padded = valid.substring(0, valid.length() - 1) + " ".repeat(size - valid.length()) + "}";
					return new Body(padded.getBytes(StandardCharsets.UTF_8), "application/json", verdict,
							upstreamIf.apply(verdict));
				}),
				Arbitraries.of("application/json;charset=UTF-8", "application/json; charset=utf-8")
					.map((type) -> new Body(utf8(valid), type, Verdict.OK, route.upstreamBody())),
				Arbitraries
					.of("text/plain", "text/plain; charset=UTF-8", "application/xml",
							"application/x-www-form-urlencoded", "multipart/form-data; boundary=x")
					.map((type) -> new Body(utf8(valid), type, Verdict.BAD, null)),
				Arbitraries.just(new Body(utf8(valid), null, Verdict.BAD, null)),
				Arbitraries.just(new Body(null, null, Verdict.BAD, null)),
				Arbitraries
					.of("application/json; charset=bogus", "application/json; charset=", "application/problem+json",
							"APPLICATION/JSON", "*/*", "application/*", "application/json; charset=UTF-16", "text/json",
							"application/jsonx", "", "application/json, text/plain",
							"application/json; boundary=x; q=0", "application/json;charset=\"UTF-8\"",
							"application/json; charset=ISO-8859-1", "json", "application/", "/json", "a/b/c",
							"application/json; charset=" + "x".repeat(300))
					.map((type) -> new Body(utf8(valid), type, Verdict.ANY, null)));
		return Arbitraries.oneOf(mutations);
	}

	// ------------------------------------------------------------------------ helpers

	static <T> Tuple2<Integer, Arbitrary<T>> w(int weight, Arbitrary<T> arbitrary) {
		return Tuple.of(weight, arbitrary);
	}

	static <T> Arbitrary<T> weighted(List<Tuple2<Integer, Arbitrary<T>>> choices) {
		return Arbitraries.frequencyOf(choices);
	}

	/**
	 * A JSON string literal; unpaired surrogates (and with {@code escapeAll} all
	 * non-ASCII) as escapes.
	 */
	static String quote(String value, boolean escapeAll) {
		StringBuilder json = new StringBuilder(value.length() + 2).append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			boolean pairStart = Character.isHighSurrogate(c) && i + 1 < value.length()
					&& Character.isLowSurrogate(value.charAt(i + 1));
			if (c == '"' || c == '\\') {
				json.append('\\').append(c);
			}
			else if (c < 0x20 || (escapeAll && c > 0x7e)) {
				json.append(String.format("\\u%04x", (int) c));
			}
			else if (pairStart) {
				json.append(c).append(value.charAt(++i));
			}
			else if (Character.isSurrogate(c)) {
				json.append(String.format("\\u%04x", (int) c));
			}
			else {
				json.append(c);
			}
		}
		return json.append('"').toString();
	}

	/**
	 * Percent-encodes every UTF-8 byte but the unreserved characters (all of them with
	 * {@code everything}).
	 */
	static String encode(String value, boolean everything) {
		StringBuilder raw = new StringBuilder();
		for (int i = 0; i < value.length();) {
			int cp = value.codePointAt(i);
			i += Character.charCount(cp);
			boolean unreserved = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9')
					|| cp == '-' || cp == '.' || cp == '_' || cp == '~';
			if (unreserved && !everything) {
				raw.append((char) cp);
			}
			else {
				for (byte b : utf8CodePoint(cp)) {
					raw.append('%').append(String.format("%02X", b & 0xff));
				}
			}
		}
		return raw.toString();
	}

	/**
	 * UTF-8 of a code point; an unpaired surrogate is written as its three-byte form (as
	 * WTF-8 would).
	 */
	private static byte[] utf8CodePoint(int cp) {
		if (cp < 0x80) {
			return new byte[] { (byte) cp };
		}
		if (cp < 0x800) {
			return new byte[] { (byte) (0xc0 | (cp >> 6)), (byte) (0x80 | (cp & 0x3f)) };
		}
		if (cp < 0x10000) {
			return new byte[] { (byte) (0xe0 | (cp >> 12)), (byte) (0x80 | ((cp >> 6) & 0x3f)),
					(byte) (0x80 | (cp & 0x3f)) };
		}
		return new byte[] { (byte) (0xf0 | (cp >> 18)), (byte) (0x80 | ((cp >> 12) & 0x3f)),
				(byte) (0x80 | ((cp >> 6) & 0x3f)), (byte) (0x80 | (cp & 0x3f)) };
	}

	/** Decodes {@code %XX} escapes as UTF-8 (malformed bytes become U+FFFD). */
	static String percentDecode(String raw) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		for (int i = 0; i < raw.length(); i++) {
			char c = raw.charAt(i);
			if (c == '%' && i + 2 < raw.length() && isHex(raw.charAt(i + 1)) && isHex(raw.charAt(i + 2))) {
				bytes.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
				i += 2;
			}
			else {
				byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
				bytes.write(encoded, 0, encoded.length);
			}
		}
		return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
	}

	private static boolean isHex(char c) {
		return Character.digit(c, 16) >= 0 && c < 0x80;
	}

	static String nestedArrays(int depth) {
		return "[".repeat(depth) + "]".repeat(depth);
	}

	static String nestedObjects(int depth) {
		return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] splice(String text, int at, byte[] inserted) {
		byte[] head = utf8(text.substring(0, at));
		byte[] tail = utf8(text.substring(at));
		byte[] all = Arrays.copyOf(head, head.length + inserted.length + tail.length);
		System.arraycopy(inserted, 0, all, head.length, inserted.length);
		System.arraycopy(tail, 0, all, head.length + inserted.length, tail.length);
		return all;
	}

	static String join(List<String> parts) {
		return String.join("", parts);
	}

	/** Shortens text for reports and shows invisible characters as escapes. */
	static String abbreviate(String text, int max) {
		StringBuilder shown = new StringBuilder();
		int limit = Math.min(text.length(), max);
		for (int i = 0; i < limit; i++) {
			char c = text.charAt(i);
			if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0xa0) || Character.isSurrogate(c)
					|| Character.getType(c) == Character.FORMAT || c == 0x2028 || c == 0x2029) {
				if (Character.isHighSurrogate(c) && i + 1 < text.length()
						&& Character.isLowSurrogate(text.charAt(i + 1))) {
					shown.append(c).append(text.charAt(++i));
					continue;
				}
				shown.append(String.format("\\u%04x", (int) c));
			}
			else {
				shown.append(c);
			}
		}
		if (text.length() > max) {
			shown.append("...(").append(text.length()).append(" chars)");
		}
		return shown.toString();
	}

}
