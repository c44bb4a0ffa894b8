package io.pushproxy.agora;

import java.util.LinkedHashMap;
import java.util.Map;

import io.pushproxy.PushProxyApplication;
import io.pushproxy.config.InvalidSettingException;
import io.pushproxy.resilience.BudgetSettings;
import io.pushproxy.support.TestApp;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The per-budget settings {@code agora.rate-limit.<budget>} bind in both spellings an
 * operator uses, the property ({@code agora.rate-limit.get-push-settings=50}) and the
 * environment variable ({@code AGORA_RATE_LIMIT_SET_PUSH_SETTINGS=50}), for every budget
 * of the {@link AgoraOperation} table; any other name under {@code agora.rate-limit}
 * stops start-up naming it.
 */
class RateLimitsTests {

	@Test
	void thePropertySpellingSetsThatBudgetAndLeavesTheOthersAtTheTablesDefault() {
		RateLimits limits = RateLimits.bind(properties(Map.of("agora.rate-limit.get-push-settings", "50")));

		assertThat(limits.perSecond("get-push-settings")).isEqualTo(50);
		assertThat(limits.perSecond()).hasSize(AgoraOperation.budgets().size())
			.allSatisfy((budget, perSecond) -> assertThat(perSecond)
				.isEqualTo(budget.equals("get-push-settings") ? 50 : AgoraOperation.budgets().get(budget)));
	}

	@Test
	void theEnvironmentVariableSpellingSetsThatBudget() {
		StandardEnvironment environment = environment(Map.of("AGORA_RATE_LIMIT_SET_PUSH_SETTINGS", "50"));

		assertThat(RateLimits.bind(environment).perSecond("set-push-settings")).isEqualTo(50);
		// Why the budgets are bound name by name: a map under agora.rate-limit binds
		// nothing from environment variables.
		assertThat(Binder.get(environment).bind("agora.rate-limit", Bindable.mapOf(String.class, Integer.class)))
			.matches((result) -> !result.isBound() || !result.get().containsKey("set-push-settings"));
	}

	@Test
	void everyBudgetOfTheTableBindsFromItsEnvironmentVariable() {
		Map<String, Object> variables = new LinkedHashMap<>();
		Map<String, Integer> expected = new LinkedHashMap<>();
		int perSecond = 10;
		for (String budget : AgoraOperation.budgets().keySet()) {
			variables.put("AGORA_RATE_LIMIT_" + budget.toUpperCase(java.util.Locale.ROOT).replace('-', '_'),
					String.valueOf(perSecond));
			expected.put(budget, perSecond++);
		}

		assertThat(RateLimits.bind(environment(variables)).perSecond()).containsExactlyEntriesOf(expected);
	}

	@Test
	void theOtherRateLimitSettingsAreNoUnknownNames() {
		RateLimits limits = RateLimits
			.bind(environment(Map.of("AGORA_RATE_LIMIT_MAX_WAIT", "1s", "AGORA_RATE_LIMIT_HEADROOM_PERCENT", "10")));

		assertThat(limits.perSecond()).containsAllEntriesOf(AgoraOperation.budgets());
		assertThat(RateLimits.bind(properties(Map.of("agora.rate-limit.max-wait", "1s")))).isNotNull();
	}

	@Test
	void anUnknownPropertyUnderRateLimitIsRefusedNamingIt() {
		InvalidSettingException failure = catchThrowableOfType(InvalidSettingException.class,
				() -> RateLimits.bind(properties(Map.of("agora.rate-limit.get-users", "5"))));

		assertThat(failure.property()).isEqualTo("agora.rate-limit.get-users");
		assertThat(failure).hasMessageStartingWith(
				"agora.rate-limit.get-users (AGORA_RATE_LIMIT_GET_USERS) is not the budget of an Agora operation: "
						+ "use one of " + String.join(", ", AgoraOperation.budgets().keySet())
						+ " (or max-wait, headroom-percent)");
	}

