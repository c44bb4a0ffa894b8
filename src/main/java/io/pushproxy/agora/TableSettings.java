package io.pushproxy.agora;

import java.util.ArrayList;
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
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Whole-number settings named after the rows of the {@link AgoraOperation} table, one per
 * name under a prefix: {@code agora.rate-limit.<budget>} ({@link RateLimits}),
 * {@code agora.bulkhead.<operation>} ({@link BulkheadLimits}).
 * <p>
 * Bound name by name from the table rather than as a map: a map bound from environment
 * variables cannot tell that {@code AGORA_RATE_LIMIT_SET_PUSH_SETTINGS} means
 * {@code set-push-settings} (each underscore could be a dot or a dash), and Spring Boot
 * binds no entry from it at all. Every other name under the prefix (besides the
 * {@code others}, settings of a record bound there) stops start-up, naming it.
 *
 * @param prefix the settings' common prefix, e.g. {@code agora.rate-limit}
 * @param what what each name is, for the refusal of another ("the budget of an Agora
 * operation")
 * @param min the least value accepted
 * @param max the greatest value accepted
 * @param others the names of other settings under the prefix
 */
record TableSettings(String prefix, String what, int min, int max, List<String> others) {

	/**
	 * Each name's value as the binder finds it, else its default; an unknown name under
	 * the prefix in any of the sources is refused.
	 * @param defaults each name of the table, in its order, with its default
	 */
	Map<String, Integer> bind(Binder binder, Iterable<ConfigurationPropertySource> sources,
			Map<String, Integer> defaults) {
		refuseUnknownNames(sources, List.copyOf(defaults.keySet()));
		Map<String, Integer> values = new LinkedHashMap<>();
		defaults.forEach((name, fallback) -> {
			String property = this.prefix + "." + name;
			String value = binder.bind(property, String.class).orElse(null);
			values.put(name, Settings.between(property, number(property, value), fallback, this.min, this.max));
		});
		return values;
	}

	/** A whole number, or a failure that names the setting but not its value. */
	private @Nullable Integer number(String property, @Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Integer.valueOf(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidSettingException(property,
					"must be a whole number between " + this.min + " and " + this.max);
		}
	}

	private void refuseUnknownNames(Iterable<ConfigurationPropertySource> sources, List<String> names) {
		List<String> known = new ArrayList<>(names);
		known.addAll(this.others);
		for (ConfigurationPropertySource source : sources) {
			if (source instanceof IterableConfigurationPropertySource iterable) {
				boolean environment = source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource;
				iterable.forEach((name) -> {
					List<String> rest = below(name);
					if (rest == null || bound(source, name, known)) {
						return;
					}
					String property = this.prefix + "." + String.join(environment ? "-" : ".", rest);
					String spelt = known.stream()
						.filter((setting) -> uniform(setting).equals(uniform(String.join("", rest))))
						.findFirst()
						.orElse(null);
					throw new InvalidSettingException(property, (spelt != null)
							? "is spelt so that it binds to nothing: write " + this.prefix + "." + spelt + " or its "
									+ "environment variable with an underscore for each dot and dash"
							: "is not " + this.what + ": use one of " + String.join(", ", names)
									+ (this.others.isEmpty() ? "" : " (or " + String.join(", ", this.others) + ")"));
				});
			}
		}
	}

	/**
	 * Whether a name is one that binding a known setting reads: the same name, or (an
	 * environment variable) the variable the known setting's name resolves to.
	 */
	private boolean bound(ConfigurationPropertySource source, ConfigurationPropertyName name, List<String> known) {
		ConfigurationProperty found = source.getConfigurationProperty(name);
		for (String setting : known) {
			ConfigurationPropertyName knownName = ConfigurationPropertyName.of(this.prefix + "." + setting);
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
	 * The elements of a name below the prefix in any relaxed spelling
	 * ({@code AGORA_RATE_LIMIT_X} and {@code agora.ratelimit.x} too), or null for a name
	 * elsewhere.
	 */
	private @Nullable List<String> below(ConfigurationPropertyName name) {
		String prefix = uniform(this.prefix);
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

}
