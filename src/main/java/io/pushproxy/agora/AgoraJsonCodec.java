package io.pushproxy.agora;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;

import feign.FeignException;
import feign.RequestTemplate;
import feign.Response;
import feign.codec.DecodeException;
import feign.codec.Decoder;
import feign.codec.EncodeException;
import feign.codec.Encoder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Feign {@link Encoder} and {@link Decoder} for Agora's JSON, with its own mapper:
 * lenient about the many fields Agora adds to its answers, and never writing a null field
 * (a field left out stays unchanged upstream).
 */
class AgoraJsonCodec implements Encoder, Decoder {

	private final JsonMapper json;

	AgoraJsonCodec(JsonMapper json) {
		this.json = json;
	}

	@Override
	public void encode(Object object, Type bodyType, RequestTemplate template) {
		try {
			template.body(this.json.writeValueAsBytes(object), java.nio.charset.StandardCharsets.UTF_8);
		}
		catch (JacksonException ex) {
			throw new EncodeException("Could not write the upstream request body", ex);
		}
	}

	@Override
	public Object decode(Response response, Type type) throws IOException, FeignException {
		if (response.body() == null) {
			throw new DecodeException(response.status(), "Upstream answered with an empty body", response.request());
		}
		try (InputStream in = response.body().asInputStream()) {
			Object value = this.json.readValue(in, this.json.constructType(type));
			if (value == null) {
				throw new DecodeException(response.status(), "Upstream answered with an empty body",
						response.request());
			}
			return value;
		}
		catch (JacksonException ex) {
			throw new DecodeException(response.status(), "Upstream answered with unreadable JSON", response.request(),
					ex);
		}
	}

}
