package io.pushproxy.push;

import java.util.regex.Pattern;

import io.pushproxy.agora.ChatType;
import io.pushproxy.web.InvalidRequestException;

/**
 * A conversation of a user, as Agora keys it: a one-to-one chat with a peer, or a group.
 *
 * @param chatType the upstream {@code chattype}
 * @param key the peer's username or the group id
 */
public record Conversation(ChatType chatType, String key) {

	private static final Pattern USERNAME = Pattern.compile(Username.PATTERN);

	private static final Pattern GROUP_ID = Pattern.compile("[0-9]{1,64}");

	/**
	 * Reads the {@code {type}/{id}} path segments of a user's conversation.
	 * @throws InvalidRequestException when the id does not fit the type, or names the
	 * user
	 */
	public static Conversation of(String type, String id, String username) {
		if ("group".equals(type)) {
			if (!GROUP_ID.matcher(id).matches()) {
				throw new InvalidRequestException("id", "a group id is 1-64 digits");
			}
			return new Conversation(ChatType.CHATGROUP, id);
		}
		if (!USERNAME.matcher(id).matches()) {
			throw new InvalidRequestException("id", "a peer is 1-64 of A-Z a-z 0-9 _ - .");
		}
		if (id.equalsIgnoreCase(username)) {
			throw new InvalidRequestException("id",
					"a conversation with oneself is the app level: use /v1/users/{user}/push/settings");
		}
		return new Conversation(ChatType.USER, id);
	}

}
