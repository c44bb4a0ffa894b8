package io.pushproxy.web;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed OpenAPI document lints clean under Redocly's recommended rules
 * ({@code redocly.yaml}), warnings included: a client generator or a reviewer's linter
 * finds nothing to trip on. Needs Node's {@code npx} (.ci/run installs it when missing)
 * and npm's registry, where the pinned Redocly CLI comes from.
 */
class OpenApiLintTests {

	static final String REDOCLY = "@redocly/cli@2.77.0";

	@Test
	void theDocumentLintsCleanUnderRedoclysRecommendedRules() throws Exception {
		Path report = Files.createTempFile("redocly", ".json");
		ProcessBuilder npx = new ProcessBuilder(
				List.of("npx", "--yes", REDOCLY, "lint", OpenApiTests.COMMITTED.toString(), "--config", "redocly.yaml",
						"--format", "json", "--max-problems", "1000"))
			.redirectOutput(report.toFile())
			.redirectError(ProcessBuilder.Redirect.DISCARD);
		npx.environment().put("REDOCLY_TELEMETRY", "off");
		npx.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
		Process lint = npx.start();
		lint.getOutputStream().close();
		assertThat(lint.waitFor(240, TimeUnit.SECONDS)).as("Redocly lint finished within 4 minutes").isTrue();

		String text = Files.readString(report, StandardCharsets.UTF_8);
		Files.delete(report);
		assertThat(text).as("Redocly's JSON report (exit %d)", lint.exitValue()).contains("\"totals\"");
		JsonNode result = JsonMapper.builder().build().readTree(text.substring(text.indexOf('{')));
		List<String> problems = new ArrayList<>();
		result.path("problems")
			.forEach((problem) -> problems
				.add(problem.path("ruleId").asString() + ": " + problem.path("message").asString() + " at "
						+ problem.path("location").path(0).path("pointer").asString()));
		assertThat(problems.subList(0, Math.min(20, problems.size())))
			.as("Redocly's problems with %s (the first 20 of %d)", OpenApiTests.COMMITTED, problems.size())
			.isEmpty();
		assertThat(result.path("totals").path("errors").asInt(-1)).isZero();
		assertThat(result.path("totals").path("warnings").asInt(-1)).isZero();
		assertThat(lint.exitValue()).isZero();
	}

}
