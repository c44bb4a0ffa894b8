package io.pushproxy.agora.token;

import io.pushproxy.agora.AgoraFeignConfiguration;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;

/**
 * Agora's {@code POST /{org}/{app}/token}, for the {@code exchange} and
 * {@code client-credentials} modes.
 */
@FeignClient(name = "agora-token", url = "${agora.base-url:http://agora-base-url.invalid}",
		path = "/${agora.org-name:unset}/${agora.app-name:unset}", configuration = AgoraFeignConfiguration.class)
interface AgoraTokenClient {

	@PostMapping(path = "/token", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	TokenAnswer exchange(@RequestHeader("Authorization") String bearerAppToken, @RequestBody TokenGrant grant);

	@PostMapping(path = "/token", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	TokenAnswer clientCredentials(@RequestBody TokenGrant grant);

}
