package io.pushproxy.cache;

import io.lettuce.core.SetArgs;
import io.pushproxy.redis.RedisLink;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.jspecify.annotations.Nullable;

/**
 * Cache entries shared by every pod through Redis, over the pod's {@link RedisLink}, as
 * JSON ({@code {"at":millis,"v":...}}) that Redis expires the TTL after {@code at}.
 * <p>
 * A Redis call that fails costs at most a miss: a read is answered upstream, a write is
 * kept in the pod's own {@link LocalStore} and its key remembered ({@link OutageKeys}).
 * While the link is down (its one rule: a few failures in a row) the pod uses its own
 * store, emptied when the link goes down (entries from an earlier outage may predate
 * writes made through Redis since) and when it comes back. Before the link shares Redis
 * again the remembered keys are deleted from Redis, so a write made during the outage is
 * never hidden by an older shared entry; keys remembered while the link stayed up are
 * deleted by the link's next check, and not read from Redis until then.
 */
final class SharedStore implements EntryStore {

	private final RedisLink link;

	private final String prefix;

	private final LocalStore fallback;

	private final OutageKeys outage;

	private final JsonMapper json = JsonMapper.builder().build();

	SharedStore(RedisLink link, LocalStore fallback) {
		this.link = link;
		this.prefix = link.key("cache:");
		this.fallback = fallback;
		this.outage = new OutageKeys(this.prefix);
		link.onFallBack(fallback::clear);
		link.beforeSharing((redis) -> {
			this.outage.deleteFrom(redis);
			fallback.clear();
		});
		link.every(link.recheckEvery(), this::deleteOutageKeysWhileShared);
	}

	@Override
	public <T> @Nullable Stored<T> get(String key, Class<T> type) {
		if (!this.link.available()) {
			return this.fallback.get(key, type);
		}
		if (this.outage.contains(key)) {
			return null;
		}
		byte[] value;
		try {
			value = this.link.commands().get(this.prefix + key);
			this.link.succeeded();
		}
		catch (RuntimeException ex) {
			this.link.failed(ex);
			return null;
		}
		if (value == null) {
			return null;
		}
		try {
			JsonNode node = this.json.readTree(value);
			Stored<T> entry = new Stored<>(this.json.treeToValue(node.get("v"), type), node.get("at").asLong());
			return (this.fallback.remainingMillis(entry) > 0) ? entry : null;
		}
		catch (JacksonException | NullPointerException ex) {
			// An entry of another version's shape: read upstream instead.
			return null;
		}
	}

	@Override
	public void put(String key, Stored<?> entry, boolean onlyIfAbsent) {
		long remaining = this.fallback.remainingMillis(entry);
		if (remaining <= 0) {
			return;
		}
		if (this.link.available()) {
			try {
				ObjectNode node = this.json.createObjectNode();
				node.put("at", entry.storedAt());
				node.set("v", this.json.valueToTree(entry.value()));
				SetArgs args = SetArgs.Builder.px(remaining);
				this.link.commands()
					.set(this.prefix + key, this.json.writeValueAsBytes(node), onlyIfAbsent ? args.nx() : args);
				this.link.succeeded();
				return;
			}
			catch (RuntimeException ex) {
				this.link.failed(ex);
			}
		}
		this.outage.remember(key);
		this.fallback.put(key, entry, onlyIfAbsent);
	}

	@Override
	public void evict(String key) {
		if (this.link.available()) {
			try {
				this.link.commands().del(this.prefix + key);
				this.link.succeeded();
				return;
			}
			catch (RuntimeException ex) {
				this.link.failed(ex);
			}
		}
		this.outage.remember(key);
		this.fallback.evict(key);
	}

	@Override
	public void clear() {
		this.fallback.clear();
		if (!this.link.available()) {
			this.outage.rememberAll();
			return;
		}
		try {
			OutageKeys.deleteAll(this.link.commands(), this.prefix);
			this.link.succeeded();
		}
		catch (RuntimeException ex) {
			this.link.failed(ex);
			this.outage.rememberAll();
		}
	}

	private void deleteOutageKeysWhileShared() {
		if (!this.link.available() || this.outage.isEmpty()) {
			return;
		}
		try {
			this.outage.deleteFrom(this.link.commands());
			this.link.succeeded();
		}
		catch (RuntimeException ex) {
			this.link.failed(ex);
		}
	}

}
