package io.pushproxy.support;

/** The App Key and credentials every test and the local sandbox use. */
public final class TestApp {

	public static final String ORG = "testorg";

	public static final String APP = "testapp";

	public static final String APP_ID = "970CA35de60c44645bbae8a215061b33";

	public static final String APP_CERTIFICATE = "5CFd2fd1755d40ecb72977518be15d3b";

	/**
	 * A caller quota no test reaches: most tests send one user's requests far faster than
	 * the production quota (5/s, burst 20) allows. The tests of the quota set their own.
	 */
	public static final String UNLIMITED_CALLER = "100000";

	/** {@link #UNLIMITED_CALLER} as {@code @SpringBootTest} properties. */
	public static final String UNLIMITED_CALLER_RATE = "proxy.caller-limit.rate=" + UNLIMITED_CALLER;

	/** The burst that goes with {@link #UNLIMITED_CALLER_RATE}. */
	public static final String UNLIMITED_CALLER_BURST = "proxy.caller-limit.burst=" + UNLIMITED_CALLER;

	/** The upstream path prefix {@code /{org}/{app}}. */
	public static final String PREFIX = "/" + ORG + "/" + APP;

	private TestApp() {
	}

	/**
	 * Settings as command-line arguments, which outrank {@code application.yml} (unlike
	 * {@code SpringApplicationBuilder.properties}, which are mere defaults).
	 */
	public static String[] arguments(java.util.Map<String, ?> settings) {
		return settings.entrySet().stream().map((e) -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
	}

	/**
	 * What a proxy on random ports needs to start against {@code agoraBaseUrl}: this App
	 * Key and the test callers' secret; a mutable map to add to.
	 */
	public static java.util.Map<String, Object> settings(String agoraBaseUrl) {
		java.util.Map<String, Object> settings = new java.util.LinkedHashMap<>();
		settings.put("server.port", "0");
		settings.put("management.server.port", "0");
		settings.put("agora.base-url", agoraBaseUrl);
		settings.put("agora.org-name", ORG);
		settings.put("agora.app-name", APP);
		settings.put("agora.app-id", APP_ID);
		settings.put("agora.app-certificate", APP_CERTIFICATE);
		settings.put("proxy.security.jwt.secret", TestJwts.SECRET);
		return settings;
	}

	/**
	 * Starts a replica of the proxy on random ports against {@code agoraBaseUrl}, with
	 * this App Key, the test callers' secret and its budgets in the Redis at
	 * {@code redisUrl}; {@code settings} add to or override those.
	 */
	public static org.springframework.context.ConfigurableApplicationContext redisReplica(String agoraBaseUrl,
			String redisUrl, java.util.Map<String, String> settings) {
		java.util.Map<String, Object> all = settings(agoraBaseUrl);
		all.put("proxy.rate-limit.store", "redis");
		all.put("proxy.caller-limit.rate", UNLIMITED_CALLER);
		all.put("proxy.caller-limit.burst", UNLIMITED_CALLER);
		all.put("spring.data.redis.url", redisUrl);
		all.putAll(settings);
		return new org.springframework.boot.builder.SpringApplicationBuilder(io.pushproxy.PushProxyApplication.class)
			.run(arguments(all));
	}

	/**
	 * Points the proxy at an upstream and gives it this App Key and the test callers'
	 * secret.
	 */
	public static void register(org.springframework.test.context.DynamicPropertyRegistry registry,
			java.util.function.Supplier<Object> baseUrl) {
		registry.add("agora.base-url", baseUrl);
		registry.add("agora.org-name", () -> ORG);
		registry.add("agora.app-name", () -> APP);
		registry.add("agora.app-id", () -> APP_ID);
		registry.add("agora.app-certificate", () -> APP_CERTIFICATE);
		registry.add("proxy.security.jwt.secret", () -> TestJwts.SECRET);
	}

}
