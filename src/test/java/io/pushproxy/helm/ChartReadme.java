package io.pushproxy.helm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chart's README, generated the helm-docs way: every value that has a {@code # --}
 * comment in {@code values.yaml} becomes a row with its type, its default and that
 * comment. {@link HelmChartTests} fails when the committed README differs from what this
 * makes.
 */
final class ChartReadme {

	private static final Pattern KEY = Pattern.compile("^( *)([A-Za-z0-9_.-]+):(.*)$");

	private static final Pattern COMMENT = Pattern.compile("^( *)#(?: (.*))?$");

	private ChartReadme() {
	}

	private static final String GUIDE_START = "<!-- Written by hand: kept as it is by the generator. -->\n";

	private static final String GUIDE_END = "<!-- End of the part written by hand. -->\n\n";

	/**
	 * The part of the README written by hand (prerequisites, install, upgrade, a
	 * production example), between its two markers, kept as it is.
	 */
	private static String guide(Path chart) throws IOException {
		Path readme = chart.resolve("README.md");
		String text = Files.exists(readme) ? Files.readString(readme) : "";
		int start = text.indexOf(GUIDE_START);
		int end = text.indexOf(GUIDE_END);
		return (start >= 0 && end > start) ? text.substring(start, end + GUIDE_END.length()) : GUIDE_START + GUIDE_END;
	}

	static String generate(Path chart) throws IOException {
		Map<String, Object> metadata = new Yaml().load(Files.readString(chart.resolve("Chart.yaml")));
		String valuesText = Files.readString(chart.resolve("values.yaml"));
		Map<String, Object> values = new Yaml().load(valuesText);
		StringBuilder readme = new StringBuilder();
		readme.append("# ").append(metadata.get("name")).append("\n\n");
		readme.append(String.valueOf(metadata.get("description")).strip()).append("\n\n");
		readme.append("Chart version ")
			.append(metadata.get("version"))
			.append(", application version ")
			.append(metadata.get("appVersion"))
			.append(". Probes, scaling, alerts and secret rotation: the project's docs/operations.md,\n")
			.append("\"Kubernetes (Helm)\", and SECURITY.md, \"Rotating secrets\".\n\n")
			.append(guide(chart))
			.append("<!-- Generated from the `# --` comments of values.yaml; edit those, then run\n")
			.append("     ./mvnw test -Dtest=HelmChartTests -Dchart.readme.write=true -->\n\n");
		readme.append("## Values\n\n| Key | Type | Default | Description |\n|---|---|---|---|\n");
		Deque<String[]> parents = new ArrayDeque<>();
		StringBuilder description = null;
		int descriptionIndent = -1;
		for (String line : valuesText.split("\n", -1)) {
			Matcher comment = COMMENT.matcher(line);
			Matcher key = KEY.matcher(line);
			if (comment.matches()) {
				String text = (comment.group(2) != null) ? comment.group(2) : "";
				if (text.startsWith("-- ")) {
					description = new StringBuilder(text.substring(3).strip());
					descriptionIndent = comment.group(1).length();
				}
				else if (description != null && comment.group(1).length() == descriptionIndent && !text.isBlank()) {
					description.append(' ').append(text.strip());
				}
				continue;
			}
			if (!key.matches()) {
				if (!line.isBlank() && !line.strip().startsWith("-")) {
					description = null;
				}
				continue;
			}
			int indent = key.group(1).length();
			while (!parents.isEmpty() && Integer.parseInt(parents.peek()[0]) >= indent) {
				parents.pop();
			}
			StringBuilder path = new StringBuilder();
			parents.descendingIterator().forEachRemaining((parent) -> path.append(parent[1]).append('.'));
			path.append(key.group(2));
			if (description != null && descriptionIndent == indent) {
				Object value = valueAt(values, path.toString());
				readme.append("| `")
					.append(path)
					.append("` | ")
					.append(type(value))
					.append(" | `")
					.append(JsonMapper.builder().build().writeValueAsString(value).replace("|", "\\|"))
					.append("` | ")
					.append(description.toString().replace("|", "\\|"))
					.append(" |\n");
			}
			description = null;
			if (key.group(3).isBlank()) {
				parents.push(new String[] { String.valueOf(indent), key.group(2) });
			}
		}
		return readme.toString();
	}

	@SuppressWarnings("unchecked")
	private static Object valueAt(Map<String, Object> values, String path) {
		Object current = values;
		for (String part : path.split("\\.")) {
			current = ((Map<String, Object>) current).get(part);
		}
		return current;
	}

	private static String type(Object value) {
		if (value instanceof Boolean) {
			return "bool";
		}
		if (value instanceof Number) {
			return "int";
		}
		if (value instanceof List) {
			return "list";
		}
		if (value instanceof Map) {
			return "object";
		}
		return "string";
	}

}
