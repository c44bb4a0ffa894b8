package io.pushproxy.push;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import io.pushproxy.agora.AgoraProperties;
import io.pushproxy.web.InvalidRequestException;

import org.springframework.stereotype.Component;
import org.jspecify.annotations.Nullable;

/**
 * Converts quiet hours between a caller's time zone and the one Agora reads them in
 * ({@code agora.quiet-hours-zone}). Agora stores a fixed {@code HH:MM-HH:MM} window in
 * its zone, so the conversion uses the two zones' offsets at this moment: across a
 * daylight-saving change of either zone the stored window stays where it was in Agora's
 * zone, and so moves by an hour in the caller's.
 */
@Component
public class QuietHoursZone {

	private final ZoneId upstream;

	private final Clock clock;

	QuietHoursZone(AgoraProperties agora, Clock clock) {
		this.upstream = agora.quietHoursZone();
		this.clock = clock;
	}

	/**
	 * Reads a time zone a caller named.
	 * @return the zone, or null when none was named
	 * @throws InvalidRequestException naming the field when it is not an IANA zone id
	 */
	public static @Nullable ZoneId parse(String field, @Nullable String id) {
		if (id == null) {
			return null;
		}
		if (!ZoneId.getAvailableZoneIds().contains(id)) {
			throw new InvalidRequestException(field, "must be an IANA time zone such as Europe/Berlin or UTC");
		}
		return ZoneId.of(id);
	}

	/** The window as Agora must store it; null stays null. */
	@Nullable QuietHours toUpstream(@Nullable QuietHours hours) {
		if (hours == null) {
			return null;
		}
		ZoneId from = (hours.timeZone() != null) ? ZoneId.of(hours.timeZone()) : this.upstream;
		return shift(hours, from, this.upstream);
	}

	/** The settings with their quiet hours in that zone, or Agora's when null. */
	public PushSettings answer(PushSettings settings, @Nullable ZoneId zone) {
		if (settings.quietHours() == null) {
			return settings;
		}
		QuietHours hours = shift(settings.quietHours(), this.upstream, (zone != null) ? zone : this.upstream);
		return new PushSettings(settings.mode(), hours, settings.doNotDisturbUntil());
	}

	private QuietHours shift(QuietHours hours, ZoneId from, ZoneId to) {
		Instant now = this.clock.instant();
		int seconds = to.getRules().getOffset(now).getTotalSeconds() - from.getRules().getOffset(now).getTotalSeconds();
		long minutes = Math.floorDiv(seconds, 60);
		return new QuietHours(shift(hours.start(), minutes), shift(hours.end(), minutes), to.getId());
	}

	private static String shift(String clock, long minutes) {
		return LocalTime.parse(clock).plusMinutes(minutes).toString();
	}

}
