package io.pushproxy.agora;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;

import feign.RetryableException;
import feign.codec.DecodeException;
import io.pushproxy.agora.UpstreamFailure.Kind;
import io.pushproxy.agora.token.TokenUnavailableException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * What a failed attempt at Agora means: the {@link Kind} the caller is answered with, and
 * whether another attempt may help. Agora's answers are classified by their
 * {@code exception} before their status, because Agora reports a missing user or template
 * as a 400 naming the exception, and a 404 only for a wrong URL or App Key. An upstream
 * {@code Retry-After} is capped here, so no later arithmetic meets a day or an overflow.
 * The texts given to callers are fixed; Agora's own {@code error_description} travels
 * beside them, for admins, when it is Agora's verdict on the request (400, 403, 404, a
 * plan limit); for faults and rate limits the proxy's own words say more. The gateway
 * logs Agora's text for every answer.
 */
final class UpstreamClassifier {

	static final String REJECTED_TEXT = "Agora rejected the request";

	static final String FORBIDDEN_TEXT = "Agora refused the operation for this App Key";

	static final String NO_USER_TEXT = "Agora has no user of that name: it was never registered";

	static final String NO_TEMPLATE_TEXT = "Agora has no template of that name";

	static final String CONFLICT_TEXT = "Agora already has a template of that name";

	static final String MISCONFIGURED_TEXT = "Agora does not know the proxy's URL or App Key; the operator must fix it";

	static final String PLAN_LIMIT_TEXT = "The pricing plan's quota for this App Key is used up";

	static final String RATE_LIMITED_TEXT = "Agora's rate limit for this App Key is reached";

	/** Easemob's push error table: a user that was never registered. */
	private static final String USER_NOT_REGISTERED = "RequiredPropertyNotFoundException";

	/** Easemob's push error table: no template of that name. */
	private static final String NO_SUCH_ENTITY = "EntityNotFoundException";

	/** Easemob's error table: what a create names exists already. */
	private static final String DUPLICATE = "DuplicateUniquePropertyExistsException";

	private static final String DUPLICATE_ERROR = "duplicate_unique_property_exists";

	private static final String PLAN_QUOTA_USED_UP = "resource_limited";

	private static final Duration ONE_SECOND = Duration.ofSeconds(1);

	private final Duration maxRetryAfter;

	UpstreamClassifier(Duration maxRetryAfter) {
		this.maxRetryAfter = maxRetryAfter;
	}

	/** An HTTP error answer from Agora. */
	Failed classify(AgoraOperation operation, AgoraResponseException answer) {
		int status = answer.status();
		String said = answer.description();
		Duration retryAfter = cap(answer.retryAfter());
		return switch (status) {
			case 400 -> rejected(operation, answer, said);
			case 401 -> Failed.permanent(Kind.CREDENTIALS_REJECTED, operation,
					"Agora rejected the proxy's credentials, even after a fresh token", null);
			case 403 -> Failed.permanent(Kind.FORBIDDEN, operation, FORBIDDEN_TEXT, said);
			case 404 -> Failed.permanent(Kind.MISCONFIGURED, operation, MISCONFIGURED_TEXT, said);
			case 408 -> Failed.transientFault(Kind.TIMEOUT, operation, "Agora timed out (408)", retryAfter,
					operation.idempotent(), null);
			case 429 -> PLAN_QUOTA_USED_UP.equalsIgnoreCase(answer.error())
					? new Failed(new UpstreamFailure(Kind.PLAN_LIMIT, operation, PLAN_LIMIT_TEXT, retryAfter, said),
							false)
					: Failed.transientFault(Kind.UPSTREAM_RATE_LIMITED, operation, RATE_LIMITED_TEXT,
							(retryAfter != null) ? retryAfter : ONE_SECOND, operation.idempotent(), null);
			default -> (status >= 500)
					? Failed.transientFault(Kind.UNAVAILABLE, operation, "Agora failed with HTTP " + status, retryAfter,
							operation.idempotent(), null)
					: Failed.permanent(Kind.UNAVAILABLE, operation, "Agora answered HTTP " + status, null);
		};
	}

