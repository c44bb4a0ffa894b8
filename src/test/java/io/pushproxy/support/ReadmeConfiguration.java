package io.pushproxy.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * README.md's configuration table, read the way operators read it: every environment
 * variable it names, with its default. Tests check the chart and the configuration
 * metadata against it, so the table is the one list of settings.
 */
public final class ReadmeConfiguration {

	private static final Pattern ROW = Pattern.compile("^\\| (`[A-Z0-9_]+`.*?) \\| .*? \\| (.*?) \\|$");

	private static final Pattern CODE = Pattern.compile("`([^`]+)`");

	private ReadmeConfiguration() {
	}

	/**
	 * Each variable of the table with its default: the default column's values by
	 * position, or its one value for the whole row, or empty.
	 */
	public static Map<String, String> variables() {
		List<String> lines;
		try {
			lines = Files.readAllLines(Path.of("README.md"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		int start = lines.indexOf("## Configuration");
		if (start < 0) {
			throw new IllegalStateException("README.md has no Configuration section");
		}
		Map<String, String> table = new LinkedHashMap<>();
		for (String line : lines.subList(start + 1, lines.size())) {
			if (line.startsWith("## ")) {
				break;
			}
			Matcher row = ROW.matcher(line);
			if (!row.matches()) {
				continue;
			}
			List<String> variables = codes(row.group(1));
			List<String> defaults = codes(row.group(2));
			for (int i = 0; i < variables.size(); i++) {
				String value = (defaults.size() == variables.size()) ? defaults.get(i)
						: (defaults.size() == 1) ? defaults.get(0) : "";
				table.put(variables.get(i), value);
			}
		}
		return table;
	}

	private static List<String> codes(String cell) {
		List<String> codes = new ArrayList<>();
		Matcher code = CODE.matcher(cell);
		while (code.find()) {
			codes.add(code.group(1));
		}
		return codes;
	}

}
