package io.pushproxy.agora;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.pushproxy.agora.UpstreamClassifier.Failed;
import io.pushproxy.agora.UpstreamFailure.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The table from Agora's error answers to the proxy's: {@code exception} decides before
 * the status, callers get fixed texts, and {@code Retry-After} is capped.
 */
class UpstreamClassifierTests {

	private final UpstreamClassifier classifier = new UpstreamClassifier(Duration.ofSeconds(60));

	@ParameterizedTest(name = "{0} {1} {2} on {3} -> {4}, retried: {5}")
	@CsvSource(nullValues = "-",
			textBlock = """
					# status, error,                 exception,                                                           operation,        kind,                 retryable
					400, illegal_argument,           com.easemob.common.exception.EntityNotFoundException,              get-template,     NOT_FOUND,            false
					400, illegal_argument,           com.easemob.im.RequiredPropertyNotFoundException,                  user-attributes,  NOT_FOUND,            false
					400, -,                          org.apache.usergrid.persistence.exceptions.EntityNotFoundException, delete-template,  NOT_FOUND,            false
					400, -,                          RequiredPropertyNotFoundException,                                 get-language,     NOT_FOUND,            false
					400, -,                          io.agora.Outer$EntityNotFoundException,                            get-template,     NOT_FOUND,            false
					400, illegal_argument,           java.lang.IllegalArgumentException,                                set-push-settings, REJECTED,            false
					400, invalid_parameter,          com.easemob.im.common.exception.InvalidParameterException,         set-language,     REJECTED,             false
					400, -,                          com.easemob.MyEntityNotFoundExceptionWrapper,                      get-template,     REJECTED,             false
					400, -,                          com.easemob.NotAnEntityNotFoundException,                          get-template,     REJECTED,             false
					400, duplicate_unique_property_exists, -,                                                           create-template,  CONFLICT,             false
					400, -,                          org.apache.usergrid.persistence.exceptions.DuplicateUniquePropertyExistsException, create-template, CONFLICT, false
					401, unauthorized,               -,                                                                 get-language,     CREDENTIALS_REJECTED, false
					403, forbidden_op,               -,                                                                 get-language,     FORBIDDEN,            false
					404, organization_application_not_found, -,                                                         get-language,     MISCONFIGURED,        false
					404, service_resource_not_found, com.easemob.EntityNotFoundException,                               get-template,     MISCONFIGURED,        false
					408, -,                          -,                                                                 get-language,     TIMEOUT,              true
					408, -,                          -,                                                                 create-template,  TIMEOUT,              false
					429, reach_limit,                com.easemob.im.common.exception.ReachLimitException,               get-language,     UPSTREAM_RATE_LIMITED, true
					429, reach_limit,                -,                                                                 create-template,  UPSTREAM_RATE_LIMITED, false
					429, -,                          -,                                                                 get-language,     UPSTREAM_RATE_LIMITED, true
					429, resource_limited,           com.easemob.im.common.exception.ResourceLimitedException,          get-language,     PLAN_LIMIT,           false
					429, resource_limited,           -,                                                                 delete-template,  PLAN_LIMIT,           false
					500, -,                          -,                                                                 get-language,     UNAVAILABLE,          true
					503, -,                          -,                                                                 create-template,  UNAVAILABLE,          false
					413, -,                          -,                                                                 set-language,     UNAVAILABLE,          false
					""")
	void anAnswerIsClassifiedByItsExceptionThenItsStatus(int status, String error, String exception, String operation,
			Kind kind, boolean retryable) {
		Failed failed = this.classifier.classify(operation(operation),
				new AgoraResponseException(status, error, exception, "what Agora said", null));

		assertThat(failed.failure().kind()).isEqualTo(kind);
		assertThat(failed.retryable()).isEqualTo(retryable);
		boolean verdictOnTheRequest = kind == Kind.REJECTED || kind == Kind.NOT_FOUND || kind == Kind.CONFLICT
				|| kind == Kind.FORBIDDEN || kind == Kind.MISCONFIGURED || kind == Kind.PLAN_LIMIT;
		assertThat(failed.failure().upstreamDescription()).isEqualTo(verdictOnTheRequest ? "what Agora said" : null);
		assertThat(failed.failure().getMessage()).doesNotContain("what Agora said");
	}

