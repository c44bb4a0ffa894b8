package io.pushproxy.agora;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.Environment;

/**
 * The calls per second Agora allows each budget of the {@link AgoraOperation} table,
 * keyed by the budget's name as Resilience4j keys {@code instances.<name>}:
 * {@code agora.rate-limit.<budget>} ({@code AGORA_RATE_LIMIT_<BUDGET>}), 2 to 100,000,
 * each defaulting to the table's rate. Bound name by name as {@link TableSettings}
 * explains; every other name under {@code agora.rate-limit} (besides the settings of
 * {@link AgoraProperties.RateLimit}) stops start-up, naming it.
 */
public final class RateLimits {

	static final String PREFIX = "agora.rate-limit";

	private static final TableSettings SETTINGS = new TableSettings(PREFIX, "the budget of an Agora operation", 2,
			100_000, rateLimitRecordSettings());

	private final Map<String, Integer> perSecond;

	private RateLimits(Map<String, Integer> perSecond) {
		this.perSecond = Collections.unmodifiableMap(perSecond);
	}

	/** Every budget at the table's default. */
	public static RateLimits defaults() {
		return bind(new Binder(List.of()), List.of());
	}

	/** The budgets the environment sets, the table's defaults for the others. */
	static RateLimits bind(Environment environment) {
		return bind(Binder.get(environment), ConfigurationPropertySources.get(environment));
	}

	/**
	 * The budgets the binder finds, the table's defaults for the others; an unknown name
	 * under {@code agora.rate-limit} in any of the sources is refused.
	 */
	static RateLimits bind(Binder binder, Iterable<ConfigurationPropertySource> sources) {
		return new RateLimits(SETTINGS.bind(binder, sources, AgoraOperation.budgets()));
	}

	/** Calls per second allowed for a budget of the table. */
	public int perSecond(String budget) {
		Integer value = this.perSecond.get(budget);
		if (value == null) {
			throw new IllegalArgumentException("No budget " + budget + " in AgoraOperation");
		}
		return value;
	}

	/** Each budget's calls per second, in the table's order. */
	public Map<String, Integer> perSecond() {
		return this.perSecond;
	}

	/**
	 * {@code max-wait}, {@code headroom-percent}: also under {@code agora.rate-limit}.
	 */
	private static List<String> rateLimitRecordSettings() {
		List<String> names = new ArrayList<>();
		for (RecordComponent component : AgoraProperties.RateLimit.class.getRecordComponents()) {
			names.add(component.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT));
		}
		return names;
	}

	@Override
	public String toString() {
		return "RateLimits" + this.perSecond;
	}

}
