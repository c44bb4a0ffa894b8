package io.pushproxy.push.conversations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.pushproxy.push.Conversation;
import io.pushproxy.security.Caller;
import io.pushproxy.web.FieldProblem;
import io.pushproxy.web.InvalidRequestException;

/**
 * The conversations a batch read names in {@code ids}: {@code user:{username}} or
 * {@code group:{digits}}, comma-separated, 1 to 50, in the order asked with duplicates
 * collapsed (usernames compared case-insensitively, as Agora does).
 */
final class ConversationBatch {

	static final int MAX_IDS = 50;

	private ConversationBatch() {
	}

	/**
	 * Reads every id before anything is forwarded.
	 * @param ids the query parameter as sent
	 * @param username the user whose conversations these are
	 * @param caller the caller, who {@code user:me} names
	 * @throws InvalidRequestException naming each bad id
	 */
	static List<Conversation> parse(String ids, String username, Caller caller) {
		if (ids == null || ids.isEmpty()) {
			throw new InvalidRequestException("ids",
					"name 1-" + MAX_IDS + " conversations as user:{username} or group:{id}");
		}
		String[] parts = ids.split(",", -1);
		if (parts.length > MAX_IDS) {
			throw new InvalidRequestException("ids", "at most " + MAX_IDS + " ids, got " + parts.length);
		}
		List<FieldProblem> problems = new ArrayList<>();
		Map<String, Conversation> conversations = new LinkedHashMap<>();
		for (int i = 0; i < parts.length; i++) {
			String part = parts[i];
			int colon = part.indexOf(':');
			String type = (colon > 0) ? part.substring(0, colon) : "";
			String id = (colon > 0) ? part.substring(colon + 1) : "";
			String field = "ids[" + i + "]";
			if (!"user".equals(type) && !"group".equals(type)) {
				problems.add(new FieldProblem(field, quoted(part) + " must be user:{username} or group:{id}"));
				continue;
			}
			try {
				String peer = ("user".equals(type) && Caller.ME.equals(id)) ? caller.actFor(Caller.ME) : id;
				Conversation conversation = Conversation.of(type, peer, username);
				conversations.putIfAbsent(conversation.chatType() + ":" + conversation.key().toLowerCase(Locale.ROOT),
						conversation);
			}
			catch (InvalidRequestException ex) {
				ex.errors()
					.forEach((problem) -> problems
						.add(new FieldProblem(field, quoted(part) + ": " + problem.message())));
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidRequestException(problems);
		}
		return List.copyOf(conversations.values());
	}

	/** The id as sent, shortened so that an answer never echoes much of a long one. */
	private static String quoted(String part) {
		String shown = (part.length() > 80) ? part.substring(0, 80) + "..." : part;
		return "'" + shown + "'";
	}

}
