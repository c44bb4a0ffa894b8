package io.pushproxy.push;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Daily do-not-disturb hours at app level, e.g. 21:30 to 08:00; Agora's
 * {@code ignoreInterval}.
 *
 * @param start {@code HH:MM}, 00-23 : 00-59
 * @param end {@code HH:MM}, 00-23 : 00-59
 * @param timeZone the IANA time zone of {@code start} and {@code end}: optional when sent
 * (Agora's zone then), always named when answered
 */
public record QuietHours(@Schema(example = "21:30") @NotNull @Pattern(regexp = CLOCK, message = MESSAGE) String start,
		@Schema(example = "08:00") @NotNull @Pattern(regexp = CLOCK, message = MESSAGE) String end,
		@Schema(example = "Europe/Berlin", nullable = true,
				description = "IANA time zone of start and end. When sent, the proxy converts the window into the "
						+ "zone Agora reads it in, at the current offset; answers always name their zone.") @Size(
								max = 64) @Nullable String timeZone) {

	static final String CLOCK = "([01][0-9]|2[0-3]):[0-5][0-9]";

	static final String MESSAGE = "must be HH:MM with HH 00-23 and MM 00-59";

	String upstream() {
		return this.start + "-" + this.end;
	}

	static @Nullable QuietHours fromUpstream(@Nullable String interval) {
		if (interval == null || interval.isBlank()) {
			return null;
		}
		int dash = interval.indexOf('-');
		if (dash < 0) {
			return null;
		}
		return new QuietHours(interval.substring(0, dash).strip(), interval.substring(dash + 1).strip(), null);
	}

}