	@Test
	void callersAreGivenAFixedTextPerKindNeverAgorasOwn() {
		List<AgoraResponseException> answers = List.of(
				new AgoraResponseException(400, "illegal_argument", "java.lang.IllegalArgumentException",
						"parameters is invalid : ignoreInterval", null),
				new AgoraResponseException(400, null, "EntityNotFoundException", "t1 template is not exist", null),
				new AgoraResponseException(400, null, "RequiredPropertyNotFoundException",
						"Entity user requires a property named username", null),
				new AgoraResponseException(400, "duplicate_unique_property_exists", null, "t1 exists", null),
				new AgoraResponseException(403, "forbidden_op", null, "push is not enabled for org#app", null),
				new AgoraResponseException(404, null, null, "url is invalid", null),
				new AgoraResponseException(429, "resource_limited", null, "plan quota reached", null));

		assertThat(answers)
			.extracting(
					(answer) -> this.classifier.classify(AgoraOperation.GET_TEMPLATE, answer).failure().getMessage())
			.containsExactly(UpstreamClassifier.REJECTED_TEXT, UpstreamClassifier.NO_TEMPLATE_TEXT,
					UpstreamClassifier.NO_USER_TEXT, UpstreamClassifier.CONFLICT_TEXT,
					UpstreamClassifier.FORBIDDEN_TEXT, UpstreamClassifier.MISCONFIGURED_TEXT,
					UpstreamClassifier.PLAN_LIMIT_TEXT);
	}

	@ParameterizedTest(name = "Retry-After: {0} -> {1} s")
	@CsvSource({ "0, 0", "1, 1", "59, 59", "60, 60", "61, 60", "86400, 60", "9223372036854775807, 60",
			"99999999999999999999999999999999, 60", "000000000000000000000000000000001, 1" })
	void anUpstreamRetryAfterIsCappedAtSixtySecondsByDefault(String header, long seconds) {
		UpstreamClassifier defaults = new UpstreamClassifier(
				AgoraResilienceConfiguration.retriesOf(defaultProperties()).maxRetryAfter());
		Duration decoded = AgoraErrorDecoder.retryAfter(List.of(header), Instant.now());

		Failed failed = defaults.classify(AgoraOperation.GET_LANGUAGE,
				new AgoraResponseException(429, "reach_limit", null, null, decoded));

		assertThat(failed.failure().retryAfter()).isEqualTo(Duration.ofSeconds(seconds));
	}

	@Test
	void aRetryAfterDateFarInTheFutureIsCappedToo() {
		Duration decoded = AgoraErrorDecoder.retryAfter(List.of("Fri, 31 Dec 9999 23:59:59 GMT"), Instant.now());

		Failed failed = this.classifier.classify(AgoraOperation.GET_LANGUAGE,
				new AgoraResponseException(503, null, null, null, decoded));

		assertThat(failed.failure().retryAfter()).isEqualTo(Duration.ofSeconds(60));
	}

	@ParameterizedTest
	@CsvSource({ "-1", "1.5", "soon", "' '" })
	void anUnreadableRetryAfterIsIgnoredAndA429WaitsOneSecond(String header) {
		Duration decoded = AgoraErrorDecoder.retryAfter(List.of(header), Instant.now());

		Failed failed = this.classifier.classify(AgoraOperation.GET_LANGUAGE,
				new AgoraResponseException(429, "reach_limit", null, null, decoded));

		assertThat(decoded).isNull();
		assertThat(failed.failure().retryAfter()).isEqualTo(Duration.ofSeconds(1));
	}

	private static AgoraOperation operation(String key) {
		for (AgoraOperation operation : AgoraOperation.values()) {
			if (operation.key().equals(key)) {
				return operation;
			}
		}
		throw new IllegalArgumentException(key);
	}

	private static AgoraProperties defaultProperties() {
		return AgoraSettings.properties();
	}

}
