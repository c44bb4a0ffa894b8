package io.pushproxy.config;

/**
 * An {@link IllegalArgumentException} that names one operator setting which is missing or
 * malformed. Its message never contains the setting's value, which may be a secret.
 */
public class InvalidSettingException extends IllegalArgumentException {

	private final String property;

	public InvalidSettingException(String property, String problem) {
		super(property + " (" + environmentName(property) + ") " + problem);
		this.property = property;
	}

	public String property() {
		return this.property;
	}

	static String environmentName(String property) {
		return property.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
	}

}