	/**
	 * Agora's 400, told apart by the exception it names (the prefix varies): a user never
	 * registered or a missing template is not found, a name taken is a conflict, anything
	 * else a rejection.
	 */
	private static Failed rejected(AgoraOperation operation, AgoraResponseException answer, @Nullable String said) {
		String exception = answer.exception();
		if (isException(exception, USER_NOT_REGISTERED)) {
			return Failed.permanent(Kind.NOT_FOUND, operation, NO_USER_TEXT, said);
		}
		if (isException(exception, NO_SUCH_ENTITY)) {
			return Failed.permanent(Kind.NOT_FOUND, operation, NO_TEMPLATE_TEXT, said);
		}
		if (isException(exception, DUPLICATE) || DUPLICATE_ERROR.equalsIgnoreCase(answer.error())) {
			return Failed.permanent(Kind.CONFLICT, operation, CONFLICT_TEXT, said);
		}
		return Failed.permanent(Kind.REJECTED, operation, REJECTED_TEXT, said);
	}

	/**
	 * A failure without an answer from Agora: no token, an unreadable body, a connection
	 * fault.
	 */
	Failed classify(AgoraOperation operation, RuntimeException ex) {
		if (ex instanceof TokenUnavailableException unavailable) {
			return unavailable.timedOut()
					? Failed.permanent(Kind.TIMEOUT, operation, "Agora's token endpoint did not answer in time", null)
					: Failed.permanent(Kind.CREDENTIALS_REJECTED, operation,
							"The proxy could not obtain an Agora token", null);
		}
		if (ex instanceof DecodeException) {
			return Failed.permanent(Kind.BAD_RESPONSE, operation, "Agora answered with a body the proxy cannot read",
					null);
		}
		if (ex instanceof RetryableException && ex.getCause() instanceof IOException io) {
			if (neverSent(io)) {
				return Failed.transientFault(Kind.UNAVAILABLE, operation, "Agora could not be reached", null, true,
						null);
			}
			if (io instanceof SocketTimeoutException || io instanceof InterruptedIOException) {
				return Failed.transientFault(Kind.TIMEOUT, operation, "Agora did not answer in time", null,
						operation.idempotent(), null);
			}
			return Failed.transientFault(Kind.UNAVAILABLE, operation, "The connection to Agora failed", null,
					operation.idempotent(), null);
		}
		return Failed.permanent(Kind.UNAVAILABLE, operation, "The call to Agora failed", null);
	}

	/**
	 * An upstream {@code Retry-After} no longer than the configured maximum; null stays
	 * null.
	 */
	@Nullable Duration cap(@Nullable Duration retryAfter) {
		if (retryAfter == null) {
			return null;
		}
		return (retryAfter.compareTo(this.maxRetryAfter) > 0) ? this.maxRetryAfter : retryAfter;
	}

	/**
	 * Whether Agora's {@code exception} names the class: its simple name, whatever
	 * package (Agora's and Easemob's prefixes differ) or nesting comes before it.
	 */
	static boolean isException(@Nullable String exception, String simpleName) {
		if (exception == null) {
			return false;
		}
		String name = exception.strip();
		int cut = Math.max(name.lastIndexOf('.'), name.lastIndexOf('$'));
		return name.substring(cut + 1).toLowerCase(Locale.ROOT).equals(simpleName.toLowerCase(Locale.ROOT));
	}

	/** True when the request cannot have reached Agora: no connection was ever made. */
	private static boolean neverSent(IOException io) {
		return io instanceof ConnectException || io instanceof ConnectTimeoutException
				|| io instanceof UnknownHostException || io instanceof NoRouteToHostException;
	}

	/** A classified failure, and whether another attempt may help. */
	record Failed(UpstreamFailure failure, boolean retryable) {

		static Failed permanent(Kind kind, AgoraOperation operation, String detail, @Nullable String said) {
			return new Failed(new UpstreamFailure(kind, operation, detail, null, said), false);
		}

		static Failed transientFault(Kind kind, AgoraOperation operation, String detail, @Nullable Duration retryAfter,
				boolean retryable, @Nullable String said) {
			return new Failed(new UpstreamFailure(kind, operation, detail, retryAfter, said), retryable);
		}

		String outcome() {
			return this.failure.kind().name().toLowerCase(Locale.ROOT);
		}

	}

}
