package io.pushproxy.push;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.jspecify.annotations.Nullable;

/** Which offline messages cause a push; Agora's {@code type}. */
public enum PushMode {

	/** Every offline message. */
	ALL("ALL"),
	/** Only messages that mention the user (upstream {@code AT}). */
	MENTIONS("AT"),
	/** No pushes. */
	NONE("NONE"),
	/** Inherit the app-level setting. */
	DEFAULT("DEFAULT");

	private final String upstream;

	PushMode(String upstream) {
		this.upstream = upstream;
	}

	String upstream() {
		return this.upstream;
	}

	@JsonCreator
	static PushMode of(String name) {
		return ExactNames.of(PushMode.class, name);
	}

	static @Nullable PushMode fromUpstream(@Nullable String value) {
		for (PushMode mode : values()) {
			if (mode.upstream.equalsIgnoreCase(value)) {
				return mode;
			}
		}
		return null;
	}

}
