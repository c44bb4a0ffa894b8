package io.pushproxy.push.templates;

import java.time.Instant;

import io.pushproxy.agora.AgoraChat;
import io.pushproxy.agora.NewTemplate;
import io.pushproxy.agora.TemplateData;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** Push templates of the app: create, read, delete. */
@Service
class TemplateService {

	private final AgoraChat agora;

	TemplateService(AgoraChat agora) {
		this.agora = agora;
	}

	Template create(TemplateDraft draft) {
		return template(
				this.agora.createTemplate(new NewTemplate(draft.name(), draft.titlePattern(), draft.contentPattern())));
	}

	Template get(String name) {
		return template(this.agora.template(name));
	}

	void delete(String name) {
		this.agora.deleteTemplate(name);
	}

	private static Template template(TemplateData data) {
		return new Template(data.name(), data.titlePattern(), data.contentPattern(), instant(data.createAt()),
				instant(data.updateAt()));
	}

	private static @Nullable Instant instant(@Nullable Long epochMillis) {
		return (epochMillis != null) ? Instant.ofEpochMilli(epochMillis) : null;
	}

}
