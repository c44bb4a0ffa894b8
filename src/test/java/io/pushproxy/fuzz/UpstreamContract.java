package io.pushproxy.fuzz;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.pushproxy.support.TestApp;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a request the proxy sent upstream against the contract: only the nine Agora
 * calls and {@code GET /users/{u}}, path segments of {@code [A-Za-z0-9_.-]{1,64}} that
 * are not dot segments, and bodies whose every field satisfies the validation table (so
 * no {@code DEFAULT} at the app level and no quiet hours with start equal to end).
 */
final class UpstreamContract {

	private static final Pattern SEGMENT = Pattern.compile("(?!\\.{1,2}$)[A-Za-z0-9_.-]{1,64}");

	private static final Set<String> PUSH_TYPES = Set.of("ALL", "AT", "NONE", "DEFAULT");

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	private UpstreamContract() {
	}

	/** Everything wrong with one upstream request; empty when it is valid. */
	static List<String> violations(LoggedRequest request) {
		List<String> problems = new ArrayList<>();
		String method = request.getMethod().value();
		String url = request.getUrl();
		if (url.indexOf('?') >= 0 || url.indexOf('#') >= 0) {
			problems.add("the URL has a query or fragment: " + url);
		}
		String prefix = TestApp.PREFIX + "/";
		if (!url.startsWith(prefix)) {
			problems.add("the URL is outside " + TestApp.PREFIX + ": " + url);
			return problems;
		}
		String[] segments = url.substring(prefix.length()).split("/", -1);
		for (String segment : segments) {
			if (!SEGMENT.matcher(segment).matches()) {
				problems.add("path segment '" + FuzzInputs.abbreviate(segment, 100)
						+ "' is not 1-64 of [A-Za-z0-9_.-] or is a dot segment");
			}
		}
		boolean hasBody = "PUT".equals(method) || "POST".equals(method);
		byte[] bytes = request.getBody();
		JsonNode body = null;
		if (hasBody) {
			body = parse(bytes, problems);
			if (body == null) {
				return problems;
			}
		}
		else if (bytes != null && bytes.length > 0) {
			problems.add(method + " with a body");
		}
		route(method, segments, body, problems);
		return problems;
	}

	private static void route(String method, String[] s, JsonNode body, List<String> problems) {
		if (s.length == 2 && "users".equals(s[0]) && "PUT".equals(method)) {
			userAttributes(body, problems);
		}
		else if (s.length == 2 && "users".equals(s[0]) && "GET".equals(method)) {
			// get-user: reading the user entity, nothing to check beyond the segment
		}
		else if (s.length == 5 && "users".equals(s[0]) && "notification".equals(s[2])
				&& ("user".equals(s[3]) || "chatgroup".equals(s[3]))
				&& ("GET".equals(method) || "PUT".equals(method))) {
			boolean appLevel = "user".equals(s[3]) && s[4].equals(s[1]);
			if ("chatgroup".equals(s[3]) && !ContractRules.groupId(s[4])) {
				problems.add("group id '" + s[4] + "' is not 1-64 digits");
			}
			if ("user".equals(s[3]) && !appLevel && s[4].equalsIgnoreCase(s[1])) {
				problems.add("a conversation of '" + s[1] + "' with itself ('" + s[4] + "')");
			}
			if ("PUT".equals(method)) {
				settings(body, appLevel, problems);
			}
		}
		else if (s.length == 4 && "users".equals(s[0]) && "notification".equals(s[2]) && "language".equals(s[3])
				&& ("GET".equals(method) || "PUT".equals(method))) {
			if ("PUT".equals(method)) {
				fields(body, Set.of("translationLanguage"), Set.of("translationLanguage"), problems);
				JsonNode language = body.get("translationLanguage");
				if (language != null && !(language.isString() && ContractRules.language(language.stringValue()))) {
					problems.add("translationLanguage " + language + " is not empty or a language tag");
				}
			}
		}
		else if (s.length == 2 && "notification".equals(s[0]) && "template".equals(s[1]) && "POST".equals(method)) {
			template(body, problems);
		}
		else if (s.length == 3 && "notification".equals(s[0]) && "template".equals(s[1])
				&& ("GET".equals(method) || "DELETE".equals(method))) {
			if (!ContractRules.templateName(s[2])) {
				problems.add("template name '" + s[2] + "' is not 1-64 letters and digits");
			}
		}
		else {
			problems.add("not one of Agora's push calls: " + method + " /" + String.join("/", s));
		}
	}

	private static void userAttributes(JsonNode body, List<String> problems) {
		fields(body, Set.of("nickname", "notification_display_style"), Set.of(), problems);
		if (body.size() == 0) {
			problems.add("an empty user update");
		}
		JsonNode nickname = body.get("nickname");
		if (nickname != null && !(nickname.isString() && ContractRules.displayName(nickname.stringValue()))) {
			problems.add("nickname " + show(nickname) + " is not 1-100 code points without control characters");
		}
		JsonNode style = body.get("notification_display_style");
		if (style != null && !(style.isIntegralNumber() && (style.asInt() == 0 || style.asInt() == 1))) {
			problems.add("notification_display_style " + style + " is not 0 or 1");
		}
	}

