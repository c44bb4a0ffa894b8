package io.pushproxy.emulator;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The emulated service's data: users with their push attributes, push settings per (user,
 * chat type, key), push languages and push templates. Usernames are stored lower-cased.
 * Every method is synchronized; the maps returned are snapshots.
 */
final class EmulatorState {

	private final Map<String, User> users = new HashMap<>();

	private final Map<String, PushSettings> pushSettings = new HashMap<>();

	private final Map<String, String> languages = new HashMap<>();

	private final Map<String, Template> templates = new HashMap<>();

	static String normalizeUsername(String username) {
		return username.toLowerCase(Locale.ROOT);
	}

	synchronized void registerUser(String username) {
		long now = System.currentTimeMillis();
		this.users.putIfAbsent(normalizeUsername(username),
				new User(UUID.randomUUID().toString(), normalizeUsername(username), now));
	}

	/** Applies the attributes that are not null and answers the user entity. */
	synchronized Map<String, Object> updateUser(String username, String nickname, Integer displayStyle) {
		User user = requireUser(username);
		if (nickname != null) {
			user.nickname = nickname;
		}
		if (displayStyle != null) {
			user.displayStyle = displayStyle;
		}
		user.modified = System.currentTimeMillis();
		return user.toEntity();
	}

	synchronized Map<String, Object> pushSettings(String username, String chatType, String key, boolean appLevel) {
		requireUser(username);
		PushSettings settings = this.pushSettings.get(settingsKey(username, chatType, key));
		return ((settings != null) ? settings : new PushSettings()).toData(appLevel);
	}

	/**
	 * Applies the settings that are not null. Like the real service, the stored
	 * ignoreDuration is the absolute time in ms at which do-not-disturb ends, and it
	 * stays in the answers after that time has passed (only 0 resets it).
	 */
	synchronized Map<String, Object> updatePushSettings(String username, String chatType, String key, boolean appLevel,
			String type, String ignoreInterval, Long ignoreDurationMs) {
		requireUser(username);
		PushSettings settings = this.pushSettings.computeIfAbsent(settingsKey(username, chatType, key),
				(ignored) -> new PushSettings());
		if (type != null) {
			settings.type = type;
		}
		if (ignoreInterval != null) {
			settings.ignoreInterval = ignoreInterval;
		}
		if (ignoreDurationMs != null) {
			settings.ignoreDuration = (ignoreDurationMs == 0) ? 0 : System.currentTimeMillis() + ignoreDurationMs;
		}
		return settings.toData(appLevel);
	}

	synchronized Map<String, Object> language(String username) {
		String user = requireUser(username).username;
		return Map.of("language", this.languages.getOrDefault(user, ""));
	}

	synchronized Map<String, Object> updateLanguage(String username, String language) {
		String user = requireUser(username).username;
		this.languages.put(user, language);
		return Map.of("language", language);
	}

	synchronized Map<String, Object> createTemplate(String name, String titlePattern, String contentPattern) {
		if (this.templates.containsKey(name)) {
			throw ApiException.duplicate("Template " + name + " already exists");
		}
		Template template = new Template(name, System.currentTimeMillis(), titlePattern, contentPattern);
		this.templates.put(name, template);
		return template.toData();
	}

	synchronized Map<String, Object> template(String name) {
		return requireTemplate(name).toData();
	}

	synchronized Map<String, Object> deleteTemplate(String name) {
		Template template = requireTemplate(name);
		this.templates.remove(name);
		return template.toData();
	}

	/** The user entity, as {@code GET /users/{username}} answers it. */
	synchronized Map<String, Object> user(String username) {
		return requireUser(username).toEntity();
	}

	/** Only registered users exist: the push calls answer any other with Agora's 400. */
	private User requireUser(String username) {
		User user = this.users.get(normalizeUsername(username));
		if (user == null) {
			throw ApiException.userNotRegistered();
		}
		return user;
	}

	private Template requireTemplate(String name) {
		Template template = this.templates.get(name);
		if (template == null) {
			throw ApiException.templateNotFound(name);
		}
		return template;
	}

	private static String settingsKey(String username, String chatType, String key) {
		return normalizeUsername(username) + "/" + chatType + "/" + key;
	}

	private static final class User {

		private final String uuid;

		private final String username;

		private final long created;

		private long modified;

		private String nickname;

		private Integer displayStyle;

		User(String uuid, String username, long created) {
			this.uuid = uuid;
			this.username = username;
			this.created = created;
			this.modified = created;
		}

		Map<String, Object> toEntity() {
			Map<String, Object> entity = new LinkedHashMap<>();
			entity.put("uuid", this.uuid);
			entity.put("type", "user");
			entity.put("created", this.created);
			entity.put("modified", this.modified);
			entity.put("username", this.username);
			entity.put("activated", true);
			if (this.nickname != null) {
				entity.put("nickname", this.nickname);
			}
			if (this.displayStyle != null) {
				entity.put("notification_display_style", this.displayStyle);
			}
			return entity;
		}

	}

	private static final class PushSettings {

		private String type = "DEFAULT";

		private String ignoreInterval = "";

		private long ignoreDuration;

		Map<String, Object> toData(boolean appLevel) {
			Map<String, Object> data = new LinkedHashMap<>();
			data.put("type", this.type);
			if (appLevel) {
				data.put("ignoreInterval", this.ignoreInterval);
			}
			data.put("ignoreDuration", this.ignoreDuration);
			return data;
		}

	}

	private record Template(String name, long createAt, String titlePattern, String contentPattern) {

		Map<String, Object> toData() {
			Map<String, Object> data = new LinkedHashMap<>();
			data.put("name", this.name);
			data.put("createAt", this.createAt);
			data.put("updateAt", this.createAt);
			data.put("title_pattern", this.titlePattern);
			data.put("content_pattern", this.contentPattern);
			return data;
		}

	}

}
