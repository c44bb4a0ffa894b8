package io.pushproxy.agora;

import java.util.List;

import io.pushproxy.agora.UpstreamFailure.Kind;

/**
 * Agora's answers unwrapped from their envelopes: user calls answer {@code entities: [
 * {...} ]}, notification and template calls {@code data: {...}}. An answer without what
 * it should hold is an {@link Kind#BAD_RESPONSE}.
 */
final class Envelopes {

	private Envelopes() {
	}

	static UserEntity entity(AgoraOperation operation, UserEnvelope answer) {
		List<UserEntity> entities = answer.entities();
		if (entities == null || entities.isEmpty() || entities.get(0) == null) {
			throw malformed(operation);
		}
		return entities.get(0);
	}

	static String language(AgoraOperation operation, DataEnvelope<Language> answer) {
		Language language = data(operation, answer);
		return (language.language() != null) ? language.language() : "";
	}

	static <T> T data(AgoraOperation operation, DataEnvelope<T> answer) {
		if (answer.data() == null) {
			throw malformed(operation);
		}
		return answer.data();
	}

	static UpstreamFailure malformed(AgoraOperation operation) {
		return new UpstreamFailure(Kind.BAD_RESPONSE, operation, "Agora answered with a body the proxy cannot read");
	}

	/** Agora's answer to an operation, unwrapped from its envelope. */
	@FunctionalInterface
	interface Unwrap<A, T> {

		T apply(AgoraOperation operation, A answer);

	}

}
