package io.pushproxy.push.conversations;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.pushproxy.agora.AgoraChat;
import io.pushproxy.agora.AgoraOperation;
import io.pushproxy.push.Conversation;
import io.pushproxy.push.ConversationPushSettings;
import io.pushproxy.push.Outcome;
import io.pushproxy.push.ParallelCalls;
import io.pushproxy.push.ParallelCalls.Pending;
import io.pushproxy.push.SectionFailure;
import io.pushproxy.push.SettingsMapping;

import org.springframework.stereotype.Service;

/**
 * Reads many conversations' push settings for one request, at most {@link #IN_FLIGHT}
 * upstream reads at a time (the get-push-settings budget is shared by every caller and by
 * the apps' SDK), answering in the order asked; one item's failure is that item's answer
 * only.
 */
@Service
class ConversationBatchService {

	static final int IN_FLIGHT = 8;

	private final AgoraChat agora;

	private final ParallelCalls calls;

	private final Clock clock;

	ConversationBatchService(AgoraChat agora, ParallelCalls calls, Clock clock) {
		this.agora = agora;
		this.calls = calls;
		this.clock = clock;
	}

	List<ConversationItem> settings(String username, List<Conversation> conversations) {
		long deadline = this.calls.deadline();
		List<ConversationItem> items = new ArrayList<>(conversations.size());
		Deque<Pending<ConversationPushSettings>> inFlight = new ArrayDeque<>();
		int next = 0;
		while (items.size() < conversations.size()) {
			while (next < conversations.size() && inFlight.size() < IN_FLIGHT) {
				inFlight.add(read(username, conversations.get(next++)));
			}
			Conversation conversation = conversations.get(items.size());
			items.add(item(conversation, inFlight.poll().await(deadline)));
		}
		return items;
	}

	private Pending<ConversationPushSettings> read(String username, Conversation conversation) {
		return this.calls.start(AgoraOperation.GET_PUSH_SETTINGS,
				() -> SettingsMapping.conversation(
						this.agora.notificationSetting(username, conversation.chatType(), conversation.key()),
						AgoraOperation.GET_PUSH_SETTINGS, this.clock.instant()));
	}

	private static ConversationItem item(Conversation conversation, Outcome<ConversationPushSettings> outcome) {
		String type = ConversationItem.type(conversation);
		if (outcome.succeeded()) {
			return new ConversationItem.Settings(type, conversation.key(), outcome.value().mode(),
					outcome.value().doNotDisturbUntil());
		}
		SectionFailure failure = SectionFailure.of(type, outcome.failure());
		return new ConversationItem.Failed(type, conversation.key(),
				new ConversationItem.Error(failure.status(), failure.type()));
	}

}