	private static void settings(JsonNode body, boolean appLevel, List<String> problems) {
		fields(body, Set.of("type", "ignoreInterval", "ignoreDuration"), Set.of(), problems);
		if (body.size() == 0) {
			problems.add("an empty settings change");
		}
		JsonNode type = body.get("type");
		if (type != null && !(type.isString() && PUSH_TYPES.contains(type.stringValue()))) {
			problems.add("type " + show(type) + " is not ALL, AT, NONE or DEFAULT");
		}
		if (appLevel && type != null && type.isString() && "DEFAULT".equals(type.stringValue())) {
			problems.add("type DEFAULT (inherit the app level) sent at the app level");
		}
		JsonNode interval = body.get("ignoreInterval");
		if (interval != null) {
			if (!appLevel) {
				problems.add("ignoreInterval (quiet hours) sent for a conversation");
			}
			if (!(interval.isString() && ContractRules.INTERVAL.matcher(interval.stringValue()).matches())) {
				problems.add("ignoreInterval " + show(interval) + " is not empty or HH:MM-HH:MM");
			}
			else if (!interval.stringValue().isEmpty()
					&& interval.stringValue().substring(0, 5).equals(interval.stringValue().substring(6))) {
				problems.add("ignoreInterval " + show(interval) + " has start equal to end (off or all day upstream)");
			}
		}
		JsonNode duration = body.get("ignoreDuration");
		if (duration != null && !(duration.isIntegralNumber() && duration.canConvertToLong()
				&& duration.longValue() >= 0 && duration.longValue() <= ContractRules.MAX_DO_NOT_DISTURB_MILLIS)) {
			problems.add("ignoreDuration " + duration + " is not 0 to 604800000 ms");
		}
	}

	private static void template(JsonNode body, List<String> problems) {
		Set<String> names = Set.of("name", "title_pattern", "content_pattern");
		fields(body, names, names, problems);
		JsonNode name = body.get("name");
		if (name != null && !(name.isString() && ContractRules.templateName(name.stringValue()))) {
			problems.add("template name " + show(name) + " is not 1-64 letters and digits");
		}
		for (Map.Entry<String, Integer> pattern : Map.of("title_pattern", 256, "content_pattern", 1024).entrySet()) {
			JsonNode value = body.get(pattern.getKey());
			if (value != null && !(value.isString()
					&& ContractRules.pattern(value.stringValue(), pattern.getValue()) != Verdict.BAD)) {
				problems.add(pattern.getKey() + " " + show(value) + " is blank, too long or has control characters");
			}
		}
	}

	/** Only {@code allowed} members, all of {@code required}, none null. */
	private static void fields(JsonNode body, Set<String> allowed, Set<String> required, List<String> problems) {
		for (String name : body.propertyNames()) {
			if (!allowed.contains(name)) {
				problems.add("unexpected member '" + name + "'");
			}
			else if (body.get(name).isNull()) {
				problems.add("member '" + name + "' sent as null");
			}
		}
		for (String name : required) {
			if (!body.has(name)) {
				problems.add("member '" + name + "' missing");
			}
		}
	}

	private static JsonNode parse(byte[] bytes, List<String> problems) {
		if (bytes == null || bytes.length == 0) {
			problems.add("no body");
			return null;
		}
		String text;
		try {
			text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			problems.add("the body is not UTF-8");
			return null;
		}
		try {
			JsonNode body = JSON.readTree(text);
			if (body == null || !body.isObject()) {
				problems.add("the body is not a JSON object: " + FuzzInputs.abbreviate(text, 200));
				return null;
			}
			unpairedSurrogates(body, problems);
			return body;
		}
		catch (JacksonException ex) {
			problems.add("the body is not valid JSON: " + FuzzInputs.abbreviate(text, 200));
			return null;
		}
	}

	private static void unpairedSurrogates(JsonNode node, List<String> problems) {
		if (node.isString() && ContractRules.hasUnpairedSurrogate(node.stringValue())) {
			problems.add("a string with an unpaired surrogate: " + show(node));
		}
		for (Map.Entry<String, JsonNode> member : node.properties()) {
			if (ContractRules.hasUnpairedSurrogate(member.getKey())) {
				problems.add("a member name with an unpaired surrogate");
			}
			unpairedSurrogates(member.getValue(), problems);
		}
		if (node.isArray()) {
			for (JsonNode element : node) {
				unpairedSurrogates(element, problems);
			}
		}
	}

	private static String show(JsonNode node) {
		return node.isString() ? "'" + FuzzInputs.abbreviate(node.stringValue(), 120) + "'"
				: FuzzInputs.abbreviate(node.toString(), 120);
	}

}
