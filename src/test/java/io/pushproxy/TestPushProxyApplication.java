package io.pushproxy;

import java.util.ArrayList;
import java.util.List;

import io.pushproxy.emulator.AgoraEmulator;
import io.pushproxy.support.TestApp;
import io.pushproxy.support.TestJwts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The local sandbox, {@code ./mvnw spring-boot:test-run}: the proxy on localhost:8080 in
 * front of the embedded Agora emulator (users alice, bob and carol), logging curl
 * commands with a user and an admin token to paste.
 * <p>
 * {@code --emulator.other-callers-per-second=40} (or
 * {@code EMULATOR_OTHER_CALLERS_PER_SECOND}) lets "other callers", the apps' SDK, take
 * that many of each second's calls of every operation. {@code --emulator.port=18089} puts
 * the emulator on a fixed port (default: any free one), and {@code --emulator.users=2000}
 * registers users {@code u1} to {@code u2000} besides the three, for
 * {@code bench/settings-screen.sh}. Any other argument goes to the proxy and outranks the
 * sandbox's own settings.
 */
public final class TestPushProxyApplication {

	private static final Logger log = LoggerFactory.getLogger(TestPushProxyApplication.class);

	private static final String OTHER_CALLERS = "--emulator.other-callers-per-second=";

	private static final String PORT = "--emulator.port=";

	private static final String USERS = "--emulator.users=";

	private TestPushProxyApplication() {
	}

