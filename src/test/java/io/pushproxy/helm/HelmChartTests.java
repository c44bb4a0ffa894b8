package io.pushproxy.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.pushproxy.agora.AgoraOperation;
import io.pushproxy.support.ReadmeConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The Helm chart under {@code helm/agora-push-proxy}, linted and rendered by a real Helm
 * (helm-java embeds it): with the values a minimal install needs, and with every optional
 * feature on. The assertions read the rendered Kubernetes objects.
 */
class HelmChartTests {

	private static final Path CHART = Path.of("helm/agora-push-proxy").toAbsolutePath();

	private static final Path MINIMAL_VALUES = Path.of("src/test/resources/helm/minimal-values.yaml").toAbsolutePath();

	private static final Path ALL_FEATURES_VALUES = Path.of("src/test/resources/helm/all-features-values.yaml")
		.toAbsolutePath();

	private static final String RELEASE = "push";

	private static final String FULL_NAME = "push-agora-push-proxy";

	private static final String MANAGEMENT_SERVICE = FULL_NAME + "-management";

	/**
	 * Every environment variable the application reads: README.md's configuration table.
	 */
	private static final Set<String> KNOWN_SETTINGS = ReadmeConfiguration.variables().keySet();

	/**
	 * Each budget of the operation table ({@code AgoraOperation}) as its environment
	 * variable: a budget the chart does not render fails the tests that use this list.
	 */
	private static final List<String> RATE_LIMITS = AgoraOperation.budgets()
		.keySet()
		.stream()
		.map(HelmChartTests::rateLimitVariable)
		.toList();

	/** spring.lifecycle.timeout-per-shutdown-phase in application.yml, in seconds. */
	private static final int APP_SHUTDOWN_SECONDS = 20;

	private static final Pattern SLEEP = Pattern.compile("sleep (\\d+)");

	// Lint

	@Test
	void theChartPassesStrictLintWithItsOwnDefaultValues() {
		LintResult result = new Helm(CHART).lint().strict().call();

		assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
		assertThat(result.getMessages())
			.noneMatch((message) -> message.contains("[ERROR]") || message.contains("[WARNING]"));
	}

	@Test
	void theChartPassesStrictLintWithEveryOptionalFeatureOn(@TempDir Path workDir) throws IOException {
		// helm lint takes no values file here, so lint a copy whose values.yaml has the
		// all-features values merged in.
		Path copy = copyChart(workDir);
		Yaml yaml = new Yaml();
		Map<String, Object> values = yaml.load(Files.readString(copy.resolve("values.yaml")));
		deepMerge(values, yaml.load(Files.readString(ALL_FEATURES_VALUES)));
		DumperOptions options = new DumperOptions();
		options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
		Files.writeString(copy.resolve("values.yaml"), new Yaml(options).dump(values));

		LintResult result = new Helm(copy).lint().strict().call();

		assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
		assertThat(result.getMessages())
			.noneMatch((message) -> message.contains("[ERROR]") || message.contains("[WARNING]"));
	}

	// Which objects

	@Test
	void aMinimalInstallRendersTheCoreObjectsWithTheNetworkPolicyAndNoOptionalOnes() {
		Rendered rendered = render(MINIMAL_VALUES);

		assertThat(rendered.kinds()).containsExactlyInAnyOrder("ConfigMap", "Deployment", "NetworkPolicy",
				"PodDisruptionBudget", "Secret", "Service", "Service", "ServiceAccount");
	}

	@Test
	void everyOptionalFeatureOnRendersItsObject() {
		Rendered rendered = render(ALL_FEATURES_VALUES);

		assertThat(rendered.kinds()).containsExactlyInAnyOrder("ConfigMap", "ConfigMap", "Deployment",
				"HorizontalPodAutoscaler", "Ingress", "NetworkPolicy", "PodDisruptionBudget", "PrometheusRule",
				"Service", "Service", "ServiceAccount", "ServiceMonitor");
		assertThat(rendered.objects()).filteredOn((object) -> "ConfigMap".equals(object.get("kind")))
			.extracting((object) -> at(object, "metadata", "labels").get("grafana_dashboard"))
			.containsExactlyInAnyOrder(null, "1");
	}

	// The Deployment

	@Test
	void probesAskTheManagementPortForLivenessAndReadiness() {
		for (Path values : List.of(MINIMAL_VALUES, ALL_FEATURES_VALUES)) {
			Map<String, Object> container = render(values).container();

			assertThat(at(container, "livenessProbe", "httpGet")).containsEntry("port", "management")
				.containsEntry("path", "/actuator/health/liveness");
			assertThat(at(container, "readinessProbe", "httpGet")).containsEntry("port", "management")
				.containsEntry("path", "/actuator/health/readiness");
			assertThat(at(container, "startupProbe", "httpGet")).containsEntry("port", "management")
				.containsEntry("path", "/actuator/health/liveness");
			assertThat((int) at(container, "startupProbe").get("failureThreshold")).isGreaterThanOrEqualTo(10);
			assertThat(list(container.get("ports")))
				.extracting((port) -> map(port).get("name"), (port) -> map(port).get("containerPort"))
				.containsExactlyInAnyOrder(tuple("http", 8080), tuple("management", 8081));
		}
	}

	@Test
	void theContainerHasCpuAndMemoryRequestsAndLimits() {
		Map<String, Object> resources = at(render(MINIMAL_VALUES).container(), "resources");

		assertThat(at(resources, "requests")).containsKeys("cpu", "memory");
		assertThat(at(resources, "limits")).containsKeys("cpu", "memory");
	}

	@Test
	void podsRunAsNonRootUnderTheRuntimeDefaultSeccompProfile() {
		for (Path values : List.of(MINIMAL_VALUES, ALL_FEATURES_VALUES)) {
			Map<String, Object> podSecurity = at(render(values).podSpec(), "securityContext");

			assertThat(podSecurity).containsEntry("runAsNonRoot", true).containsEntry("runAsUser", 10001);
			assertThat(at(podSecurity, "seccompProfile")).containsEntry("type", "RuntimeDefault");
		}
	}

