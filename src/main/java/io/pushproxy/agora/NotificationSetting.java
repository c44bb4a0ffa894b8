package io.pushproxy.agora;

import org.jspecify.annotations.Nullable;

/**
 * Push mode and do-not-disturb as Agora answers them.
 *
 * @param type {@code DEFAULT}, {@code ALL}, {@code AT} or {@code NONE}
 * @param ignoreInterval quiet hours {@code HH:MM-HH:MM}, empty or absent when unset
 * @param ignoreDuration unlike the request field of the same name, the absolute Unix time
 * in milliseconds at which do-not-disturb ends; 0 or absent when off
 */
public record NotificationSetting(@Nullable String type, @Nullable String ignoreInterval,
		@Nullable Long ignoreDuration) {
}
