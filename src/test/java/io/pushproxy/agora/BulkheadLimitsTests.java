package io.pushproxy.agora;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import io.pushproxy.PushProxyApplication;
import io.pushproxy.config.InvalidSettingException;
import io.pushproxy.resilience.OperationBulkheads;
import io.pushproxy.support.TestApp;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Each operation's bound on calls in flight, {@code agora.bulkhead.<operation>}: by
 * default a sixth of what its budget sends during one read timeout, so it follows both;
 * set per operation of the {@link AgoraOperation} table by its environment variable; any
 * other name under {@code agora.bulkhead} stops start-up naming it.
 */
class BulkheadLimitsTests {

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(3);

	@Test
	void byDefaultEveryOperationMayHaveFiftyCallsInFlightAtAHundredASecondAndThreeSeconds() {
		BulkheadLimits limits = bind(Map.of(), RateLimits.defaults(), READ_TIMEOUT);

		assertThat(limits.maxInFlight()).hasSize(AgoraOperation.values().length).allSatisfy((operation, limit) -> {
			assertThat(limit).isEqualTo(50);
		});
	}

	@Test
	void theDefaultFollowsTheOperationsBudgetAndTheReadTimeout() {
		RateLimits rates = AgoraSettings.rateLimits("agora.rate-limit.get-template=10");

		assertThat(bind(Map.of(), rates, READ_TIMEOUT).maxInFlight(AgoraOperation.GET_TEMPLATE)).isEqualTo(5);
		assertThat(bind(Map.of(), rates, Duration.ofSeconds(6)).maxInFlight(AgoraOperation.GET_USER)).isEqualTo(100);
		assertThat(BulkheadLimits.defaultFor(2, Duration.ofMillis(10))).as("never below one").isEqualTo(1);
		assertThat(BulkheadLimits.defaultFor(100_000, Duration.ofSeconds(60))).as("never above the maximum")
			.isEqualTo(10_000);
	}

	@Test
	void theEnvironmentVariableSetsThatOperationsLimitAndLeavesTheOthers() {
		BulkheadLimits limits = bind(Map.of("AGORA_BULKHEAD_GET_PUSH_SETTINGS", "7"), RateLimits.defaults(),
				READ_TIMEOUT);

		assertThat(limits.maxInFlight(AgoraOperation.GET_PUSH_SETTINGS)).isEqualTo(7);
		assertThat(limits.maxInFlight(AgoraOperation.SET_PUSH_SETTINGS)).isEqualTo(50);
	}

	@Test
	void anUnknownNameUnderBulkheadIsRefusedNamingIt() {
		InvalidSettingException failure = catchThrowableOfType(InvalidSettingException.class,
				() -> bind(Map.of("AGORA_BULKHEAD_GET_USERS", "5"), RateLimits.defaults(), READ_TIMEOUT));

		assertThat(failure).hasMessage(
				"agora.bulkhead.get-users (AGORA_BULKHEAD_GET_USERS) is not an Agora operation: " + "use one of "
						+ String.join(", ", Arrays.stream(AgoraOperation.values()).map(AgoraOperation::key).toList()));
	}

	@Test
	void aLimitBelowOneIsRefusedNamingIt() {
		InvalidSettingException failure = catchThrowableOfType(InvalidSettingException.class,
				() -> bind(Map.of("AGORA_BULKHEAD_GET_USER", "0"), RateLimits.defaults(), READ_TIMEOUT));

		assertThat(failure).hasMessage("agora.bulkhead.get-user (AGORA_BULKHEAD_GET_USER) must be between 1 and 10000");
	}

	@Test
	void theApplicationBoundsEachOperationByItsSetting() {
		Map<String, Object> settings = TestApp.settings("http://127.0.0.1:9");
		settings.put("agora.bulkhead.get-language", "3");
		settings.put("agora.rate-limit.get-user", "20");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PushProxyApplication.class)
			.run(TestApp.arguments(settings))) {
			OperationBulkheads bulkheads = context.getBean(OperationBulkheads.class);

			assertThat(enterAll(bulkheads, "get-language")).isEqualTo(3);
			assertThat(enterAll(bulkheads, "get-user")).isEqualTo(10);
			assertThat(enterAll(bulkheads, "get-template")).isEqualTo(50);
		}
	}

	/** How many places the operation's bulkhead gives before it refuses. */
	private static int enterAll(OperationBulkheads bulkheads, String operation) {
		int entered = 0;
		while (bulkheads.tryEnter(operation)) {
			entered++;
		}
		assertThat(bulkheads.inFlight(operation)).isEqualTo(entered);
		for (int i = 0; i < entered; i++) {
			bulkheads.leave(operation);
		}
		return entered;
	}

	private static BulkheadLimits bind(Map<String, Object> variables, RateLimits rates, Duration readTimeout) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		return BulkheadLimits.bind(environment, rates, readTimeout);
	}

}