	@Test
	void theContainerHasAReadOnlyRootNoPrivilegeEscalationAndNoCapabilities() {
		for (Path values : List.of(MINIMAL_VALUES, ALL_FEATURES_VALUES)) {
			Map<String, Object> security = at(render(values).container(), "securityContext");

			assertThat(security).containsEntry("readOnlyRootFilesystem", true)
				.containsEntry("allowPrivilegeEscalation", false)
				.containsEntry("runAsNonRoot", true);
			assertThat(list(at(security, "capabilities").get("drop"))).containsExactly("ALL");
		}
	}

	@Test
	void tmpIsAWritableEmptyDir() {
		Rendered rendered = render(MINIMAL_VALUES);

		Map<String, Object> mount = list(rendered.container().get("volumeMounts")).stream()
			.map(HelmChartTests::map)
			.filter((candidate) -> "/tmp".equals(candidate.get("mountPath")))
			.findFirst()
			.orElseThrow();
		Map<String, Object> volume = list(rendered.podSpec().get("volumes")).stream()
			.map(HelmChartTests::map)
			.filter((candidate) -> mount.get("name").equals(candidate.get("name")))
			.findFirst()
			.orElseThrow();
		assertThat(volume).containsKey("emptyDir");
		assertThat(mount.get("readOnly")).isNotEqualTo(true);
	}

	@Test
	void rolloutsNeverTakeAReadyPodAway() {
		Map<String, Object> strategy = at(render(MINIMAL_VALUES).deployment(), "spec", "strategy");

		assertThat(strategy).containsEntry("type", "RollingUpdate");
		assertThat(at(strategy, "rollingUpdate")).containsEntry("maxUnavailable", 0);
	}

	@Test
	void theGracePeriodOutlastsThePreStopPauseAndTheApplicationsShutdownTimeout() {
		for (Path values : List.of(MINIMAL_VALUES, ALL_FEATURES_VALUES)) {
			Rendered rendered = render(values);
			List<Object> preStop = list(at(rendered.container(), "lifecycle", "preStop", "exec").get("command"));
			Matcher sleep = SLEEP.matcher(String.join(" ", preStop.stream().map(String::valueOf).toList()));

			assertThat(sleep.find()).as("preStop sleeps: %s", preStop).isTrue();
			int preStopSeconds = Integer.parseInt(sleep.group(1));
			assertThat(preStopSeconds).isPositive();
			assertThat((int) rendered.podSpec().get("terminationGracePeriodSeconds"))
				.isGreaterThan(preStopSeconds + APP_SHUTDOWN_SECONDS);
		}
	}

	@Test
	void aGracePeriodTooShortForTheShutdownIsRefused() {
		Throwable failure = catchThrowable(
				() -> render(MINIMAL_VALUES, (command) -> command.set("shutdown.terminationGracePeriodSeconds", 25)));

		assertThat(failure).hasMessageContaining("shutdown.terminationGracePeriodSeconds (25) must exceed");
	}

	@Test
	void podsRollWhenTheConfigurationOrTheSecretsChange() {
		Map<String, Object> before = render(MINIMAL_VALUES).podAnnotations();
		Map<String, Object> otherOrg = render(MINIMAL_VALUES, (command) -> command.set("agora.orgName", "other-org"))
			.podAnnotations();
		Map<String, Object> otherSecret = render(MINIMAL_VALUES,
				(command) -> command.set("secrets.jwtSecret", "another-test-only-secret-of-32-bytes-or-more"))
			.podAnnotations();

		assertThat(before).containsKeys("checksum/config", "checksum/secret");
		assertThat(otherOrg.get("checksum/config")).isNotEqualTo(before.get("checksum/config"));
		assertThat(otherOrg.get("checksum/secret")).isEqualTo(before.get("checksum/secret"));
		assertThat(otherSecret.get("checksum/secret")).isNotEqualTo(before.get("checksum/secret"));
		assertThat(otherSecret.get("checksum/config")).isEqualTo(before.get("checksum/config"));
	}

	@Test
	void theServiceAccountTokenIsNeverMounted() {
		Rendered rendered = render(MINIMAL_VALUES);

		assertThat(rendered.one("ServiceAccount")).containsEntry("automountServiceAccountToken", false);
		assertThat(rendered.podSpec()).containsEntry("automountServiceAccountToken", false)
			.containsEntry("serviceAccountName", FULL_NAME);
	}

	@Test
	void aPodDisruptionBudgetSelectsTheApplicationsPods() {
		Rendered rendered = render(MINIMAL_VALUES);

		Map<String, Object> pdb = rendered.one("PodDisruptionBudget");
		assertThat(at(pdb, "spec")).containsEntry("maxUnavailable", 1);
		assertThat(at(pdb, "spec", "selector", "matchLabels"))
			.isEqualTo(at(rendered.deployment(), "spec", "selector", "matchLabels"));
	}

	// Environment

	@Test
	void everyEnvironmentVariableTheChartSetsIsOneTheApplicationReads() {
		for (Path values : List.of(MINIMAL_VALUES, ALL_FEATURES_VALUES)) {
			Set<String> names = render(values).environmentNames();

			assertThat(names).isNotEmpty().isSubsetOf(KNOWN_SETTINGS);
		}
	}

	@Test
	void theSettingsComeFromTheValues() {
		Rendered rendered = render(MINIMAL_VALUES);

		assertThat(rendered.configMapData()).containsEntry("AGORA_BASE_URL", "https://a41.chat.agora.io")
			.containsEntry("AGORA_ORG_NAME", "acme")
			.containsEntry("AGORA_APP_NAME", "push")
			.containsEntry("AGORA_APP_ID", "0123456789abcdef0123456789abcdef")
			.containsEntry("AGORA_TOKEN_MODE", "app-token")
			.containsEntry("SERVER_PORT", "8080")
			.containsEntry("MANAGEMENT_SERVER_PORT", "8081")
			.containsEntry("JAVA_TOOL_OPTIONS", "-XX:+UseSerialGC -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError")
			.doesNotContainKeys("LOGGING_STRUCTURED_FORMAT_CONSOLE",
					"SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI");
		assertThat(rendered.configMapData().values()).doesNotContain("fedcba9876543210fedcba9876543210");
		assertThat(rendered.secretKeyRefs()).containsOnlyKeys("AGORA_APP_CERTIFICATE", "PROXY_SECURITY_JWT_SECRET",
				"AGORA_CLIENT_SECRET");
		assertThat(at(rendered.one("Secret"), "data")).containsOnlyKeys("agora-app-certificate", "proxy-jwt-secret");
	}

