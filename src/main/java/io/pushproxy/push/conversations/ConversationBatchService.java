package io.pushproxy.push.conversations;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.pushproxy.agora.AgoraChat;
import io.pushproxy.agora.AgoraOperation;
import io.pushproxy.agora.BulkheadLimits;
import io.pushproxy.push.Conversation;
import io.pushproxy.push.ConversationPushSettings;
import io.pushproxy.push.Outcome;
import io.pushproxy.push.ParallelCalls;
import io.pushproxy.push.PendingCall;
import io.pushproxy.push.SectionFailure;
import io.pushproxy.push.SettingsMapping;

import org.springframework.stereotype.Service;

/**
 * Reads many conversations' push settings for one request, at most {@link #IN_FLIGHT}
 * upstream reads at a time (the get-push-settings budget is shared by every caller and by
 * the apps' SDK), answering in the order asked; one item's failure is that item's answer
 * only. The reads run on the batches' own {@link ParallelCalls.Pool}, so slow batches
 * wait for each other, never for a profile's threads or it for theirs; an item not
 * started by the request's deadline is answered busy, and never started.
 */
@Service
class ConversationBatchService {

	static final int IN_FLIGHT = 8;

	private final AgoraChat agora;

	private final ParallelCalls.Pool calls;

	private final Clock clock;

	ConversationBatchService(AgoraChat agora, ParallelCalls calls, BulkheadLimits bulkheads, Clock clock) {
		this.agora = agora;
		this.calls = calls.pool("conversations", threads(bulkheads));
		this.clock = clock;
	}

	/**
	 * Threads for all batches' reads: half of the calls get-push-settings' bulkhead lets
	 * be in flight (25 by default), at least one batch's {@link #IN_FLIGHT}. Batches
	 * alone then never fill the bulkhead: the single reads and the profiles' settings
	 * keep the other half while conversation reads are slow.
	 */
	static int threads(BulkheadLimits bulkheads) {
		return Math.max(IN_FLIGHT, bulkheads.maxInFlight(AgoraOperation.GET_PUSH_SETTINGS) / 2);
	}

	List<ConversationItem> settings(String username, List<Conversation> conversations) {
		long deadline = this.calls.deadline();
		List<ConversationItem> items = new ArrayList<>(conversations.size());
		Deque<PendingCall<ConversationPushSettings>> inFlight = new ArrayDeque<>();
		int next = 0;
		while (items.size() < conversations.size()) {
			while (next < conversations.size() && inFlight.size() < IN_FLIGHT) {
				inFlight.add(read(username, conversations.get(next++), deadline));
			}
			Conversation conversation = conversations.get(items.size());
			items.add(item(conversation, inFlight.poll().await(deadline)));
		}
		return items;
	}

	private PendingCall<ConversationPushSettings> read(String username, Conversation conversation, long deadline) {
		return this.calls.start(AgoraOperation.GET_PUSH_SETTINGS, deadline,
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
