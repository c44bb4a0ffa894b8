package io.pushproxy.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import io.pushproxy.support.ApiClient;
import io.pushproxy.support.ApiClient.Answer;
import io.pushproxy.support.TestApp;
import io.pushproxy.support.TestJwts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.pushproxy.faults.FaultMatrixTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing listens: the request surely never left, so even a template creation is retried.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "agora.retry.initial-backoff=10ms", "agora.retry.max-backoff=20ms" })
@ExtendWith(OutputCaptureExtension.class)
class ConnectionRefusedTests {

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		int closed = freePort();
		TestApp.register(registry, () -> "http://127.0.0.1:" + closed);
	}

	@Test
	void aRefusedConnectionIsRetriedEvenForATemplateCreationThenAnswered502(CapturedOutput output) {
		Answer answer = new ApiClient(this.port).post("/v1/push/templates",
				"{\"name\":\"t1\",\"titlePattern\":\"T\",\"contentPattern\":\"C\"}", TestJwts.admin());

		assertProblem(answer, 502, "upstream-unavailable");
		assertThat(answer.json().get("detail").asString()).isEqualTo("Agora could not be reached");
		assertThat(output).contains("operation=create-template attempt=4 status=unavailable");
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
