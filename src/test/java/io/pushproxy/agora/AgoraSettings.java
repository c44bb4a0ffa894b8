package io.pushproxy.agora;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.pushproxy.support.TestApp;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * {@code agora.*} settings as the application binds them, for tests that build the
 * gateway's parts by hand: the test app's App Key and credentials, the defaults, and the
 * settings given as {@code name=value}.
 */
final class AgoraSettings {

	private AgoraSettings() {
	}

	static AgoraProperties properties(String... settings) {
		return new Binder(source(settings)).bindOrCreate("agora", AgoraProperties.class);
	}

	static RateLimits rateLimits(String... settings) {
		MapConfigurationPropertySource source = source(settings);
		return RateLimits.bind(new Binder(source), List.of(source));
	}

	/**
	 * The budgets of these settings and the rate limits of the table, as the app has
	 * them.
	 */
	static io.pushproxy.resilience.BudgetSettings budgets(String... settings) {
		return AgoraResilienceConfiguration.budgetsOf(properties(settings), rateLimits(settings));
	}

	/**
	 * The bulkheads of these settings, as the app has them, counted in a registry of
	 * their own.
	 */
	static io.pushproxy.resilience.OperationBulkheads bulkheads(String... settings) {
		MapConfigurationPropertySource source = source(settings);
		AgoraProperties agora = properties(settings);
		BulkheadLimits limits = BulkheadLimits.bind(new Binder(source), List.of(source), rateLimits(settings),
				agora.http().readTimeout());
		return new io.pushproxy.resilience.OperationBulkheads(
				io.github.resilience4j.bulkhead.BulkheadRegistry.ofDefaults(), limits.maxInFlight(),
				agora.http().readTimeout(), new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
	}

	private static MapConfigurationPropertySource source(String... settings) {
		Map<String, String> all = new LinkedHashMap<>();
		all.put("agora.base-url", "http://127.0.0.1:9");
		all.put("agora.org-name", TestApp.ORG);
		all.put("agora.app-name", TestApp.APP);
		all.put("agora.app-id", TestApp.APP_ID);
		all.put("agora.app-certificate", TestApp.APP_CERTIFICATE);
		for (String setting : settings) {
			all.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
		}
		return new MapConfigurationPropertySource(all);
	}

}
