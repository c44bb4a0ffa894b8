package io.pushproxy.observability;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.marcnuri.helm.Helm;
import io.pushproxy.support.ApiClient;
import io.pushproxy.support.TestJwts;
import io.pushproxy.support.WireMockProxyTest;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalManagementPort;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static io.pushproxy.support.TestApp.PREFIX;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart's alerts and dashboard only use metrics the application exports: after some
 * traffic, every metric name in a PrometheusRule expression or a dashboard query must be
 * on {@code /actuator/prometheus}. A renamed or dropped metric fails here, not in an
 * operator's silent alert.
 */
class MonitoringContractTests extends WireMockProxyTest {

	private static final Pattern LABEL_MATCHERS = Pattern.compile("\\{[^}]*}");

	private static final Pattern GROUPING = Pattern
		.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");

	private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w$])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()");

	private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan");

	@LocalManagementPort
	int managementPort;

	@Test
	void everyMetricTheAlertsAndTheDashboardUseIsExported() {
		traffic();
		Set<String> exported = exportedMetricNames();
		Map<String, List<String>> queries = chartQueries();

		assertThat(queries.get("alerts")).as("alert expressions").hasSizeGreaterThanOrEqualTo(6);
		assertThat(queries.get("dashboard")).as("dashboard queries").hasSizeGreaterThanOrEqualTo(9);
		queries.forEach((source,
				expressions) -> expressions.forEach((expression) -> assertThat(exported)
					.as("%s query %s uses metrics the application does not export", source, expression)
					.containsAll(metricNames(expression))));
	}

	@Test
	void theMetricNameExtractionFindsMetricsAndNothingElse() {
		assertThat(metricNames("sum by (pod, le) (rate(a_b_count{x=\"y\", z=~\"5..\"}[5m])) / max(c_d) > 0.5"))
			.containsExactlyInAnyOrder("a_b_count", "c_d");
		assertThat(metricNames(
				"histogram_quantile(0.99, sum by (le) (rate(http_bucket{s=\"$service\"}[$__rate_interval])))"))
			.containsExactly("http_bucket");
	}

	private void traffic() {
		upstream.stubFor(get(PREFIX + "/users/alice/notification/language")
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody("{\"data\":{\"language\":\"en\"}}")));
		upstream.stubFor(get(PREFIX + "/users/bob/notification/language").willReturn(aResponse().withStatus(503)));
		this.api.get("/v1/users/alice/push/language", TestJwts.user("alice"));
		this.api.get("/v1/users/bob/push/language", TestJwts.user("bob"));
		this.api.get("/v1/users/alice/push/language", null);
	}

	private Set<String> exportedMetricNames() {
		String body = new ApiClient(this.managementPort).get("/actuator/prometheus", null).body();
		Set<String> names = new TreeSet<>();
		body.lines().filter((line) -> !line.isBlank() && !line.startsWith("#")).forEach((line) -> {
			Matcher name = Pattern.compile("^[a-zA-Z_:][a-zA-Z0-9_:]*").matcher(line);
			if (name.find()) {
				names.add(name.group());
			}
		});
		return names;
	}

	private static Map<String, List<String>> chartQueries() {
		String yaml = new Helm(Path.of("helm/agora-push-proxy").toAbsolutePath()).template()
			.withName("push")
			.withNamespace("push")
			.withValuesFile(Path.of("src/test/resources/helm/minimal-values.yaml").toAbsolutePath())
			.set("prometheusRule.enabled", true)
			.set("grafanaDashboard.enabled", true)
			.set("redis.enabled", true)
			.set("redis.url", "redis://redis:6379")
			.call();
		List<String> alerts = new ArrayList<>();
		List<String> dashboard = new ArrayList<>();
		for (Object document : new Yaml().loadAll(yaml)) {
			if (!(document instanceof Map<?, ?> object)) {
				continue;
			}
			if ("PrometheusRule".equals(object.get("kind"))) {
				for (Object group : (List<?>) ((Map<?, ?>) object.get("spec")).get("groups")) {
					for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
						alerts.add((String) ((Map<?, ?>) rule).get("expr"));
					}
				}
			}
			if ("ConfigMap".equals(object.get("kind"))
					&& ((Map<?, ?>) object.get("data")).containsKey("agora-push-proxy.json")) {
				JsonNode json = JsonMapper.builder()
					.build()
					.readTree((String) ((Map<?, ?>) object.get("data")).get("agora-push-proxy.json"));
				for (JsonNode panel : json.get("panels")) {
					for (JsonNode target : panel.get("targets")) {
						dashboard.add(target.get("expr").asString());
					}
				}
				for (JsonNode variable : json.get("templating").get("list")) {
					Matcher labelValues = Pattern.compile("label_values\\(([a-zA-Z_:][a-zA-Z0-9_:]*)")
						.matcher(variable.path("query").asString(""));
					if (labelValues.find()) {
						dashboard.add(labelValues.group(1));
					}
				}
			}
		}
		return Map.of("alerts", alerts, "dashboard", dashboard);
	}

	static Set<String> metricNames(String expression) {
		String stripped = LABEL_MATCHERS.matcher(expression).replaceAll(" ");
		stripped = GROUPING.matcher(stripped).replaceAll(" ");
		stripped = stripped.replaceAll("\\[[^]]*]", " ").replaceAll("\"[^\"]*\"", " ");
		Set<String> names = new TreeSet<>();
		Matcher identifier = IDENTIFIER.matcher(stripped);
		while (identifier.find()) {
			String name = identifier.group(1);
			if (!KEYWORDS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
				names.add(name);
			}
		}
		return names;
	}

}
