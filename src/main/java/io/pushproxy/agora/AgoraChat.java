package io.pushproxy.agora;

import java.util.List;

import io.pushproxy.agora.UpstreamFailure.Kind;

import org.springframework.stereotype.Service;

/**
 * The nine offline-push operations of Agora Chat and reading a user, each run through
 * {@link AgoraGateway} under its {@link AgoraOperation}, with Agora's envelopes
 * unwrapped. Arguments must already be validated: they become path segments and bodies as
 * they are.
 */
@Service
public class AgoraChat {

	private final AgoraChatClient client;

	private final AgoraGateway gateway;

	AgoraChat(AgoraChatClient client, AgoraGateway gateway) {
		this.client = client;
		this.gateway = gateway;
	}

	public UserEntity updateUser(String username, UserAttributes attributes) {
		AgoraOperation operation = AgoraOperation.USER_ATTRIBUTES;
		return entity(operation, this.gateway.call(operation, () -> this.client.updateUser(username, attributes)));
	}

	/**
	 * The user's entity ({@code GET /users/{username}}): {@code nickname} and
	 * {@code notification_display_style} are null when never set.
	 */
	public UserEntity user(String username) {
		AgoraOperation operation = AgoraOperation.GET_USER;
		return entity(operation, this.gateway.call(operation, () -> this.client.getUser(username)));
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
		return data(operation,
				this.gateway.call(operation, () -> this.client.getNotification(username, chatType.segment(), key)));
	}

	public NotificationSetting changeNotificationSetting(String username, ChatType chatType, String key,
			NotificationSettingChange change) {
		AgoraOperation operation = AgoraOperation.SET_PUSH_SETTINGS;
		return data(operation, this.gateway.call(operation,
				() -> this.client.setNotification(username, chatType.segment(), key, change)));
	}

	public String language(String username) {
		AgoraOperation operation = AgoraOperation.GET_LANGUAGE;
		return language(operation, this.gateway.call(operation, () -> this.client.getLanguage(username)));
	}

	public String changeLanguage(String username, String language) {
		AgoraOperation operation = AgoraOperation.SET_LANGUAGE;
		return language(operation, this.gateway.call(operation,
				() -> this.client.setLanguage(username, new TranslationLanguage(language))));
	}

	public TemplateData createTemplate(NewTemplate template) {
		AgoraOperation operation = AgoraOperation.CREATE_TEMPLATE;
		return data(operation, this.gateway.call(operation, () -> this.client.createTemplate(template)));
	}

	public TemplateData template(String name) {
		AgoraOperation operation = AgoraOperation.GET_TEMPLATE;
		return data(operation, this.gateway.call(operation, () -> this.client.getTemplate(name)));
	}

	public void deleteTemplate(String name) {
		AgoraOperation operation = AgoraOperation.DELETE_TEMPLATE;
		this.gateway.call(operation, () -> this.client.deleteTemplate(name));
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
