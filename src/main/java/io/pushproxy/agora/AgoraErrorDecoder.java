package io.pushproxy.agora;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;
import feign.Response;
import feign.codec.ErrorDecoder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import org.jspecify.annotations.Nullable;

/**
 * An {@link ErrorDecoder} that reads Agora's error body
 * ({@code {"error","error_description",...}}) and {@code Retry-After} into an
 * {@link AgoraResponseException}. It reads at most a few KiB and never the request
 * headers.
 */
class AgoraErrorDecoder implements ErrorDecoder {

	private static final int MAX_ERROR_BODY = 8 * 1024;

	private static final int MAX_DESCRIPTION = 300;

	private static final Pattern DELAY_SECONDS = Pattern.compile("[0-9]+");

	/**
	 * The longest {@code Retry-After} read from an answer: a year, far beyond any cap.
	 */
	static final Duration LONGEST_RETRY_AFTER = Duration.ofDays(365);

	private final JsonMapper json;

	AgoraErrorDecoder(JsonMapper json) {
		this.json = json;
	}

	@Override
	public Exception decode(String methodKey, Response response) {
		AgoraError body = readBody(response);
		return new AgoraResponseException(response.status(), trim(body.error()), trim(body.exception()),
				trim(body.description()), retryAfter(response.headers().get("Retry-After"), Instant.now()));
	}

	private AgoraError readBody(Response response) {
		if (response.body() == null) {
			return AgoraError.NONE;
		}
		try (InputStream in = response.body().asInputStream()) {
			byte[] bytes = in.readNBytes(MAX_ERROR_BODY);
			AgoraError error = this.json.readValue(bytes, AgoraError.class);
			return (error != null) ? error : AgoraError.NONE;
		}
		catch (IOException | JacksonException ex) {
			return AgoraError.NONE;
		}
	}

	private static @Nullable String trim(@Nullable String description) {
		if (description == null || description.isBlank()) {
			return null;
		}
		String oneLine = description.replaceAll("\\p{Cntrl}", " ").strip();
		return (oneLine.length() > MAX_DESCRIPTION) ? oneLine.substring(0, MAX_DESCRIPTION) : oneLine;
	}

	/**
	 * {@code Retry-After} as delay-seconds or an HTTP date; null when absent or
	 * unreadable. Any number of digits is read, saturating at
	 * {@link #LONGEST_RETRY_AFTER}, so that a huge value is a long wait (which the
	 * gateway caps) and never an overflow.
	 */
	static @Nullable Duration retryAfter(@Nullable Collection<String> values, Instant now) {
		if (values == null || values.isEmpty() || values.iterator().next() == null) {
			return null;
		}
		String value = values.iterator().next().strip();
		if (DELAY_SECONDS.matcher(value).matches()) {
			String digits = value.replaceFirst("^0+(?=.)", "");
			boolean huge = digits.length() > 12 || Long.parseLong(digits) > LONGEST_RETRY_AFTER.toSeconds();
			return huge ? LONGEST_RETRY_AFTER : Duration.ofSeconds(Long.parseLong(digits));
		}
		try {
			Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			Duration delay = Duration.between(now, at);
			return delay.isNegative() ? Duration.ZERO
					: (delay.compareTo(LONGEST_RETRY_AFTER) > 0) ? LONGEST_RETRY_AFTER : delay;
		}
		catch (DateTimeParseException | ArithmeticException notDate) {
			return null;
		}
	}

	record AgoraError(@Nullable String error, @Nullable String exception,
			@JsonProperty("error_description") @Nullable String description) {

		static final AgoraError NONE = new AgoraError(null, null, null);

	}

}
