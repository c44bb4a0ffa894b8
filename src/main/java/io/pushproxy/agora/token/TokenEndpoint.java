package io.pushproxy.agora.token;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;

/**
 * Agora's {@code POST /{org}/{app}/token}, for the {@code exchange} and
 * {@code client-credentials} modes: the methods a Feign client of the token endpoint
 * inherits (the client itself, with the App Key's path and the shared Feign
 * configuration, is declared where those live).
 */
public interface TokenEndpoint {

	@PostMapping(path = "/token", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	TokenAnswer exchange(@RequestHeader("Authorization") String bearerAppToken, @RequestBody TokenGrant grant);

	@PostMapping(path = "/token", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	TokenAnswer clientCredentials(@RequestBody TokenGrant grant);

}
