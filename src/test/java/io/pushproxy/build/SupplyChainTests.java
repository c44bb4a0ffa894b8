package io.pushproxy.build;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the build pulls from outside is pinned to content, not to a name that can move:
 * the Dockerfile's base images by digest, and the Maven distribution the wrapper
 * downloads by its SHA-256.
 */
class SupplyChainTests {

	private static final Path DOCKERFILE = Path.of("Dockerfile");

	private static final Path WRAPPER_PROPERTIES = Path.of(".mvn/wrapper/maven-wrapper.properties");

	private static final Pattern ARG = Pattern.compile("^ARG\\s+([A-Za-z_][A-Za-z0-9_]*)=(\\S+)\\s*$");

	private static final Pattern FROM = Pattern
		.compile("^FROM\\s+(?:--platform=\\S+\\s+)?(\\S+)(?:\\s+AS\\s+(\\S+))?\\s*$", Pattern.CASE_INSENSITIVE);

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?");

	/**
	 * repository:tag@sha256:digest: the tag for people and update bots, the digest for
	 * Docker.
	 */
	private static final Pattern PINNED = Pattern.compile("^[a-z0-9./_-]+:[A-Za-z0-9._-]+@sha256:[0-9a-f]{64}$");

	private static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");

	private static final Pattern MAVEN_ZIP = Pattern.compile(
			"^https://repo\\.maven\\.apache\\.org/maven2/org/apache/maven/apache-maven/[0-9.]+/apache-maven-[0-9.]+-bin\\.zip$");

	@Test
	void everyBaseImageIsPinnedByDigestAndNamesItsTag() throws IOException {
		List<String> lines = Files.readAllLines(DOCKERFILE);
		Map<String, String> arguments = new LinkedHashMap<>();
		Set<String> stages = new HashSet<>();
		List<String> images = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i).strip();
			Matcher arg = ARG.matcher(line);
			if (arg.matches()) {
				arguments.put(arg.group(1), arg.group(2));
				if (arg.group(2).contains("@sha256:")) {
					String tag = arg.group(2).substring(0, arg.group(2).indexOf('@'));
					assertThat(lines.get(i - 1)).as("the comment above ARG %s names its tag", arg.group(1))
						.startsWith("#")
						.contains(tag);
				}
			}
			Matcher from = FROM.matcher(line);
			if (from.matches()) {
				String image = resolve(from.group(1), arguments);
				if (!stages.contains(image)) {
					images.add(image);
				}
				if (from.group(2) != null) {
					stages.add(from.group(2));
				}
			}
		}

		assertThat(images).as("base images of %s", DOCKERFILE)
			.hasSize(2)
			.allSatisfy((image) -> assertThat(image).as("FROM %s is pinned as repository:tag@sha256:<digest>", image)
				.matches(PINNED));
	}

	@Test
	void theBuildStageCanUnzipTheMavenDistributionWhoseSumTheWrapperChecks() throws IOException {
		String dockerfile = Files.readString(DOCKERFILE);

		int unzip = dockerfile.indexOf("install -y --no-install-recommends unzip");
		int wrapper = dockerfile.indexOf("./mvnw");
		assertThat(unzip).as("the build stage installs unzip").isPositive();
		assertThat(unzip).as("before the wrapper first runs").isLessThan(wrapper);
	}

	@Test
	void theMavenWrapperChecksTheSha256OfTheDistributionItDownloads() throws IOException {
		Properties wrapper = new Properties();
		wrapper.load(new StringReader(Files.readString(WRAPPER_PROPERTIES)));

		assertThat(wrapper.getProperty("distributionUrl")).matches(MAVEN_ZIP);
		assertThat(wrapper.getProperty("distributionSha256Sum")).as("distributionSha256Sum")
			.isNotNull()
			.matches(SHA256);
		boolean usesWrapperJar = !"only-script".equals(wrapper.getProperty("distributionType"))
				|| wrapper.getProperty("wrapperUrl") != null;
		if (usesWrapperJar) {
			assertThat(wrapper.getProperty("wrapperSha256Sum")).as("wrapperSha256Sum of the wrapper jar")
				.isNotNull()
				.matches(SHA256);
		}
	}

	private static String resolve(String image, Map<String, String> arguments) {
		Matcher variable = VARIABLE.matcher(image);
		StringBuilder resolved = new StringBuilder();
		while (variable.find()) {
			String value = arguments.get(variable.group(1));
			assertThat(value).as("ARG %s has a default", variable.group(1)).isNotNull();
			variable.appendReplacement(resolved, Matcher.quoteReplacement(value));
		}
		variable.appendTail(resolved);
		return resolved.toString();
	}

}
