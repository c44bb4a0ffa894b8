package io.pushproxy.agora;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.pushproxy.agora.AgoraOperation.Cache.Effect;
import io.pushproxy.resilience.BudgetSettings;
import org.junit.jupiter.api.Test;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operation table is consistent with itself and with the Feign client: each row is
 * one method of {@link AgoraChatClient} (same HTTP method and path), operations that
 * share a budget agree on its default, and every write changes the entry of a cached
 * read.
 */
class AgoraOperationTests {

	@Test
	void eachRowIsOneMethodOfTheFeignClientWithItsMethodAndPath() {
		Set<String> client = new TreeSet<>();
		for (Method method : AgoraChatClient.class.getDeclaredMethods()) {
			RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(method, RequestMapping.class);
			if (mapping != null) {
				client.add(mapping.method()[0] + " " + mapping.path()[0]);
			}
		}
		Set<String> table = new TreeSet<>();
		for (AgoraOperation operation : AgoraOperation.values()) {
			table.add(operation.method() + " " + operation.path());
		}

		assertThat(table).hasSize(AgoraOperation.values().length);
		assertThat(client).isEqualTo(table);
	}

	@Test
	void operationsSharingABudgetAgreeOnItsDefault() {
		Map<String, List<Integer>> defaults = new LinkedHashMap<>();
		for (AgoraOperation operation : AgoraOperation.values()) {
			defaults.computeIfAbsent(operation.budget(), (budget) -> new ArrayList<>())
				.add(operation.defaultPerSecond());
		}

		assertThat(defaults)
			.allSatisfy((budget, perSecond) -> assertThat(perSecond).as(budget).containsOnly(perSecond.get(0)));
		assertThat(AgoraOperation.budgets()).containsOnlyKeys(defaults.keySet());
	}

	@Test
	void theBudgetSettingsHaveOneLimiterPerBudgetAndEveryOperationFindsItsOwn() {
		BudgetSettings budgets = AgoraSettings.budgets();

		assertThat(budgets.budgets()).containsOnlyKeys(AgoraOperation.budgets().keySet());
		assertThat(AgoraOperation.values())
			.allSatisfy((operation) -> assertThat(budgets.budgets()).containsKey(operation.budget()));
	}

	@Test
	void everyWriteChangesTheEntryOfACachedRead() {
		assertThat(AgoraOperation.values()).allSatisfy((operation) -> {
			Effect effect = operation.cache().effect();
			if (effect == Effect.STORE || effect == Effect.MERGE || effect == Effect.EVICT) {
				assertThat(operation.cache().entryOf()).as(operation.key()).isNotNull();
				assertThat(operation.cache().entryOf().cache().effect()).as(operation.key()).isEqualTo(Effect.READ);
			}
			else {
				assertThat(operation.cache().entryOf()).as(operation.key()).isNull();
			}
		});
	}

	@Test
	void onlyTheTemplateCreationIsResentOnlyWhenItNeverLeft() {
		assertThat(AgoraOperation.values()).filteredOn((operation) -> !operation.idempotent())
			.containsExactly(AgoraOperation.CREATE_TEMPLATE);
		assertThat(AgoraOperation.values()).allSatisfy(
				(operation) -> assertThat(operation.idempotent()).isEqualTo(!operation.method().equals("POST")));
	}

}