	@Test
	void eachPodGetsTheAppKeysBudgetDividedByTheReplicaCount() {
		Map<String, Object> twoReplicas = render(MINIMAL_VALUES).configMapData();
		Map<String, Object> threeReplicas = render(MINIMAL_VALUES, (command) -> command.set("replicaCount", 3))
			.configMapData();

		assertThat(RATE_LIMITS).allSatisfy((name) -> {
			assertThat(twoReplicas).containsEntry(name, "50");
			assertThat(threeReplicas).containsEntry(name, "33");
		});
	}

	@Test
	void everyBudgetOfTheOperationTableIsAChartValueUnderItsCamelCaseName() {
		Map<String, String> overrides = new LinkedHashMap<>();
		int budget = 40;
		for (String name : AgoraOperation.budgets().keySet()) {
			overrides.put(name, String.valueOf(budget));
			budget += 2;
		}
		Map<String, Object> data = render(MINIMAL_VALUES, (command) -> {
			overrides.forEach((name, value) -> command.set("agora.rateLimit.operations." + camelCase(name), value));
			return command;
		}).configMapData();

		assertThat(overrides).allSatisfy((name, value) -> assertThat(data).containsEntry(rateLimitVariable(name),
				String.valueOf(Integer.parseInt(value) / 2)));
	}

	@Test
	void valuesYamlNamesEveryBudgetOfTheOperationTableAsAnOperationsKey() throws IOException {
		String values = Files.readString(CHART.resolve("values.yaml")).replaceAll("\\n *# ?", " ");
		Matcher keys = Pattern.compile("Keys: ([A-Za-z, ]+)\\.").matcher(values);

		assertThat(keys.find()).as("agora.rateLimit.operations' comment lists its keys").isTrue();
		assertThat(keys.group(1).split(", ")).containsExactlyInAnyOrderElementsOf(
				AgoraOperation.budgets().keySet().stream().map(HelmChartTests::camelCase).toList());
	}

	@Test
	void aBulkheadTheValuesSetReachesTheConfigMapAndTheOthersKeepTheApplicationsDefault() {
		Map<String, Object> defaults = render(MINIMAL_VALUES).configMapData();
		Map<String, Object> set = render(MINIMAL_VALUES,
				(command) -> command.set("agora.bulkhead.operations.getPushSettings", 20))
			.configMapData();

		assertThat(defaults.keySet()).noneMatch((name) -> name.startsWith("AGORA_BULKHEAD_"));
		assertThat(set).containsEntry("AGORA_BULKHEAD_GET_PUSH_SETTINGS", "20");
		assertThat(set.keySet().stream().filter((name) -> name.startsWith("AGORA_BULKHEAD_"))).hasSize(1);
	}

	@Test
	void everyOperationOfTheTableIsABulkheadValueUnderItsCamelCaseNameAndNoOtherIs() {
		Map<String, Object> data = render(MINIMAL_VALUES, (command) -> {
			for (AgoraOperation operation : AgoraOperation.values()) {
				command.set("agora.bulkhead.operations." + camelCase(operation.key()), 7);
			}
			return command;
		}).configMapData();

		assertThat(AgoraOperation.values()).allSatisfy((operation) -> assertThat(data)
			.containsEntry("AGORA_BULKHEAD_" + operation.key().toUpperCase(Locale.ROOT).replace('-', '_'), "7"));
		assertThat(catchThrowable(
				() -> render(MINIMAL_VALUES, (command) -> command.set("agora.bulkhead.operations.getUsers", 7))))
			.as("an operation the table does not have")
			.hasMessageContaining("getUsers");
		assertThat(catchThrowable(
				() -> render(MINIMAL_VALUES, (command) -> command.set("agora.bulkhead.operations.getUser", 0))))
			.as("no calls at all")
			.hasMessageContaining("getUser");
	}

	@Test
	void withRedisEveryPodGetsTheWholeBudgetSharedThroughRedis() {
		Rendered rendered = render(MINIMAL_VALUES,
				(command) -> command.set("replicaCount", 3)
					.set("redis.enabled", "true")
					.set("redis.url", "rediss://redis.example.test:6380")
					.set("redis.password", "redis-test-password"));

		assertThat(RATE_LIMITS).allSatisfy((name) -> assertThat(rendered.configMapData()).containsEntry(name, "100"));
		assertThat(rendered.configMapData()).containsEntry("PROXY_RATE_LIMIT_STORE", "redis")
			.containsEntry("SPRING_DATA_REDIS_URL", "rediss://redis.example.test:6380")
			.containsEntry("PROXY_RATE_LIMIT_FALLBACK_REPLICAS", "3");
		assertThat(rendered.configMapData().values()).doesNotContain("redis-test-password");
		assertThat(rendered.secretKeyRefs()).containsKey("SPRING_DATA_REDIS_PASSWORD");
		assertThat(at(rendered.one("Secret"), "data")).containsKey("redis-password");
		assertThat(rendered.environmentNames()).isSubsetOf(KNOWN_SETTINGS);
	}

	@Test
	void withAutoscalingEachPodGetsTheBudgetDividedByTheMostReplicas() {
		Rendered rendered = render(ALL_FEATURES_VALUES);

		// maxReplicas 4: 100 / 4, and the createTemplate override 40 / 4
		assertThat(RATE_LIMITS).allSatisfy((name) -> assertThat(rendered.configMapData()).containsEntry(name,
				name.equals("AGORA_RATE_LIMIT_CREATE_TEMPLATE") ? "10" : "25"));
		assertThat(at(rendered.deployment(), "spec")).doesNotContainKey("replicas");
		assertThat(at(rendered.one("HorizontalPodAutoscaler"), "spec")).containsEntry("maxReplicas", 4);
	}

