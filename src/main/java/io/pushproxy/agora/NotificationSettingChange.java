package io.pushproxy.agora;

import org.jspecify.annotations.Nullable;

/**
 * The body of {@code PUT .../notification/{chattype}/{key}}: a null field is not sent, so
 * it stays unchanged upstream.
 *
 * @param type {@code DEFAULT}, {@code ALL}, {@code AT} or {@code NONE}
 * @param ignoreInterval quiet hours {@code HH:MM-HH:MM}, or {@code ""} to clear them
 * @param ignoreDuration do-not-disturb length in milliseconds from now, 0 to end it
 */
public record NotificationSettingChange(@Nullable String type, @Nullable String ignoreInterval,
		@Nullable Long ignoreDuration) {
}