	@Test
	void anUnknownEnvironmentVariableUnderRateLimitIsRefusedNamingIt() {
		InvalidSettingException failure = catchThrowableOfType(InvalidSettingException.class,
				() -> RateLimits.bind(environment(Map.of("AGORA_RATE_LIMIT_GET_USERS", "5"))));

		assertThat(failure).hasMessageStartingWith("agora.rate-limit.get-users (AGORA_RATE_LIMIT_GET_USERS) is not");
	}

	@Test
	void namesThatOnlyStartLikeRateLimitAreLeftAlone() {
		RateLimits limits = RateLimits.bind(environment(Map.of("AGORA_RATE_LIMITER_GET_USER", "5")));

		assertThat(limits.perSecond("get-user")).isEqualTo(100);
	}

	@Test
	void aVariableSpeltSoThatItWouldBindNothingIsRefusedRatherThanIgnored() {
		InvalidSettingException failure = catchThrowableOfType(InvalidSettingException.class,
				() -> RateLimits.bind(environment(Map.of("AGORA_RATELIMIT_GET_USER", "7"))));

		assertThat(failure)
			.hasMessageContaining("is spelt so that it binds to nothing: write agora.rate-limit.get-user");
	}

	@Test
	void aBudgetOutOfRangeIsRefusedNamingIt() {
		InvalidSettingException failure = catchThrowableOfType(InvalidSettingException.class,
				() -> RateLimits.bind(environment(Map.of("AGORA_RATE_LIMIT_GET_USER", "1"))));

		assertThat(failure)
			.hasMessage("agora.rate-limit.get-user (AGORA_RATE_LIMIT_GET_USER) must be between 2 and 100000");
	}

	@Test
	void aBudgetThatIsNoNumberIsRefusedNamingItButNotItsValue() {
		InvalidSettingException failure = catchThrowableOfType(InvalidSettingException.class,
				() -> RateLimits.bind(environment(Map.of("AGORA_RATE_LIMIT_GET_USER", "lots"))));

		assertThat(failure).hasMessage(
				"agora.rate-limit.get-user (AGORA_RATE_LIMIT_GET_USER) must be a whole number between 2 and 100000");
	}

	@Test
	void theApplicationTakesABudgetFromItsEnvironmentVariable() {
		try (ConfigurableApplicationContext context = start(
				environment(Map.of("AGORA_RATE_LIMIT_SET_PUSH_SETTINGS", "50")))) {
			BudgetSettings budgets = context.getBean(BudgetSettings.class);

			assertThat(budgets.budgets().get("set-push-settings")).isEqualTo(new BudgetSettings.Budget(50, 47));
			assertThat(budgets.budgets().get("get-push-settings")).isEqualTo(new BudgetSettings.Budget(100, 95));
		}
	}

	@Test
	void theApplicationRefusesAnUnknownVariableBesideAKnownOne() {
		Throwable failure = catchThrowable(() -> start(
				environment(Map.of("AGORA_RATE_LIMIT_SET_PUSH_SETTINGS", "50", "AGORA_RATE_LIMIT_GET_USERS", "5"))));

		assertThat(failure).hasRootCauseInstanceOf(InvalidSettingException.class)
			.rootCause()
			.hasMessageStartingWith("agora.rate-limit.get-users (AGORA_RATE_LIMIT_GET_USERS) is not the budget");
	}

	private static ConfigurableApplicationContext start(StandardEnvironment environment) {
		Map<String, Object> settings = TestApp.settings("http://127.0.0.1:9");
		return new SpringApplicationBuilder(PushProxyApplication.class).environment(environment)
			.run(TestApp.arguments(settings));
	}

	/** An environment whose operating-system variables are these alone. */
	private static StandardEnvironment environment(Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		return environment;
	}

	/** An environment with these properties and no operating-system variables. */
	private static StandardEnvironment properties(Map<String, Object> properties) {
		StandardEnvironment environment = environment(Map.of());
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		return environment;
	}

}