	public static void main(String[] args) {
		String otherCallers = System.getenv("EMULATOR_OTHER_CALLERS_PER_SECOND");
		int port = 0;
		int users = 0;
		List<String> proxyArgs = new ArrayList<>();
		for (String arg : args) {
			if (arg.startsWith(OTHER_CALLERS)) {
				otherCallers = arg.substring(OTHER_CALLERS.length());
			}
			else if (arg.startsWith(PORT)) {
				port = Integer.parseInt(arg.substring(PORT.length()).strip());
			}
			else if (arg.startsWith(USERS)) {
				users = Integer.parseInt(arg.substring(USERS.length()).strip());
			}
			else {
				proxyArgs.add(arg);
			}
		}
		AgoraEmulator emulator = AgoraEmulator.start(port, TestApp.ORG, TestApp.APP, TestApp.APP_ID,
				TestApp.APP_CERTIFICATE);
		for (String user : new String[] { "alice", "bob", "carol" }) {
			emulator.registerUser(user);
		}
		for (int i = 1; i <= users; i++) {
			emulator.registerUser("u" + i);
		}
		if (otherCallers != null && !otherCallers.isBlank()) {
			emulator.otherCallers(Integer.parseInt(otherCallers.strip()));
			log.info("Agora emulator: other callers take {} calls of each operation every second",
					otherCallers.strip());
		}
		List<String> sandbox = new ArrayList<>(List.of("--agora.base-url=" + emulator.baseUrl(),
				"--agora.org-name=" + TestApp.ORG, "--agora.app-name=" + TestApp.APP,
				"--agora.app-id=" + TestApp.APP_ID, "--agora.app-certificate=" + TestApp.APP_CERTIFICATE,
				"--proxy.security.jwt.secret=" + TestJwts.SECRET, "--proxy.security.jwt.audience=" + TestJwts.AUDIENCE,
				// The embedded emulator speaks plain http on localhost.
				"--proxy.allow-insecure-http=true", "--management.server.port=8081",
				"--springdoc.api-docs.enabled=true", "--springdoc.swagger-ui.enabled=true"));
		// A setting given on the command line replaces the sandbox's (two values would be
		// joined).
		sandbox.removeIf((setting) -> proxyArgs.stream()
			.anyMatch((arg) -> arg.startsWith(setting.substring(0, setting.indexOf('=') + 1))));
		sandbox.addAll(proxyArgs);
		log.info("Agora emulator listening on {}", emulator.baseUrl());
		// Stopped with Ctrl-C, the JVM would exit 143 and Maven report a BUILD FAILURE:
		// once
		// the proxy has shut down gracefully, the sandbox ends as a success.
		SpringApplication.getShutdownHandlers().add(() -> Runtime.getRuntime().halt(0));
		SpringApplication.from(PushProxyApplication::main)
			.with(SandboxConfiguration.class)
			.run(sandbox.toArray(String[]::new));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class SandboxConfiguration {

		@Bean
		ApplicationListener<ApplicationReadyEvent> sandboxCurls(Environment environment) {
			return (event) -> {
				String base = "http://localhost:" + environment.getProperty("local.server.port", "8080");
				String alice = TestJwts.user("alice");
				String admin = TestJwts.admin();
				log.info(curls(base, alice, TestJwts.user("bob"), admin));
				writeHttpClientTokens(base, alice, admin);
			};
		}

		/**
		 * The tokens for {@code http/push-proxy.http}, in IntelliJ's private environment
		 * file beside it (git-ignored, rewritten at each start), when the sandbox runs
		 * from the repository.
		 */
		private static void writeHttpClientTokens(String base, String user, String admin) {
			java.nio.file.Path folder = java.nio.file.Path.of("http");
			if (!java.nio.file.Files.isDirectory(folder)) {
				return;
			}
			String json = "{\n  \"sandbox\": {\n    \"baseUrl\": \"" + base + "\",\n    \"userToken\": \"" + user
					+ "\",\n    \"adminToken\": \"" + admin + "\"\n  }\n}\n";
			try {
				java.nio.file.Files.writeString(folder.resolve("http-client.private.env.json"), json);
				log.info("Tokens written to http/http-client.private.env.json (environment \"sandbox\")");
			}
			catch (java.io.IOException ex) {
				log.warn("Could not write http/http-client.private.env.json: {}", ex.getMessage());
			}
		}

		private static String curls(String base, String user, String bob, String admin) {
			String u = "-H 'Authorization: Bearer " + user + "'";
			String a = "-H 'Authorization: Bearer " + admin + "'";
			String json = "-H 'Content-Type: application/json'";
			return String.join("\n", "",
					"Sandbox ready. Tokens are valid for an hour; alice and bob are users, the admin may act for "
							+ "anyone (other users: TestJwts in the test sources mints them).",
					"  export USER_TOKEN='" + user + "'", "  export BOB_TOKEN='" + bob + "'",
					"  export ADMIN_TOKEN='" + admin + "'", "curl -i " + base + "/v1/users/me/push " + u,
					"curl -i -X PATCH " + base + "/v1/users/me/push " + u
							+ " -H 'Content-Type: application/merge-patch+json'"
							+ " -d '{\"displayName\":\"Alice\",\"settings\":{\"mode\":\"MENTIONS\"},\"language\":\"de\"}'",
					"curl -i '" + base + "/v1/users/me/push/conversations?ids=user:bob,group:4711' " + u,
					"curl -i -X PUT " + base + "/v1/users/me/push/display-name " + u + " " + json
							+ " -d '{\"displayName\":\"Alice\"}'",
					"curl -i -X PUT " + base + "/v1/users/me/push/display-style " + u + " " + json
							+ " -d '{\"displayStyle\":\"DETAILED\"}'",
					"curl -i " + base + "/v1/users/me/push/settings " + u,
					"curl -i -X PUT " + base + "/v1/users/me/push/settings " + u + " " + json
							+ " -d '{\"mode\":\"MENTIONS\",\"quietHours\":{\"start\":\"21:30\",\"end\":\"08:00\"},\"doNotDisturbFor\":\"PT1H\"}'",
					"curl -i " + base + "/v1/users/me/push/conversations/group/4711 " + u,
					"curl -i -X PUT " + base + "/v1/users/me/push/conversations/user/bob " + u + " " + json
							+ " -d '{\"mode\":\"NONE\"}'",
					"curl -i " + base + "/v1/users/me/push/language " + u,
					"curl -i -X PUT " + base + "/v1/users/me/push/language " + u + " " + json
							+ " -d '{\"language\":\"en\"}'",
					"curl -i -X POST " + base + "/v1/push/templates " + a + " " + json
							+ " -d '{\"name\":\"welcome\",\"titlePattern\":\"Hello {0}\",\"contentPattern\":\"{0} says {1}\"}'",
					"curl -i " + base + "/v1/push/templates/welcome " + a,
					"curl -i -X DELETE " + base + "/v1/push/templates/welcome " + a,
					"curl -i -X PUT " + base + "/v1/users/bob/push/language " + a + " " + json
							+ " -d '{\"language\":\"ja\"}'",
					"API docs: " + base + "/v3/api-docs and " + base
							+ "/swagger-ui.html; health and metrics on :8081/actuator");
		}

	}

}
