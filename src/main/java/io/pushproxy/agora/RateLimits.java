package io.pushproxy.agora;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.pushproxy.config.InvalidSettingException;
import io.pushproxy.config.Settings;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The calls per second Agora allows each budget of the {@link AgoraOperation} table,
 * keyed by the budget's name as Resilience4j keys {@code instances.<name>}:
 * {@code agora.rate-limit.<budget>} ({@code AGORA_RATE_LIMIT_<BUDGET>}), 2 to 100,000,
 * each defaulting to the table's rate.
 * <p>
 * Bound name by name from the table rather than as a map: a map bound from environment
 * variables cannot tell that {@code AGORA_RATE_LIMIT_SET_PUSH_SETTINGS} means
 * {@code set-push-settings} (each underscore could be a dot or a dash), and Spring Boot
 * binds no entry from it at all. Every other name under {@code agora.rate-limit} (besides
 * the settings of {@link AgoraProperties.RateLimit}) stops start-up, naming it.
 */
public final class RateLimits {

	static final String PREFIX = "agora.rate-limit";

	private static final int MIN = 2;

	private static final int MAX = 100_000;

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
		refuseUnknownNames(sources);
		Map<String, Integer> perSecond = new LinkedHashMap<>();
		AgoraOperation.budgets().forEach((budget, fallback) -> {
			String property = PREFIX + "." + budget;
			String value = binder.bind(property, String.class).orElse(null);
			perSecond.put(budget, Settings.between(property, number(property, value), fallback, MIN, MAX));
		});
		return new RateLimits(perSecond);
	}

	/** A whole number, or a failure that names the setting but not its value. */
	private static @Nullable Integer number(String property, @Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Integer.valueOf(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidSettingException(property, "must be a whole number between " + MIN + " and " + MAX);
		}
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

	private static void refuseUnknownNames(Iterable<ConfigurationPropertySource> sources) {
		List<String> budgets = new ArrayList<>(AgoraOperation.budgets().keySet());
		List<String> others = new ArrayList<>();
		for (RecordComponent component : AgoraProperties.RateLimit.class.getRecordComponents()) {
			others.add(kebab(component.getName()));
		}
		List<String> known = new ArrayList<>(budgets);
		known.addAll(others);
		for (ConfigurationPropertySource source : sources) {
			if (source instanceof IterableConfigurationPropertySource names) {
				boolean environment = source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource;
				names.forEach((name) -> {
					List<String> rest = below(name);
					if (rest == null || bound(source, name, known)) {
						return;
					}
					String property = PREFIX + "." + String.join(environment ? "-" : ".", rest);
					String spelt = known.stream()
						.filter((setting) -> uniform(setting).equals(uniform(String.join("", rest))))
						.findFirst()
						.orElse(null);
					throw new InvalidSettingException(property,
							(spelt != null)
									? "is spelt so that it binds to nothing: write " + PREFIX + "." + spelt + " or its "
											+ "environment variable with an underscore for each dot and dash"
									: "is not the budget of an Agora operation: use one of "
											+ String.join(", ", budgets) + " (or " + String.join(", ", others) + ")");
				});
			}
		}
	}

	/**
	 * Whether a name is one that binding a known setting reads: the same name, or (an
	 * environment variable) the variable the known setting's name resolves to.
	 */
	private static boolean bound(ConfigurationPropertySource source, ConfigurationPropertyName name,
			List<String> known) {
		ConfigurationProperty found = source.getConfigurationProperty(name);
		for (String setting : known) {
			ConfigurationPropertyName knownName = ConfigurationPropertyName.of(PREFIX + "." + setting);
			if (knownName.equals(name)) {
				return true;
			}
			ConfigurationProperty property = source.getConfigurationProperty(knownName);
			if (found != null && property != null && found.getOrigin() != null
					&& String.valueOf(found.getOrigin()).equals(String.valueOf(property.getOrigin()))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The elements of a name below {@code agora.rate-limit} in any relaxed spelling
	 * ({@code AGORA_RATE_LIMIT_X} and {@code agora.ratelimit.x} too), or null for a name
	 * elsewhere.
	 */
	private static List<String> below(ConfigurationPropertyName name) {
		String prefix = uniform(PREFIX);
		StringBuilder seen = new StringBuilder();
		for (int i = 0; i < name.getNumberOfElements(); i++) {
			seen.append(name.getElement(i, Form.UNIFORM));
			if (seen.toString().equals(prefix)) {
				List<String> rest = new ArrayList<>();
				for (int j = i + 1; j < name.getNumberOfElements(); j++) {
					rest.add(name.getElement(j, Form.ORIGINAL).toLowerCase(Locale.ROOT));
				}
				return rest.isEmpty() ? null : rest;
			}
			if (!prefix.startsWith(seen.toString())) {
				return null;
			}
		}
		return null;
	}

	private static String uniform(String name) {
		return name.toLowerCase(Locale.ROOT)
			.chars()
			.filter(Character::isLetterOrDigit)
			.mapToObj(Character::toString)
			.collect(Collectors.joining());
	}

	private static String kebab(String camel) {
		return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
	}

	@Override
	public String toString() {
		return "RateLimits" + this.perSecond;
	}

}
