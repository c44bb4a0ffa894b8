package io.pushproxy.agora;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * The Agora Chat endpoints of its nine offline-push operations and of reading a user
 * (display name and display style share one {@code PUT /users/{username}}), relative to
 * {@code {base-url}/{org}/{app}}. The Bearer app token is added by
 * {@link AppTokenInterceptor}; path segments are only ever built from values the push
 * layer has validated.
 */
@FeignClient(name = "agora-chat", url = "${agora.base-url:http://agora-base-url.invalid}",
		path = "/${agora.org-name:unset}/${agora.app-name:unset}",
		configuration = { AgoraFeignConfiguration.class, AppTokenInterceptor.class })
interface AgoraChatClient {

	String JSON = MediaType.APPLICATION_JSON_VALUE;

	@GetMapping(path = "/users/{username}", produces = JSON)
	UserEnvelope getUser(@PathVariable("username") String username);

	@PutMapping(path = "/users/{username}", consumes = JSON, produces = JSON)
	UserEnvelope updateUser(@PathVariable("username") String username, @RequestBody UserAttributes attributes);

	@GetMapping(path = "/users/{username}/notification/{chattype}/{key}", produces = JSON)
	DataEnvelope<NotificationSetting> getNotification(@PathVariable("username") String username,
			@PathVariable("chattype") String chattype, @PathVariable("key") String key);

	@PutMapping(path = "/users/{username}/notification/{chattype}/{key}", consumes = JSON, produces = JSON)
	DataEnvelope<NotificationSetting> setNotification(@PathVariable("username") String username,
			@PathVariable("chattype") String chattype, @PathVariable("key") String key,
			@RequestBody NotificationSettingChange change);

	@GetMapping(path = "/users/{username}/notification/language", produces = JSON)
	DataEnvelope<Language> getLanguage(@PathVariable("username") String username);

	@PutMapping(path = "/users/{username}/notification/language", consumes = JSON, produces = JSON)
	DataEnvelope<Language> setLanguage(@PathVariable("username") String username,
			@RequestBody TranslationLanguage language);

	@PostMapping(path = "/notification/template", consumes = JSON, produces = JSON)
	DataEnvelope<TemplateData> createTemplate(@RequestBody NewTemplate template);

	@GetMapping(path = "/notification/template/{name}", produces = JSON)
	DataEnvelope<TemplateData> getTemplate(@PathVariable("name") String name);

	@DeleteMapping(path = "/notification/template/{name}", produces = JSON)
	DataEnvelope<TemplateData> deleteTemplate(@PathVariable("name") String name);

}
