package io.pushproxy.emulator;

import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A strictly read JSON object request body: unknown fields, nulls and wrong types are
 * errors, so the emulator catches a client that sends something the service would not
 * take.
 */
final class JsonBody {

	static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private final JsonNode node;

	private JsonBody(JsonNode node) {
		this.node = node;
	}

	static JsonBody parse(byte[] bytes) {
		if (bytes.length == 0) {
			throw ApiException.jsonParse("Request body is missing");
		}
		JsonNode node;
		try {
			node = MAPPER.readTree(bytes);
		}
		catch (JacksonException ex) {
			throw ApiException.jsonParse("Unable to parse request body: " + ex.getOriginalMessage());
		}
		if (node == null || !node.isObject()) {
			throw ApiException.jsonParse("Request body must be a JSON object");
		}
		return new JsonBody(node);
	}

	/** Rejects any field not in {@code allowed}; an empty object is rejected as well. */
	JsonBody allowOnly(Set<String> allowed) {
		for (String name : this.node.propertyNames()) {
			if (!allowed.contains(name)) {
				throw ApiException.illegalArgument("Unknown field '" + name + "'; allowed: " + allowed);
			}
		}
		if (this.node.isEmpty()) {
			throw ApiException.illegalArgument("Request body has none of " + allowed);
		}
		return this;
	}

	boolean has(String name) {
		return this.node.has(name);
	}

	/** The string value, or {@code null} when absent. */
	String string(String name) {
		JsonNode value = present(name);
		if (value == null) {
			return null;
		}
		if (!value.isString()) {
			throw wrongType(name, "a string");
		}
		return value.stringValue();
	}

	String requiredString(String name) {
		String value = string(name);
		if (value == null) {
			throw ApiException.illegalArgument("Field '" + name + "' is required");
		}
		return value;
	}

	/** The integral value, or {@code null} when absent. */
	Long integral(String name) {
		JsonNode value = present(name);
		if (value == null) {
			return null;
		}
		if (!value.isIntegralNumber() || !value.canConvertToLong()) {
			throw wrongType(name, "an integer");
		}
		return value.longValue();
	}

	/** The raw value, or {@code null} when absent; a JSON null is rejected. */
	JsonNode present(String name) {
		JsonNode value = this.node.get(name);
		if (value != null && value.isNull()) {
			throw ApiException.jsonParse("Field '" + name + "' must not be null");
		}
		return value;
	}

	static ApiException wrongType(String name, String expected) {
		return ApiException.jsonParse("Field '" + name + "' must be " + expected);
	}

}
