package io.pushproxy.push;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.jspecify.annotations.Nullable;

/**
 * How a push notification shows a message; Agora's {@code notification_display_style}.
 */
public enum DisplayStyle {

	/** "You have a new message" / "Click to check" (upstream 0). */
	SUMMARY(0),
	/** The sender's name and the message (upstream 1). */
	DETAILED(1);

	private final int upstream;

	DisplayStyle(int upstream) {
		this.upstream = upstream;
	}

	public int upstream() {
		return this.upstream;
	}

	@JsonCreator
	static DisplayStyle of(String name) {
		return ExactNames.of(DisplayStyle.class, name);
	}

	public static @Nullable DisplayStyle fromUpstream(@Nullable Integer value) {
		for (DisplayStyle style : values()) {
			if (value != null && style.upstream == value) {
				return style;
			}
		}
		return null;
	}

}
