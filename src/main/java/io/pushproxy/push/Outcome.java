package io.pushproxy.push;

import io.pushproxy.agora.UpstreamFailure;
import org.jspecify.annotations.Nullable;

/**
 * What one of a request's parallel upstream calls came to: a value, or the failure that
 * stands in for it.
 *
 * @param <T> the value's type
 * @param value the value, null when failed (or when the value itself is null)
 * @param failure the failure, null when the call succeeded
 */
public record Outcome<T>(@Nullable T value, @Nullable UpstreamFailure failure) {

	public static <T> Outcome<T> of(T value) {
		return new Outcome<>(value, null);
	}

	public static <T> Outcome<T> failed(UpstreamFailure failure) {
		return new Outcome<>(null, failure);
	}

	public boolean succeeded() {
		return this.failure == null;
	}

}
