package io.pushproxy.agora;

import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.annotation.JsonInclude;
import feign.Logger;
import feign.Request;
import feign.Retryer;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;

/**
 * Feign configuration shared by the Agora clients (a child context per client,
 * deliberately not component-scanned): the JSON codec, the error decoder, timeouts, and
 * no Feign-level retries or logging (the gateway retries; bodies and headers would carry
 * secrets).
 */
public class AgoraFeignConfiguration {

	@Bean
	AgoraJsonCodec agoraJsonCodec() {
		return new AgoraJsonCodec(upstreamJson());
	}

	@Bean
	AgoraErrorDecoder agoraErrorDecoder() {
		return new AgoraErrorDecoder(upstreamJson());
	}

	@Bean
	Request.Options agoraRequestOptions(AgoraProperties properties) {
		AgoraProperties.Http http = properties.http();
		return new Request.Options(http.connectTimeout().toMillis(), TimeUnit.MILLISECONDS,
				http.readTimeout().toMillis(), TimeUnit.MILLISECONDS, false);
	}

	@Bean
	Retryer agoraRetryer() {
		return Retryer.NEVER_RETRY;
	}

	@Bean
	Logger.Level agoraLoggerLevel() {
		return Logger.Level.NONE;
	}

	static JsonMapper upstreamJson() {
		return JsonMapper.builder()
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.changeDefaultPropertyInclusion((inclusion) -> JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
					JsonInclude.Include.NON_NULL))
			.build();
	}

}
