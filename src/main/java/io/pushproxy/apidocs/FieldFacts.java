package io.pushproxy.apidocs;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import io.pushproxy.push.DoNotDisturbDuration;
import io.pushproxy.push.Text;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What the API's own values say about their members, written into the document from the
 * one place each fact is kept: a record component typed {@code @Nullable} may be
 * {@code null} in an answer; {@link Text} limits are lengths,
 * {@link DoNotDisturbDuration} is an ISO-8601 duration. Members bound through a setter
 * (the {@code PUT} and {@code PATCH} bodies, which tell "absent" from "null") keep their
 * field's {@code @Schema}, {@code @Size} and {@code @Pattern} this way too.
 */
@Component
class FieldFacts implements ModelConverter {

	private static final String OURS = "io.pushproxy.";

	@Override
	public @Nullable Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
		if (!chain.hasNext()) {
			return null;
		}
		Schema resolved = chain.next().resolve(type, context, chain);
		Class<?> raw = Json.mapper().constructType(type.getType()).getRawClass();
		if (resolved == null || !raw.getName().startsWith(OURS) || raw.isEnum()) {
			return resolved;
		}
		Schema model = (resolved.get$ref() != null)
				? context.getDefinedModels().get(resolved.get$ref().substring(resolved.get$ref().lastIndexOf('/') + 1))
				: resolved;
		if (model != null && model.getProperties() != null) {
			describe(raw, model.getProperties());
		}
		return resolved;
	}

	private static void describe(Class<?> type, Map<String, Schema> properties) {
		for (Field field : type.getDeclaredFields()) {
			Schema property = properties.get(field.getName());
			if (property == null || Modifier.isStatic(field.getModifiers())) {
				continue;
			}
			limits(field, property);
			io.swagger.v3.oas.annotations.media.Schema declared = field
				.getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class);
			if (declared != null) {
				declared(declared, property);
			}
			boolean nullable = (type.isRecord() && field.getAnnotatedType().isAnnotationPresent(Nullable.class))
					|| (declared != null && declared.nullable());
			if (nullable) {
				properties.put(field.getName(), nullable(property));
			}
		}
	}

	private static void limits(Field field, Schema property) {
		Text text = field.getAnnotation(Text.class);
		if (text != null) {
			property.setMinLength(text.min());
			property.setMaxLength(text.max());
		}
		Size size = field.getAnnotation(Size.class);
		if (size != null && property.getMaxLength() == null) {
			property.setMaxLength(size.max());
		}
		Pattern pattern = field.getAnnotation(Pattern.class);
		if (pattern != null && property.getPattern() == null) {
			property.setPattern(pattern.regexp());
		}
		if (field.isAnnotationPresent(DoNotDisturbDuration.class)) {
			property.setFormat("duration");
		}
	}

	private static void declared(io.swagger.v3.oas.annotations.media.Schema declared, Schema property) {
		if (property.getDescription() == null && !declared.description().isEmpty()) {
			property.setDescription(declared.description());
		}
		if (property.getExample() == null && !declared.example().isEmpty()) {
			property.setExample(declared.example());
		}
	}

	/**
	 * In OpenAPI 3.1 a member that may be null has "null" among its types; a reference
	 * cannot, so it becomes "the referenced schema or null".
	 */
	private static Schema nullable(Schema property) {
		if (property.get$ref() == null) {
			property.addType("null");
			return property;
		}
		JsonSchema none = new JsonSchema();
		none.addType("null");
		Schema either = new JsonSchema().anyOf(List.<Schema>of(new JsonSchema().$ref(property.get$ref()), none));
		either.setDescription(property.getDescription());
		either.setReadOnly(property.getReadOnly());
		either.setWriteOnly(property.getWriteOnly());
		return either;
	}

}
