package io.pushproxy.push.templates;

import java.net.URI;

import io.pushproxy.push.TemplateName;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The app's push templates at {@code /v1/push/templates}; admin callers only (see
 * security).
 */
@RestController
@Tag(name = "Push templates", description = "The app's push templates; admin scope only")
@RequestMapping(path = "/v1/push/templates", produces = MediaType.APPLICATION_JSON_VALUE)
class TemplateController {

	private final TemplateService templates;

	TemplateController(TemplateService templates) {
		this.templates = templates;
	}

	@Operation(operationId = "createTemplate", summary = "Create a push template",
			description = "name: 1-64 letters and digits; patterns hold placeholders {0}, {1}, ... Answers 201 with Location.")
	@ApiResponse(responseCode = "201", description = "Created")
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Template> create(@Valid @RequestBody TemplateDraft draft) {
		Template template = this.templates.create(draft);
		String name = (template.name() != null) ? template.name() : draft.name();
		return ResponseEntity.created(URI.create("/v1/push/templates/" + name)).body(template);
	}

	@Operation(operationId = "getTemplate", summary = "Get a push template")
	@GetMapping("/{name}")
	Template get(@PathVariable @TemplateName String name) {
		return this.templates.get(name);
	}

	@Operation(operationId = "deleteTemplate", summary = "Delete a push template")
	@ApiResponse(responseCode = "204", description = "Deleted")
	// A 204 has no body, so whatever the caller accepts (a generated client asks for
	// application/problem+json only) it is not refused with 406.
	@DeleteMapping(path = "/{name}", produces = MediaType.ALL_VALUE)
	ResponseEntity<Void> delete(@PathVariable @TemplateName String name) {
		this.templates.delete(name);
		return ResponseEntity.noContent().build();
	}

}
