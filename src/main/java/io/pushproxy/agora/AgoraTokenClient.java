package io.pushproxy.agora;

import io.pushproxy.agora.token.TokenEndpoint;

import org.springframework.cloud.openfeign.FeignClient;

/**
 * The Feign client of Agora's token endpoint, under the App Key's path and with the same
 * codec, error decoder and timeouts as {@link AgoraChatClient}.
 */
@FeignClient(name = "agora-token", url = "${agora.base-url:http://agora-base-url.invalid}",
		path = "/${agora.org-name:unset}/${agora.app-name:unset}", configuration = AgoraFeignConfiguration.class)
interface AgoraTokenClient extends TokenEndpoint {

}
