package io.pushproxy.web;

import jakarta.validation.Validator;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.cfg.MutableCoercionConfig;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Makes the app-facing JSON strict: unknown fields, duplicate keys, numbers where text is
 * expected (and the reverse), nulls for primitives and trailing content are all rejected,
 * so nothing ambiguous is ever forwarded. The upstream client has its own lenient mapper.
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonConfiguration {

	@Bean
	JsonMapperBuilderCustomizer strictAppFacingJson() {
		return (builder) -> builder.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
			.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
			.withCoercionConfig(LogicalType.Textual, StrictJsonConfiguration::onlyText)
			.withCoercionConfig(LogicalType.Enum, StrictJsonConfiguration::onlyText)
			.addHandler(new BodyProblems.Collector());
	}

	/**
	 * Request bodies are read by {@link JsonBodyConverter}, which names every problem of
	 * a body at once; it replaces the JSON converter Boot configured (this customizer
	 * runs last).
	 */
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	ServerHttpMessageConvertersCustomizer everyBodyProblemAtOnce(JsonMapper mapper, Validator validator) {
		return (converters) -> converters.withJsonConverter(new JsonBodyConverter(mapper, validator));
	}

	private static void onlyText(MutableCoercionConfig config) {
		config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
			.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
			.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
	}

}