	@Test
	void aShareBelowTheApplicationsMinimumIsRaisedToTwo() {
		Map<String, Object> data = render(MINIMAL_VALUES, (command) -> command.set("replicaCount", 60)).configMapData();

		assertThat(RATE_LIMITS).allSatisfy((name) -> assertThat(data).containsEntry(name, "2"));
	}

	// Secrets

	@Test
	void withAnExistingSecretNoSecretIsRenderedAndTheEnvironmentReadsThatOne() {
		Rendered rendered = render(MINIMAL_VALUES,
				(command) -> command.set("secrets.existingSecret", "agora-push-proxy-credentials"));

		assertThat(rendered.kinds()).doesNotContain("Secret");
		Map<String, Map<String, Object>> refs = rendered.secretKeyRefs();
		assertThat(refs).containsOnlyKeys("AGORA_APP_CERTIFICATE", "PROXY_SECURITY_JWT_SECRET", "AGORA_CLIENT_SECRET");
		assertThat(refs.values())
			.allSatisfy((ref) -> assertThat(ref).containsEntry("name", "agora-push-proxy-credentials"));
		assertThat(refs.get("AGORA_APP_CERTIFICATE")).containsEntry("key", "agora-app-certificate");
		assertThat(refs.get("PROXY_SECURITY_JWT_SECRET")).containsEntry("key", "proxy-jwt-secret");
		assertThat(refs.get("AGORA_CLIENT_SECRET")).containsEntry("key", "agora-client-secret")
			.containsEntry("optional", true);
	}

