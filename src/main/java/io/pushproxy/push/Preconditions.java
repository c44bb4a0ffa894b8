package io.pushproxy.push;

import java.util.function.Supplier;

import io.pushproxy.cache.EntityTags;
import io.pushproxy.web.InvalidRequestException;
import io.pushproxy.web.PreconditionFailedException;
import tools.jackson.databind.json.JsonMapper;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * {@code If-Match} on PUT and PATCH: the change goes ahead only when the header is
 * {@code *} or holds the strong ETag of the current representation, which is what a GET
 * of the same URL would answer (for the display name and style, which have no GET, the
 * answer their PUT gives). That representation is read like any GET: from the read cache
 * while its entries are fresh, else with one upstream read per entry. The check and the
 * write are not atomic (Agora has no conditional write): two writes a few milliseconds
 * apart can still both pass.
 */
@Component
public class Preconditions {

	private final JsonMapper json;

	Preconditions(JsonMapper json) {
		this.json = json;
	}

	/**
	 * Does nothing without {@code If-Match}, or with {@code *}.
	 * @throws InvalidRequestException when the header is no list of quoted entity tags,
	 * before anything is read
	 * @throws PreconditionFailedException when the current representation's tag differs
	 */
	public void ifMatch(@Nullable String ifMatch, Supplier<?> current) {
		if (ifMatch == null) {
			return;
		}
		if (!EntityTags.wellFormed(ifMatch)) {
			throw new InvalidRequestException(HttpHeaders.IF_MATCH,
					"must be * or quoted entity tags as an ETag gives them, such as \"5d41402abc4b2a76b9719d911017c592\"");
		}
		if (ifMatch.strip().equals("*")) {
			return;
		}
		String tag = EntityTags.of(this.json.writeValueAsBytes(current.get()));
		if (!EntityTags.ifMatch(ifMatch, tag)) {
			throw new PreconditionFailedException(tag);
		}
	}

}
