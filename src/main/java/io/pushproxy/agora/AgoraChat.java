package io.pushproxy.agora;

import java.util.List;
import java.util.function.Supplier;

import io.pushproxy.agora.UpstreamFailure.Kind;
import io.pushproxy.cache.ReadCache;
import io.pushproxy.cache.ReadCache.Key;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * The ten upstream operations: Agora Chat's nine offline-push operations and reading a
 * user, each run through {@link AgoraGateway} under its {@link AgoraOperation}, with
 * Agora's envelopes unwrapped. Arguments must already be validated: they become path
 * segments and bodies as they are.
 * <p>
 * The four reads go through the {@link ReadCache}, which keeps Agora's unwrapped answer;
 * every successful write stores its answer there (a deleted template is dropped), so that
 * the profile, the batch read and the single calls all read one's own writes without an
 * upstream call.
 */
@Service
public class AgoraChat {

	private final AgoraChatClient client;

	private final AgoraGateway gateway;

	private final ReadCache cache;

	AgoraChat(AgoraChatClient client, AgoraGateway gateway, ReadCache cache) {
		this.client = client;
		this.gateway = gateway;
		this.cache = cache;
	}

	public UserEntity updateUser(String username, UserAttributes attributes) {
		AgoraOperation operation = AgoraOperation.USER_ATTRIBUTES;
		UserEntity answer = inDoubt(userKey(username), () -> entity(operation,
				this.gateway.call(operation, () -> this.client.updateUser(username, attributes))));
		this.cache.written(userKey(username), UserEntity.class, (cached) -> merged(answer, cached));
		return answer;
	}

	/**
	 * The user entity after a write: Agora echoes the display style only when it was
	 * sent, so a field the answer lacks is taken from the cached entity; without one, an
	 * incomplete answer is not cached (null).
	 */
	private static @Nullable UserEntity merged(UserEntity answer, @Nullable UserEntity cached) {
		if (cached == null) {
			boolean complete = answer.username() != null && answer.nickname() != null
					&& answer.notificationDisplayStyle() != null;
			return complete ? answer : null;
		}
		return new UserEntity((answer.username() != null) ? answer.username() : cached.username(),
				(answer.nickname() != null) ? answer.nickname() : cached.nickname(),
				(answer.notificationDisplayStyle() != null) ? answer.notificationDisplayStyle()
						: cached.notificationDisplayStyle());
	}

	/**
	 * Runs a write; when it fails, it may still have taken effect upstream (a timeout),
	 * so the entry it would have changed is dropped rather than served stale.
	 */
	private <T> T inDoubt(Key key, Supplier<T> write) {
		try {
			return write.get();
		}
		catch (RuntimeException ex) {
			this.cache.evict(key);
			throw ex;
		}
	}

	private static Key userKey(String username) {
		return Key.of(AgoraOperation.GET_USER.key(), username, "");
	}

	private static Key settingKey(String username, ChatType chatType, String key) {
		return Key.of(AgoraOperation.GET_PUSH_SETTINGS.key(), username, chatType.segment() + "/" + key);
	}

	private static Key languageKey(String username) {
		return Key.of(AgoraOperation.GET_LANGUAGE.key(), username, "");
	}

	private static Key templateKey(String name) {
		return Key.exact(AgoraOperation.GET_TEMPLATE.key(), name);
	}

	/**
	 * The user's entity ({@code GET /users/{username}}): {@code nickname} and
	 * {@code notification_display_style} are null when never set.
	 */
	public UserEntity user(String username) {
		AgoraOperation operation = AgoraOperation.GET_USER;
		return this.cache.read(userKey(username), UserEntity.class,
				() -> entity(operation, this.gateway.call(operation, () -> this.client.getUser(username))));
	}

	private static UserEntity entity(AgoraOperation operation, UserEnvelope answer) {
		List<UserEntity> entities = answer.entities();
		if (entities == null || entities.isEmpty() || entities.get(0) == null) {
			throw malformed(operation);
		}
		return entities.get(0);
	}

	public NotificationSetting notificationSetting(String username, ChatType chatType, String key) {
		AgoraOperation operation = AgoraOperation.GET_PUSH_SETTINGS;
		return this.cache.read(settingKey(username, chatType, key), NotificationSetting.class, () -> data(operation,
				this.gateway.call(operation, () -> this.client.getNotification(username, chatType.segment(), key))));
	}

	public NotificationSetting changeNotificationSetting(String username, ChatType chatType, String key,
			NotificationSettingChange change) {
		AgoraOperation operation = AgoraOperation.SET_PUSH_SETTINGS;
		NotificationSetting answer = inDoubt(settingKey(username, chatType, key), () -> data(operation, this.gateway
			.call(operation, () -> this.client.setNotification(username, chatType.segment(), key, change))));
		this.cache.written(settingKey(username, chatType, key), answer);
		return answer;
	}

	public String language(String username) {
		AgoraOperation operation = AgoraOperation.GET_LANGUAGE;
		return this.cache.read(languageKey(username), String.class,
				() -> language(operation, this.gateway.call(operation, () -> this.client.getLanguage(username))));
	}

	public String changeLanguage(String username, String language) {
		AgoraOperation operation = AgoraOperation.SET_LANGUAGE;
		String answer = inDoubt(languageKey(username), () -> language(operation, this.gateway.call(operation,
				() -> this.client.setLanguage(username, new TranslationLanguage(language)))));
		this.cache.written(languageKey(username), answer);
		return answer;
	}

	public TemplateData createTemplate(NewTemplate template) {
		AgoraOperation operation = AgoraOperation.CREATE_TEMPLATE;
		TemplateData answer = inDoubt(templateKey(template.name()),
				() -> data(operation, this.gateway.call(operation, () -> this.client.createTemplate(template))));
		if (answer.name() != null) {
			this.cache.written(templateKey(answer.name()), answer);
		}
		else {
			this.cache.evict(templateKey(template.name()));
		}
		return answer;
	}

	public TemplateData template(String name) {
		AgoraOperation operation = AgoraOperation.GET_TEMPLATE;
		return this.cache.read(templateKey(name), TemplateData.class,
				() -> data(operation, this.gateway.call(operation, () -> this.client.getTemplate(name))));
	}

	public void deleteTemplate(String name) {
		AgoraOperation operation = AgoraOperation.DELETE_TEMPLATE;
		try {
			this.gateway.call(operation, () -> this.client.deleteTemplate(name));
		}
		finally {
			// Gone, or in doubt after a failure: either way not served from the cache.
			this.cache.evict(templateKey(name));
		}
	}

	private static String language(AgoraOperation operation, DataEnvelope<Language> answer) {
		Language language = data(operation, answer);
		return (language.language() != null) ? language.language() : "";
	}

	private static <T> T data(AgoraOperation operation, DataEnvelope<T> answer) {
		if (answer.data() == null) {
			throw malformed(operation);
		}
		return answer.data();
	}

	private static UpstreamFailure malformed(AgoraOperation operation) {
		return new UpstreamFailure(Kind.BAD_RESPONSE, operation, "Agora answered with a body the proxy cannot read");
	}

}