	@Test
	void withAJwkSetTheJwtSecretIsNotGivenToThePods() {
		Rendered rendered = render(ALL_FEATURES_VALUES);

		assertThat(rendered.secretKeyRefs()).doesNotContainKey("PROXY_SECURITY_JWT_SECRET");
		assertThat(rendered.configMapData())
			.containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI",
					"https://issuer.example.com/.well-known/jwks.json")
			.containsEntry("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");
	}

	// Caller tokens

	@Test
	void theJwtAudienceAndMaximumAgeReachThePodsInBothVerificationModes() {
		for (Path values : List.of(MINIMAL_VALUES, ALL_FEATURES_VALUES)) {
			Map<String, Object> data = render(values,
					(command) -> command.set("security.jwtAudience", "push-proxy").set("security.jwtMaxAge", "1h"))
				.configMapData();

			assertThat(data).as(values.getFileName().toString())
				.containsEntry("PROXY_SECURITY_JWT_AUDIENCE", "push-proxy")
				.containsEntry("PROXY_SECURITY_JWT_MAX_AGE", "1h");
		}
		assertThat(render(MINIMAL_VALUES, (command) -> command.set("security.jwtAudience", "")).configMapData())
			.doesNotContainKeys("PROXY_SECURITY_JWT_AUDIENCE", "PROXY_SECURITY_JWT_MAX_AGE");
	}

	@Test
	void aMaximumTokenAgeThatIsNoDurationIsRefused() {
		Throwable failure = catchThrowable(
				() -> render(MINIMAL_VALUES, (command) -> command.set("security.jwtMaxAge", "an hour")));

		assertThat(failure).isNotNull().hasMessageContaining("jwtMaxAge");
	}

	// Plain http

	@Test
	void aPlainHttpUrlIsRefusedUnlessInsecureHttpIsAllowed() {
		Throwable agora = catchThrowable(
				() -> render(MINIMAL_VALUES, (command) -> command.set("agora.baseUrl", "http://a41.chat.agora.io")));
		Throwable jwkSet = catchThrowable(() -> render(MINIMAL_VALUES,
				(command) -> command.set("security.jwkSetUri", "http://issuer.example.com/jwks.json")));
		Map<String, Object> allowed = render(MINIMAL_VALUES,
				(command) -> command.set("agora.baseUrl", "http://agora-emulator:8080")
					.set("allowInsecureHttp", "true"))
			.configMapData();

		assertThat(agora).isNotNull().hasMessageContaining("agora.baseUrl must be an https URL");
		assertThat(jwkSet).isNotNull().hasMessageContaining("security.jwkSetUri must be an https URL");
		assertThat(allowed).containsEntry("AGORA_BASE_URL", "http://agora-emulator:8080")
			.containsEntry("PROXY_ALLOW_INSECURE_HTTP", "true");
		assertThat(render(MINIMAL_VALUES).configMapData()).doesNotContainKey("PROXY_ALLOW_INSECURE_HTTP");
	}

	// Required values

	@Test
	void renderingWithoutTheAgoraBaseUrlFailsNamingIt() {
		Throwable failure = catchThrowable(() -> render(MINIMAL_VALUES, (command) -> command.set("agora.baseUrl", "")));

		assertThat(failure).isNotNull().hasMessageContaining("agora.baseUrl is required");
	}

	@Test
	void renderingWithoutAnySecretFailsNamingTheChoice() {
		Throwable failure = catchThrowable(
				() -> render(MINIMAL_VALUES, (command) -> command.set("secrets.appCertificate", "")));

		assertThat(failure).isNotNull()
			.hasMessageContaining("secrets.appCertificate (32 hex characters) or secrets.existingSecret is required");
	}

	// Optional objects

	@Test
	void theNetworkPolicyAdmitsCallersMonitoringAndTheTestAndLetsOutOnlyDnsAndAgora() {
		Map<String, Object> spec = at(render(ALL_FEATURES_VALUES).one("NetworkPolicy"), "spec");

		assertThat(list(spec.get("policyTypes"))).containsExactlyInAnyOrder("Ingress", "Egress");
		List<Map<String, Object>> ingress = maps(spec.get("ingress"));
		assertThat(ingress).extracting((rule) -> ports(rule)).containsExactly(List.of("8080/TCP"), List.of("8081/TCP"));
		assertThat(maps(ingress.get(0).get("from"))).isNotEmpty();
		assertThat(maps(ingress.get(1).get("from")))
			.anySatisfy((peer) -> assertThat(at(peer, "namespaceSelector", "matchLabels"))
				.containsEntry("kubernetes.io/metadata.name", "monitoring"));
		List<Map<String, Object>> egress = maps(spec.get("egress"));
		assertThat(egress).extracting((rule) -> ports(rule))
			.containsExactly(List.of("53/UDP", "53/TCP"), List.of("443/TCP"));
	}

	@Test
	void theNetworkPolicyIsOnByDefaultAndAdmitsOnlyMonitoringAndTheTestToTheManagementPort() {
		Rendered rendered = render(MINIMAL_VALUES);

		Map<String, Object> spec = at(rendered.one("NetworkPolicy"), "spec");
		assertThat(at(spec, "podSelector", "matchLabels"))
			.isEqualTo(at(rendered.deployment(), "spec", "selector", "matchLabels"));
		assertThat(list(spec.get("policyTypes"))).containsExactlyInAnyOrder("Ingress", "Egress");
		List<Map<String, Object>> ingress = maps(spec.get("ingress"));
		assertThat(ingress).extracting((rule) -> ports(rule)).containsExactly(List.of("8080/TCP"), List.of("8081/TCP"));
		List<Map<String, Object>> managementPeers = maps(ingress.get(1).get("from"));
		assertThat(managementPeers).hasSize(2);
		assertThat(at(managementPeers.get(0), "namespaceSelector", "matchLabels"))
			.containsEntry("kubernetes.io/metadata.name", "monitoring");
		assertThat(at(managementPeers.get(1), "podSelector", "matchLabels"))
			.containsEntry("app.kubernetes.io/instance", RELEASE)
			.containsEntry("app.kubernetes.io/component", "helm-test");
		assertThat(maps(spec.get("egress"))).extracting((rule) -> ports(rule))
			.containsExactly(List.of("53/UDP", "53/TCP"), List.of("443/TCP"));
	}

	@Test
	void switchingTheNetworkPolicyOffRendersNone() {
		Rendered rendered = render(MINIMAL_VALUES, (command) -> command.set("networkPolicy.enabled", "false"));

		assertThat(rendered.kinds()).doesNotContain("NetworkPolicy");
	}

	@Test
	void withRedisTheNetworkPolicyLetsPodsReachThePortOfTheRedisUrl() {
		List<Map<String, Object>> egress = egress(
				render(MINIMAL_VALUES, (command) -> command.set("redis.enabled", "true")
					.set("redis.url", "rediss://redis.example.test:6380")));

		assertThat(egress).extracting((rule) -> ports(rule))
			.containsExactly(List.of("53/UDP", "53/TCP"), List.of("443/TCP"), List.of("6380/TCP"));
		assertThat(egress.get(2)).doesNotContainKey("to");
	}

	@Test
	void withRedisAtAUrlWithoutPortTheNetworkPolicyLetsPodsReachTheDefaultPort() {
		for (String url : List.of("redis://redis", "redis://:secret@redis.redis.svc/0", "rediss://user:pw@[::1]")) {
			List<Map<String, Object>> egress = egress(
					render(MINIMAL_VALUES, (command) -> command.set("redis.enabled", "true").set("redis.url", url)));

			assertThat(egress).as(url).extracting((rule) -> ports(rule)).last().isEqualTo(List.of("6379/TCP"));
		}
	}

	@Test
	void withRedisTheNetworkPolicyTakesTheListedRedisPortsAndPeers() {
		List<Map<String, Object>> egress = egress(render(MINIMAL_VALUES, (command) -> command
			.set("redis.enabled", "true")
			.set("redis.url", "redis://redis-sentinel:26379")
			.set("networkPolicy.egress.redisPorts[0]", 6379)
			.set("networkPolicy.egress.redisPorts[1]", 26379)
			.set("networkPolicy.egress.redisTo[0].namespaceSelector.matchLabels.kubernetes\\.io/metadata\\.name",
					"redis")));

		Map<String, Object> redis = egress.get(egress.size() - 1);
		assertThat(ports(redis)).containsExactly("6379/TCP", "26379/TCP");
		assertThat(at(maps(redis.get("to")).get(0), "namespaceSelector", "matchLabels"))
			.containsEntry("kubernetes.io/metadata.name", "redis");
	}

	@Test
	void theApiServiceCarriesOnlyTheApiPortAndTheManagementPortHasItsOwnClusterIpService() {
		for (Path values : List.of(MINIMAL_VALUES, ALL_FEATURES_VALUES)) {
			Rendered rendered = render(values);

			Map<String, Object> api = at(rendered.service(FULL_NAME), "spec");
			assertThat(maps(api.get("ports")))
				.extracting((port) -> port.get("name"), (port) -> port.get("port"), (port) -> port.get("targetPort"))
				.containsExactly(tuple("http", 8080, "http"));
			Map<String, Object> management = at(rendered.service(MANAGEMENT_SERVICE), "spec");
			assertThat(management).containsEntry("type", "ClusterIP");
			assertThat(maps(management.get("ports")))
				.extracting((port) -> port.get("name"), (port) -> port.get("port"), (port) -> port.get("targetPort"))
				.containsExactly(tuple("management", 8081, "management"));
			assertThat(at(management, "selector")).isEqualTo(at(api, "selector"));
		}
	}

	@Test
	void exposingTheApiServiceLeavesTheManagementServiceClusterInternal() {
		Rendered rendered = render(MINIMAL_VALUES,
				(command) -> command.set("service.type", "LoadBalancer").set("managementService.port", 9090));

		assertThat(at(rendered.service(FULL_NAME), "spec")).containsEntry("type", "LoadBalancer");
		Map<String, Object> management = at(rendered.service(MANAGEMENT_SERVICE), "spec");
		assertThat(management).containsEntry("type", "ClusterIP");
		assertThat(maps(management.get("ports"))).extracting((port) -> port.get("port")).containsExactly(9090);
	}

	@Test
	void theOldManagementPortOfTheApiServiceIsRefused() {
		Throwable failure = catchThrowable(
				() -> render(MINIMAL_VALUES, (command) -> command.set("service.managementPort", 8081)));

		assertThat(failure).isNotNull().hasMessageContaining("managementPort");
	}

	@Test
	void theServiceMonitorScrapesPrometheusMetricsOnTheManagementPort() {
		Rendered rendered = render(ALL_FEATURES_VALUES);

		Map<String, Object> monitor = rendered.one("ServiceMonitor");
		assertThat(monitor).containsEntry("apiVersion", "monitoring.coreos.com/v1");
		assertThat(map(list(at(monitor, "spec").get("endpoints")).get(0))).containsEntry("port", "management")
			.containsEntry("path", "/actuator/prometheus");
		// It selects the management Service, and only that one.
		Map<String, Object> selector = at(monitor, "spec", "selector", "matchLabels");
		assertThat(selector).containsAllEntriesOf(at(rendered.deployment(), "spec", "selector", "matchLabels"));
		assertThat(at(rendered.service(MANAGEMENT_SERVICE), "metadata", "labels").entrySet())
			.containsAll(selector.entrySet());
		assertThat(at(rendered.service(FULL_NAME), "metadata", "labels").entrySet().containsAll(selector.entrySet()))
			.as("the ServiceMonitor selector %s matches the API Service", selector)
			.isFalse();
		assertThat(maps(at(rendered.service(MANAGEMENT_SERVICE), "spec").get("ports")))
			.extracting((port) -> port.get("name"))
			.containsExactly("management");
	}

	@Test
	void theIngressRoutesOnlyTheApiPort() {
		Map<String, Object> spec = at(render(ALL_FEATURES_VALUES).one("Ingress"), "spec");

		List<Object> backends = maps(spec.get("rules")).stream()
			.flatMap((rule) -> maps(at(rule, "http").get("paths")).stream())
			.map((path) -> at(path, "backend", "service", "port").get("name"))
			.toList();
		assertThat(backends).isNotEmpty().containsOnly("http");
	}

	// Conventions

	@Test
	void replicasSpreadSoftlyAcrossZonesThenNodesByDefault() {
		List<Map<String, Object>> spread = maps(render(MINIMAL_VALUES).podSpec().get("topologySpreadConstraints"));

		assertThat(spread)
			.extracting((constraint) -> constraint.get("topologyKey"),
					(constraint) -> constraint.get("whenUnsatisfiable"), (constraint) -> constraint.get("maxSkew"))
			.containsExactly(tuple("topology.kubernetes.io/zone", "ScheduleAnyway", 1),
					tuple("kubernetes.io/hostname", "ScheduleAnyway", 1));
		assertThat(spread).allSatisfy((constraint) -> assertThat(at(constraint, "labelSelector", "matchLabels"))
			.containsEntry("app.kubernetes.io/name", "agora-push-proxy")
			.containsEntry("app.kubernetes.io/instance", RELEASE));
	}

	@Test
	void ownTopologySpreadConstraintsReplaceTheDefaultAndTheDefaultCanBeSwitchedOff() {
		Map<String, Object> own = render(MINIMAL_VALUES,
				(command) -> command.set("topologySpreadConstraints[0].maxSkew", 2)
					.set("topologySpreadConstraints[0].topologyKey", "kubernetes.io/hostname")
					.set("topologySpreadConstraints[0].whenUnsatisfiable", "DoNotSchedule"))
			.podSpec();
		Map<String, Object> off = render(MINIMAL_VALUES, (command) -> command.set("topologySpread.enabled", false))
			.podSpec();

		assertThat(maps(own.get("topologySpreadConstraints"))).singleElement()
			.satisfies((constraint) -> assertThat(constraint).containsEntry("whenUnsatisfiable", "DoNotSchedule"));
		assertThat(off).doesNotContainKey("topologySpreadConstraints");
	}

	@Test
	void everyObjectAndThePodsNameTheirComponent() {
		Rendered rendered = render(ALL_FEATURES_VALUES);

		assertThat(rendered.objects()).allSatisfy((object) -> assertThat(at(object, "metadata", "labels"))
			.as("%s %s", object.get("kind"), at(object, "metadata").get("name"))
			.containsKey("app.kubernetes.io/component"));
		assertThat(at(rendered.deployment(), "spec", "template", "metadata", "labels"))
			.containsEntry("app.kubernetes.io/component", "proxy");
		assertThat(at(rendered.service(FULL_NAME), "metadata", "labels")).containsEntry("app.kubernetes.io/component",
				"api");
		assertThat(at(rendered.service(MANAGEMENT_SERVICE), "metadata", "labels"))
			.containsEntry("app.kubernetes.io/component", "management");
	}

	@Test
	void theChartReadmeIsGeneratedFromTheCurrentValuesComments() throws IOException {
		String generated = ChartReadme.generate(CHART);
		Path readme = CHART.resolve("README.md");
		if (Boolean.getBoolean("chart.readme.write")) {
			Files.writeString(readme, generated);
		}

		assertThat(Files.exists(readme) ? Files.readString(readme) : "")
			.as("helm/agora-push-proxy/README.md is stale: run ./mvnw test -Dtest=HelmChartTests -Dchart.readme.write=true")
			.isEqualTo(generated);
	}

	// helm test

	@Test
	void aHelmTestPodChecksReadinessThroughTheServiceUnderTheSameRestrictions(@TempDir Path workDir)
			throws IOException {
		Rendered rendered = render(MINIMAL_VALUES);
		List<Map<String, Object>> hooks = renderTestHooks(workDir, MINIMAL_VALUES);

		assertThat(hooks).hasSize(1);
		Map<String, Object> pod = hooks.get(0);
		assertThat(pod).containsEntry("kind", "Pod");
		assertThat(at(pod, "metadata", "annotations")).containsEntry("helm.sh/hook", "test");
		Map<String, Object> spec = at(pod, "spec");
		assertThat(spec).containsEntry("restartPolicy", "Never").containsEntry("automountServiceAccountToken", false);
		Map<String, Object> container = map(list(spec.get("containers")).get(0));
		assertThat(String.join(" ", list(container.get("command")).stream().map(String::valueOf).toList()))
			.contains("http://" + MANAGEMENT_SERVICE + ":8081/actuator/health/readiness")
			.contains("test \"$code\" = 200");
		assertThat(at(container, "securityContext")).containsEntry("readOnlyRootFilesystem", true)
			.containsEntry("allowPrivilegeEscalation", false)
			.containsEntry("runAsNonRoot", true);
		assertThat(list(at(container, "securityContext", "capabilities").get("drop"))).containsExactly("ALL");
		assertThat(at(spec, "securityContext", "seccompProfile")).containsEntry("type", "RuntimeDefault");
		assertThat(at(container, "resources")).containsKeys("requests", "limits");
		// The Service must never send traffic to the test pod.
		Map<String, Object> selector = at(rendered.service(FULL_NAME), "spec", "selector");
		assertThat(at(pod, "metadata", "labels").entrySet().containsAll(selector.entrySet()))
			.as("the test pod's labels match the Service selector %s", selector)
			.isFalse();
	}

	@Test
	void theInstallNotesListEachPodsShareOfTheBudget() {
		String twoReplicas = new Helm(CHART).install()
			.withName(RELEASE)
			.withNamespace("push")
			.withValuesFile(MINIMAL_VALUES)
			.dryRun()
			.clientOnly()
			.call()
			.getOutput();
		String sixtyReplicas = new Helm(CHART).install()
			.withName(RELEASE)
			.withNamespace("push")
			.withValuesFile(MINIMAL_VALUES)
			.set("replicaCount", 60)
			.dryRun()
			.clientOnly()
			.call()
			.getOutput();

		assertThat(twoReplicas).contains("getLanguage: 50/s per pod").doesNotContain("WARNING");
		assertThat(sixtyReplicas).contains("getLanguage: 2/s per pod").contains("WARNING");
	}

	@Test
	void theInstallNotesWarnWhenNoAudienceIsSet() {
		String withoutAudience = new Helm(CHART).install()
			.withName(RELEASE)
			.withNamespace("push")
			.withValuesFile(MINIMAL_VALUES)
			.set("security.jwtAudience", "")
			.dryRun()
			.clientOnly()
			.call()
			.getOutput();

		assertThat(withoutAudience).contains("WARNING: security.jwtAudience is empty");
	}

	@Test
	void everySettingTheServiceReadsCanBeSetThroughTheChart() {
		Set<String> settable = new TreeSet<>(render(MINIMAL_VALUES).environmentNames());
		settable.addAll(render(ALL_FEATURES_VALUES).environmentNames());
		settable.addAll(render(MINIMAL_VALUES,
				(command) -> command.set("redis.enabled", "true")
					.set("redis.url", "rediss://redis.example.test:6380")
					.set("agora.tokenMode", "client-credentials")
					.set("agora.clientId", "client")
					.set("secrets.clientSecret", "client-secret")
					.set("security.issuerUri", "https://issuer.example.com")
					.set("security.jwtIssuer", "https://issuer.example.com")
					.set("tracing.otlpEndpoint", "http://otel-collector:4318/v1/traces")
					.set("allowInsecureHttp", "true"))
			.environmentNames());
		settable.addAll(render(MINIMAL_VALUES, (command) -> {
			for (AgoraOperation operation : AgoraOperation.values()) {
				command.set("agora.bulkhead.operations." + camelCase(operation.key()), 10);
			}
			return command;
		}).environmentNames());

		assertThat(settable).containsAll(KNOWN_SETTINGS);
	}

	@Test
	void extraEnvAndExtraEnvFromReachTheContainerAfterTheChartsOwn() {
		Map<String, Object> container = render(MINIMAL_VALUES,
				(command) -> command.set("extraEnv[0].name", "PROXY_CACHE_TTL")
					.set("extraEnv[0].value", "PT5S")
					.set("extraEnvFrom[0].secretRef.name", "more-settings"))
			.container();

		List<Map<String, Object>> env = maps(container.get("env"));
		assertThat(env.get(env.size() - 1)).containsEntry("name", "PROXY_CACHE_TTL").containsEntry("value", "PT5S");
		List<Map<String, Object>> sources = maps(container.get("envFrom"));
		assertThat(sources).hasSize(2);
		assertThat(at(sources.get(1), "secretRef")).containsEntry("name", "more-settings");
	}

	@Test
	void theInstallNotesNameTheManagementServiceAndWhatTheNetworkPolicyAdmits() {
		String withRedis = new Helm(CHART).install()
			.withName(RELEASE)
			.withNamespace("push")
			.withValuesFile(MINIMAL_VALUES)
			.set("redis.enabled", "true")
			.set("redis.url", "rediss://redis.example.test:6380")
			.dryRun()
			.clientOnly()
			.call()
			.getOutput();
		String withoutPolicy = new Helm(CHART).install()
			.withName(RELEASE)
			.withNamespace("push")
			.withValuesFile(MINIMAL_VALUES)
			.set("networkPolicy.enabled", "false")
			.dryRun()
			.clientOnly()
			.call()
			.getOutput();

		assertThat(withRedis).contains("port-forward svc/" + MANAGEMENT_SERVICE + " 8081:8081")
			.contains("Egress: DNS, Agora on 443, Redis on 6380.")
			.doesNotContain("WARNING");
		assertThat(withoutPolicy).contains("WARNING: networkPolicy.enabled is false");
	}

	// Rendering

	private static String rateLimitVariable(String budget) {
		return "AGORA_RATE_LIMIT_" + budget.toUpperCase(Locale.ROOT).replace('-', '_');
	}

	private static String camelCase(String kebab) {
		StringBuilder name = new StringBuilder();
		for (String part : kebab.split("-")) {
			name.append(name.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
		}
		return name.toString();
	}

	private static Rendered render(Path values) {
		return render(values, UnaryOperator.identity());
	}

	private static Rendered render(Path values, UnaryOperator<TemplateCommand> customizer) {
		TemplateCommand command = new Helm(CHART).template()
			.withName(RELEASE)
			.withNamespace("push")
			.withValuesFile(values);
		String yaml = customizer.apply(command).call();
		List<Map<String, Object>> objects = new ArrayList<>();
		for (Object document : new Yaml().loadAll(yaml)) {
			if (document != null) {
				objects.add(map(document));
			}
		}
		return new Rendered(objects);
	}

	/**
	 * The rendered `helm test` hooks. helm-java's template leaves hooks out (unlike the
	 * Helm CLI), so a copy of the chart gets one extra template that renders each file
	 * under templates/tests into a ConfigMap, whose data is then parsed back.
	 */
	private static List<Map<String, Object>> renderTestHooks(Path workDir, Path values) throws IOException {
		Path copy = copyChart(workDir);
		List<String> tests;
		try (Stream<Path> files = Files.list(copy.resolve("templates/tests"))) {
			tests = files.map((file) -> file.getFileName().toString()).sorted().toList();
		}
		StringBuilder template = new StringBuilder("""
				apiVersion: v1
				kind: ConfigMap
				metadata:
				  name: rendered-test-hooks
				data:
				""");
		for (String test : tests) {
			template.append("  ")
				.append(test)
				.append(": {{ include (print $.Template.BasePath \"/tests/")
				.append(test)
				.append("\") . | quote }}\n");
		}
		Files.writeString(copy.resolve("templates/rendered-test-hooks.yaml"), template);
		String yaml = new Helm(copy).template().withName(RELEASE).withNamespace("push").withValuesFile(values).call();
		List<Map<String, Object>> hooks = new ArrayList<>();
		for (Object document : new Yaml().loadAll(yaml)) {
			if (document != null && "rendered-test-hooks".equals(at(map(document), "metadata").get("name"))) {
				for (Object rendered : at(map(document), "data").values()) {
					for (Object hook : new Yaml().loadAll((String) rendered)) {
						if (hook != null) {
							hooks.add(map(hook));
						}
					}
				}
			}
		}
		return hooks;
	}

	private record Rendered(List<Map<String, Object>> objects) {

		List<String> kinds() {
			return this.objects.stream().map((object) -> (String) object.get("kind")).toList();
		}

		Map<String, Object> one(String kind) {
			List<Map<String, Object>> matching = this.objects.stream()
				.filter((object) -> kind.equals(object.get("kind")))
				.toList();
			assertThat(matching).as("objects of kind %s", kind).hasSize(1);
			return matching.get(0);
		}

		Map<String, Object> service(String name) {
			List<Map<String, Object>> matching = this.objects.stream()
				.filter((object) -> "Service".equals(object.get("kind"))
						&& name.equals(at(object, "metadata").get("name")))
				.toList();
			assertThat(matching).as("Services named %s", name).hasSize(1);
			return matching.get(0);
		}

		Map<String, Object> deployment() {
			return one("Deployment");
		}

		Map<String, Object> podSpec() {
			return at(deployment(), "spec", "template", "spec");
		}

		Map<String, Object> podAnnotations() {
			return at(deployment(), "spec", "template", "metadata", "annotations");
		}

		Map<String, Object> container() {
			List<Object> containers = list(podSpec().get("containers"));
			assertThat(containers).hasSize(1);
			return map(containers.get(0));
		}

		Map<String, Object> configMapData() {
			return at(this.objects.stream()
				.filter((object) -> "ConfigMap".equals(object.get("kind"))
						&& FULL_NAME.equals(at(object, "metadata").get("name")))
				.findFirst()
				.orElseThrow(), "data");
		}

		/**
		 * Names set by env, and the keys of every ConfigMap or Secret the container loads
		 * whole.
		 */
		Set<String> environmentNames() {
			Map<String, Object> container = container();
			Set<String> names = new TreeSet<>();
			maps(container.get("env")).forEach((variable) -> names.add((String) variable.get("name")));
			for (Map<String, Object> source : maps(container.get("envFrom"))) {
				assertThat(source).as("envFrom loads only the chart's ConfigMap").containsOnlyKeys("configMapRef");
				String name = (String) at(source, "configMapRef").get("name");
				Map<String, Object> configMap = this.objects.stream()
					.filter((object) -> "ConfigMap".equals(object.get("kind"))
							&& name.equals(at(object, "metadata").get("name")))
					.findFirst()
					.orElseThrow(() -> new AssertionError("envFrom names ConfigMap " + name + ", not rendered"));
				names.addAll(at(configMap, "data").keySet());
			}
			return names;
		}

		/** The secretKeyRef of each variable that has one, by variable name. */
		Map<String, Map<String, Object>> secretKeyRefs() {
			return maps(container().get("env")).stream()
				.filter((variable) -> variable.get("valueFrom") != null
						&& map(variable.get("valueFrom")).containsKey("secretKeyRef"))
				.collect(Collectors.toMap((variable) -> (String) variable.get("name"),
						(variable) -> at(variable, "valueFrom", "secretKeyRef"), (a, b) -> a, LinkedHashMap::new));
		}

	}

	// Lint helpers

	private static Path copyChart(Path workDir) throws IOException {
		Path copy = workDir.resolve("agora-push-proxy");
		try (Stream<Path> files = Files.walk(CHART)) {
			files.forEach((source) -> {
				try {
					Files.copy(source, copy.resolve(CHART.relativize(source).toString()));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		return copy;
	}

	@SuppressWarnings("unchecked")
	private static void deepMerge(Map<String, Object> target, Map<String, Object> overrides) {
		overrides.forEach((key, value) -> {
			if (value instanceof Map && target.get(key) instanceof Map) {
				deepMerge((Map<String, Object>) target.get(key), (Map<String, Object>) value);
			}
			else {
				target.put(key, value);
			}
		});
	}

	// YAML navigation

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		assertThat(value).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Object value) {
		assertThat(value).isInstanceOf(List.class);
		return (List<Object>) value;
	}

	private static List<Map<String, Object>> maps(Object value) {
		return (value != null) ? list(value).stream().map(HelmChartTests::map).toList() : List.of();
	}

	private static Map<String, Object> at(Map<String, Object> root, String... keys) {
		Map<String, Object> current = root;
		for (String key : keys) {
			Object next = current.get(key);
			assertThat(next).as("%s in %s", key, current.keySet()).isNotNull();
			current = map(next);
		}
		return current;
	}

	private static List<Map<String, Object>> egress(Rendered rendered) {
		return maps(at(rendered.one("NetworkPolicy"), "spec").get("egress"));
	}

	private static List<String> ports(Map<String, Object> rule) {
		return maps(rule.get("ports")).stream()
			.map((port) -> port.get("port") + "/" + Objects.requireNonNullElse(port.get("protocol"), "TCP"))
			.toList();
	}

}
