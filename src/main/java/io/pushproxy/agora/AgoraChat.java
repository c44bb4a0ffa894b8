package io.pushproxy.agora;

import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

import io.pushproxy.agora.AgoraOperation.Cache.Effect;
import io.pushproxy.cache.ReadCache;
import io.pushproxy.cache.ReadCache.Key;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

import static io.pushproxy.agora.AgoraOperation.CREATE_TEMPLATE;
import static io.pushproxy.agora.AgoraOperation.DELETE_TEMPLATE;
import static io.pushproxy.agora.AgoraOperation.GET_LANGUAGE;
import static io.pushproxy.agora.AgoraOperation.GET_PUSH_SETTINGS;
import static io.pushproxy.agora.AgoraOperation.GET_TEMPLATE;
import static io.pushproxy.agora.AgoraOperation.GET_USER;
import static io.pushproxy.agora.AgoraOperation.SET_LANGUAGE;
import static io.pushproxy.agora.AgoraOperation.SET_PUSH_SETTINGS;
import static io.pushproxy.agora.AgoraOperation.USER_ATTRIBUTES;

/**
 * The operations of Agora Chat's offline-push API and reading a user, each a mapping onto
 * one generic path: {@link #read} or {@link #write} runs the call through
 * {@link AgoraGateway} under its {@link AgoraOperation}, unwraps Agora's envelope, and
 * applies the cache effect of the operation's row. Arguments must already be validated:
 * they become path segments and bodies as they are.
 * <p>
 * The reads go through the {@link ReadCache}, which keeps Agora's unwrapped answer; every
 * successful write stores its answer there (the user entity merged, a deleted template
 * dropped), so that the profile, the batch read and the single calls all read one's own
 * writes without an upstream call.
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

	/**
	 * The user's entity ({@code GET /users/{username}}): {@code nickname} and
	 * {@code notification_display_style} are null when never set.
	 */
	public UserEntity user(String username) {
		return read(GET_USER, Entry.of(username, ""), UserEntity.class, () -> this.client.getUser(username),
				Envelopes::entity);
	}

	public UserEntity updateUser(String username, UserAttributes attributes) {
		return write(USER_ATTRIBUTES, Entry.of(username, ""), () -> this.client.updateUser(username, attributes),
				Envelopes::entity, Merge.of(UserEntity.class, AgoraChat::merged));
	}

	public NotificationSetting notificationSetting(String username, ChatType chatType, String key) {
		return read(GET_PUSH_SETTINGS, Entry.of(username, chatType.segment() + "/" + key), NotificationSetting.class,
				() -> this.client.getNotification(username, chatType.segment(), key), Envelopes::data);
	}

	public NotificationSetting changeNotificationSetting(String username, ChatType chatType, String key,
			NotificationSettingChange change) {
		return write(SET_PUSH_SETTINGS, Entry.of(username, chatType.segment() + "/" + key),
				() -> this.client.setNotification(username, chatType.segment(), key, change), Envelopes::data);
	}

	public String language(String username) {
		return read(GET_LANGUAGE, Entry.of(username, ""), String.class, () -> this.client.getLanguage(username),
				Envelopes::language);
	}

	public String changeLanguage(String username, String language) {
		return write(SET_LANGUAGE, Entry.of(username, ""),
				() -> this.client.setLanguage(username, new TranslationLanguage(language)), Envelopes::language);
	}

	public TemplateData template(String name) {
		return read(GET_TEMPLATE, Entry.exact(name), TemplateData.class, () -> this.client.getTemplate(name),
				Envelopes::data);
	}

	/**
	 * Creates a template; its entry is the one of the name Agora answered (an answer
	 * without a name drops the entry of the name asked for).
	 */
	public TemplateData createTemplate(NewTemplate template) {
		return write(CREATE_TEMPLATE, Entry.exact(template.name()), () -> this.client.createTemplate(template),
				Envelopes::data, Merge.none(), (answer) -> (answer.name() != null) ? Entry.exact(answer.name()) : null);
	}

	public void deleteTemplate(String name) {
		write(DELETE_TEMPLATE, Entry.exact(name), () -> this.client.deleteTemplate(name),
				(operation, answer) -> answer);
	}

	/**
	 * A read through the cache: the fresh entry, else Agora's answer to the call, run
	 * under the operation's budget, retries and circuit, and unwrapped.
	 */
	private <A, T> T read(AgoraOperation operation, Entry entry, Class<T> type, Supplier<A> call,
			Envelopes.Unwrap<A, T> unwrap) {
		if (operation.cache().effect() != Effect.READ) {
			throw new IllegalStateException(operation + " is no cached read in AgoraOperation");
		}
		return this.cache.read(entry.key(operation), type,
				() -> unwrap.apply(operation, this.gateway.call(operation, call)));
	}

	private <A, T> T write(AgoraOperation operation, Entry entry, Supplier<A> call, Envelopes.Unwrap<A, T> unwrap) {
		return write(operation, entry, call, unwrap, Merge.none(), (answer) -> entry);
	}

	private <A, T> T write(AgoraOperation operation, Entry entry, Supplier<A> call, Envelopes.Unwrap<A, T> unwrap,
			Merge<T> merge) {
		return write(operation, entry, call, unwrap, merge, (answer) -> entry);
	}

	/**
	 * A write, run under the operation's budget, retries and circuit, and unwrapped; then
	 * the cache effect of its row in {@link AgoraOperation} on the read's entry it
	 * changes: the answer stored there (under the entry the answer names), merged into
	 * it, or the entry dropped. A write that fails may still have taken effect upstream
	 * (a timeout), so its entry is dropped rather than served stale.
	 */
	private <A, T> T write(AgoraOperation operation, Entry entry, Supplier<A> call, Envelopes.Unwrap<A, T> unwrap,
			Merge<T> merge, Function<T, @Nullable Entry> answered) {
		AgoraOperation read = operation.cache().entryOf();
		if (read == null) {
			throw new IllegalStateException(operation + " changes no cached read in AgoraOperation");
		}
		Key key = entry.key(read);
		T answer;
		try {
			answer = unwrap.apply(operation, this.gateway.call(operation, call));
		}
		catch (RuntimeException ex) {
			this.cache.evict(key);
			throw ex;
		}
		switch (operation.cache().effect()) {
			case STORE -> {
				Entry stored = answered.apply(answer);
				if (stored != null) {
					this.cache.written(stored.key(read), answer);
				}
				else {
					this.cache.evict(key);
				}
			}
			case MERGE -> merge.into(this.cache, key, answer);
			case EVICT -> this.cache.evict(key);
			default -> throw new IllegalStateException(operation + " is no write in AgoraOperation");
		}
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
	 * Where an operation's answer is cached, apart from the operation: a user (compared
	 * case-insensitively, as Agora does) and a conversation, or a case-sensitive name.
	 */
	private record Entry(String user, String conversation, boolean exact) {

		static Entry of(String user, String conversation) {
			return new Entry(user, conversation, false);
		}

		static Entry exact(String name) {
			return new Entry("", name, true);
		}

		/** The key of this entry of a read's cache. */
		Key key(AgoraOperation read) {
			return this.exact ? Key.exact(read.key(), this.conversation)
					: Key.of(read.key(), this.user, this.conversation);
		}

	}

	/** How a write's answer is merged into the entry it changes. */
	private record Merge<T>(@Nullable Class<T> type, @Nullable BiFunction<T, @Nullable T, @Nullable T> merge) {

		static <T> Merge<T> of(Class<T> type, BiFunction<T, @Nullable T, @Nullable T> merge) {
			return new Merge<>(type, merge);
		}

		static <T> Merge<T> none() {
			return new Merge<>(null, null);
		}

		void into(ReadCache cache, Key key, T answer) {
			if (this.type == null || this.merge == null) {
				throw new IllegalStateException("A merging write needs its merge");
			}
			cache.written(key, this.type, (cached) -> this.merge.apply(answer, cached));
		}

	}

}
