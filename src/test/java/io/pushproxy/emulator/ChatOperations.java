package io.pushproxy.emulator;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * The nine offline-push operations and reading a user: checks path parameters and bodies
 * as strictly as the reference describes, then reads or changes {@link EmulatorState}.
 */
final class ChatOperations {

	static final String USER_ATTRIBUTES = "user-attributes";

	static final String GET_USER = "get-user";

	static final String SET_PUSH_SETTINGS = "set-push-settings";

	static final String GET_PUSH_SETTINGS = "get-push-settings";

	static final String SET_LANGUAGE = "set-language";

	static final String GET_LANGUAGE = "get-language";

	static final String CREATE_TEMPLATE = "create-template";

	static final String GET_TEMPLATE = "get-template";

	static final String DELETE_TEMPLATE = "delete-template";

	static final String TOKEN = "token";

	static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

	private static final Pattern TEMPLATE_NAME = Pattern.compile("[A-Za-z0-9]{1,64}");

	private static final Pattern IGNORE_INTERVAL = Pattern
		.compile("([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]");

	private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*");

	private static final Set<String> PUSH_TYPES = Set.of("DEFAULT", "ALL", "AT", "NONE");

	private static final long MAX_IGNORE_DURATION_MS = 604_800_000L;

	private static final int MAX_NICKNAME_CODE_POINTS = 100;

	private final EmulatorState state;

	ChatOperations(EmulatorState state) {
		this.state = state;
	}

	/**
	 * Runs one operation. {@code params} are the decoded path parameters in path order;
	 * {@code body} is null for calls without one.
	 */
	Map<String, Object> handle(String operation, List<String> params, JsonBody body) {
		return switch (operation) {
			case USER_ATTRIBUTES -> updateUser(username(params.get(0)), body);
			case GET_USER -> this.state.user(username(params.get(0)));
			case GET_PUSH_SETTINGS -> pushSettings(conversation(params));
			case SET_PUSH_SETTINGS -> updatePushSettings(conversation(params), body);
			case GET_LANGUAGE -> this.state.language(username(params.get(0)));
			case SET_LANGUAGE -> updateLanguage(username(params.get(0)), body);
			case CREATE_TEMPLATE -> createTemplate(body);
			case GET_TEMPLATE -> this.state.template(params.get(0));
			case DELETE_TEMPLATE -> this.state.deleteTemplate(params.get(0));
			default -> throw new IllegalStateException("Unknown operation " + operation);
		};
	}

	private Map<String, Object> updateUser(String username, JsonBody body) {
		body.allowOnly(Set.of("nickname", "notification_display_style"));
		String nickname = body.string("nickname");
		if (nickname != null && nickname.codePointCount(0, nickname.length()) > MAX_NICKNAME_CODE_POINTS) {
			throw ApiException.illegalArgument("nickname is longer than " + MAX_NICKNAME_CODE_POINTS + " characters");
		}
		Integer displayStyle = displayStyle(body.present("notification_display_style"));
		return this.state.updateUser(username, nickname, displayStyle);
	}

	/** An int, or (as the reference's own example sends it) a numeric string. */
	private static Integer displayStyle(JsonNode value) {
		if (value == null) {
			return null;
		}
		int style;
		if (value.isIntegralNumber() && value.canConvertToInt()) {
			style = value.intValue();
		}
		else if (value.isString() && value.stringValue().matches("-?[0-9]{1,9}")) {
			style = Integer.parseInt(value.stringValue());
		}
		else {
			throw JsonBody.wrongType("notification_display_style", "an integer");
		}
		if (style != 0 && style != 1) {
			throw ApiException.illegalArgument("notification_display_style must be 0 or 1");
		}
		return style;
	}

	private Map<String, Object> pushSettings(Conversation conversation) {
		return this.state.pushSettings(conversation.username(), conversation.chatType(), conversation.key(),
				conversation.appLevel());
	}

	private Map<String, Object> updatePushSettings(Conversation conversation, JsonBody body) {
		body.allowOnly(Set.of("type", "ignoreInterval", "ignoreDuration"));
		String type = body.string("type");
		if (type != null && !PUSH_TYPES.contains(type)) {
			throw ApiException.invalidParameter("type must be one of " + PUSH_TYPES);
		}
		String ignoreInterval = body.string("ignoreInterval");
		if (ignoreInterval != null && !conversation.appLevel()) {
			throw ApiException.invalidParameter("ignoreInterval can only be set at the app level");
		}
		if (ignoreInterval != null && !ignoreInterval.isEmpty() && !IGNORE_INTERVAL.matcher(ignoreInterval).matches()) {
			throw ApiException.invalidParameter("ignoreInterval must be HH:MM-HH:MM");
		}
		Long ignoreDuration = body.integral("ignoreDuration");
		if (ignoreDuration != null && (ignoreDuration < 0 || ignoreDuration > MAX_IGNORE_DURATION_MS)) {
			throw ApiException.invalidParameter("ignoreDuration must be in [0, " + MAX_IGNORE_DURATION_MS + "]");
		}
		return this.state.updatePushSettings(conversation.username(), conversation.chatType(), conversation.key(),
				conversation.appLevel(), type, ignoreInterval, ignoreDuration);
	}

	private Map<String, Object> updateLanguage(String username, JsonBody body) {
		body.allowOnly(Set.of("translationLanguage"));
		String language = body.requiredString("translationLanguage");
		if (!language.isEmpty() && !LANGUAGE.matcher(language).matches()) {
			throw ApiException.invalidParameter("translationLanguage is not a language code: " + language);
		}
		return this.state.updateLanguage(username, language);
	}

	private Map<String, Object> createTemplate(JsonBody body) {
		body.allowOnly(Set.of("name", "title_pattern", "content_pattern"));
		String name = body.requiredString("name");
		String titlePattern = body.requiredString("title_pattern");
		String contentPattern = body.requiredString("content_pattern");
		if (!TEMPLATE_NAME.matcher(name).matches()) {
			throw ApiException.invalidParameter("Template name must be 1 to 64 letters and digits");
		}
		if (titlePattern.isEmpty() || contentPattern.isEmpty()) {
			throw ApiException.invalidParameter("title_pattern and content_pattern must not be empty");
		}
		return this.state.createTemplate(name, titlePattern, contentPattern);
	}

	private static String username(String username) {
		if (!USERNAME.matcher(username).matches()) {
			throw ApiException.illegalArgument("username " + username + " is not legal");
		}
		return EmulatorState.normalizeUsername(username);
	}

	/**
	 * The conversation a push-settings path names. App level is chat type {@code user}
	 * with the user's own name as key; peer usernames are case-insensitive like any
	 * username, group ids are kept as sent.
	 */
	private static Conversation conversation(List<String> params) {
		String username = username(params.get(0));
		String chatType = params.get(1);
		String key = params.get(2);
		if (chatType.equals("user")) {
			String peer = username(key);
			return new Conversation(username, chatType, peer, peer.equals(username));
		}
		if (!chatType.equals("chatgroup")) {
			throw ApiException.invalidParameter("chattype must be user or chatgroup");
		}
		if (key.isEmpty()) {
			throw ApiException.invalidParameter("group id must not be empty");
		}
		return new Conversation(username, chatType, key, false);
	}

	private record Conversation(String username, String chatType, String key, boolean appLevel) {
	}

}
