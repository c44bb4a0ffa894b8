package io.pushproxy.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import io.pushproxy.client.api.PushTemplatesApi;
import io.pushproxy.client.api.UserPushSettingsApi;
import io.pushproxy.client.model.ConversationPushSettings;
import io.pushproxy.client.model.DisplayName;
import io.pushproxy.client.model.DisplayNameChange;
import io.pushproxy.client.model.DisplayStyleChange;
import io.pushproxy.client.model.DisplayStyleSetting;
import io.pushproxy.client.model.Language;
import io.pushproxy.client.model.Problem;
import io.pushproxy.client.model.PushProfile;
import io.pushproxy.client.model.PushSettings;
import io.pushproxy.client.model.PushSettingsChange;
import io.pushproxy.client.model.QuietHours;
import io.pushproxy.client.model.Template;
import io.pushproxy.client.model.TemplateDraft;
import io.pushproxy.support.EmulatorProxyTest;
import io.pushproxy.support.TestJwts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The committed {@code docs/openapi.json} proven by use: a Java client generated from it
 * (openapi-generator, in the test phase) drives the proxy in front of the Agora emulator
 * through every operation. The client refuses any field the document does not declare, so
 * a document that gets a field, a type or an enum value wrong fails here.
 */
class TypedClientTests extends EmulatorProxyTest {

	@Test
	void aUserSetsAndReadsEveryPushSettingThroughTheGeneratedClient() throws ApiException {
		UserPushSettingsApi alice = new UserPushSettingsApi(client(TestJwts.user("alice")));

		DisplayName name = alice.setDisplayName("me", new DisplayNameChange().displayName("Alice"), null);
		DisplayStyleSetting style = alice.setDisplayStyle("me",
				new DisplayStyleChange().displayStyle(DisplayStyleChange.DisplayStyleEnum.DETAILED), null);
		PushSettings changed = alice.setPushSettings("me",
				new PushSettingsChange().mode(PushSettingsChange.ModeEnum.MENTIONS)
					.quietHours(new QuietHours().start("21:30").end("08:00"))
					.doNotDisturbFor("PT1H"),
				null, null);
		PushSettings read = alice.getPushSettings("me", null, null, null);
		PushProfile profile = alice.getPushProfile("me", "Asia/Tokyo", null, null);
		ConversationPushSettings muted = alice.setConversationPushSettings("me", "user", "bob",
				new PushSettingsChange().mode(PushSettingsChange.ModeEnum.NONE), null);
		ConversationPushSettings group = alice.getConversationPushSettings("me", "group", "4711", null, "no-cache");
		Language language = alice.setPushLanguage("me", new Language().language("en"), "*");

		assertThat(name.getUsername()).isEqualTo("alice");
		assertThat(name.getDisplayName()).isEqualTo("Alice");
		assertThat(style.getDisplayStyle()).hasToString("DETAILED");
		assertThat(changed.getMode()).hasToString("MENTIONS");
		assertThat(changed.getDoNotDisturbUntil()).isNotNull();
		assertThat(read.getQuietHours().getStart()).isEqualTo("21:30");
		assertThat(read.getQuietHours().getEnd()).isEqualTo("08:00");
		assertThat(read.getQuietHours().getTimeZone()).isEqualTo("UTC");
		assertThat(profile.getSettings().getQuietHours().getStart()).isEqualTo("06:30");
		assertThat(profile.getSettings().getQuietHours().getTimeZone()).isEqualTo("Asia/Tokyo");
		assertThat(profile.getUnavailable()).isEmpty();
		assertThat(muted.getMode()).hasToString("NONE");
		assertThat(group.getMode()).isNotNull();
		assertThat(language.getLanguage()).isEqualTo("en");
		assertThat(alice.getPushLanguage("me", null, null).getLanguage()).isEqualTo("en");
		ApiException stale = catchThrowableOfType(ApiException.class,
				() -> alice.setPushLanguage("me", new Language().language("de"), "\"0123456789abcdef\""));
		assertThat(stale.getCode()).isEqualTo(412);
		assertThat(stale.getResponseHeaders().firstValue("ETag")).isPresent();
	}

	@Test
	void anAdminManagesTemplatesThroughTheGeneratedClient() throws ApiException {
		PushTemplatesApi admin = new PushTemplatesApi(client(TestJwts.admin()));

		Template created = admin.createTemplate(
				new TemplateDraft().name("welcome").titlePattern("Hello {0}").contentPattern("{0} says {1}"));
		Template read = admin.getTemplate("welcome", null, null);
		admin.deleteTemplate("welcome");
		ApiException gone = catchThrowableOfType(ApiException.class, () -> admin.getTemplate("welcome", null, null));

		assertThat(created.getName()).isEqualTo("welcome");
		assertThat(created.getCreatedAt()).isNotNull();
		assertThat(read.getTitlePattern()).isEqualTo("Hello {0}");
		assertThat(read.getContentPattern()).isEqualTo("{0} says {1}");
		assertThat(gone.getCode()).isEqualTo(404);
	}

	@Test
	void aProblemAnswerReadsAsTheDocumentedProblem() throws Exception {
		ApiClient client = client(TestJwts.user("alice"));
		UserPushSettingsApi alice = new UserPushSettingsApi(client);

		ApiException refused = catchThrowableOfType(ApiException.class,
				() -> alice.setDisplayName("bob", new DisplayNameChange().displayName("Bob"), null));
		Problem problem = client.getObjectMapper().readValue(refused.getResponseBody(), Problem.class);

		assertThat(refused.getCode()).isEqualTo(403);
		assertThat(problem.getType()).hasToString("urn:agora-push-proxy:problem:forbidden");
		assertThat(problem.getStatus()).isEqualTo(403);
		assertThat(problem.getRequestId()).isNotBlank();
	}

	private ApiClient client(String token) {
		ApiClient client = new ApiClient();
		client.updateBaseUri("http://127.0.0.1:" + this.port);
		client.setRequestInterceptor((request) -> request.header("Authorization", "Bearer " + token));
		client.getObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
		return client;
	}

}
