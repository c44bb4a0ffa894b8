package io.pushproxy.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

import io.pushproxy.support.ApiClient;
import io.pushproxy.support.ApiClient.Answer;
import io.pushproxy.support.TestApp;
import io.pushproxy.support.TestJwts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.pushproxy.faults.FaultMatrixTests.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** A server that resets every connection before reading the request. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "agora.retry.initial-backoff=10ms", "agora.retry.max-backoff=20ms" })
class ConnectionResetTests {

	static final ResettingServer server = new ResettingServer();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestApp.register(registry, () -> "http://127.0.0.1:" + server.port());
	}

	@AfterAll
	static void stop() throws IOException {
		server.close();
	}

	@Test
	void aReadWhoseConnectionIsResetIsRetriedThenAnswered502() {
		int before = server.accepted.get();

		Answer answer = new ApiClient(this.port).get("/v1/users/alice/push/language", TestJwts.user("alice"));

		assertProblem(answer, 502, "upstream-unavailable");
		assertThat(server.accepted.get() - before).isGreaterThan(1);
	}

	@Test
	void aTemplateCreationWhoseConnectionIsResetIsNotRetriedBecauseItMayHaveLeft() {
		int before = server.accepted.get();

		Answer answer = new ApiClient(this.port).post("/v1/push/templates",
				"{\"name\":\"t1\",\"titlePattern\":\"T\",\"contentPattern\":\"C\"}", TestJwts.admin());

		assertProblem(answer, 502, "upstream-unavailable");
		assertThat(server.accepted.get() - before).isEqualTo(1);
	}

	/** Accepts connections and resets them at once, before reading a byte. */
	static final class ResettingServer implements AutoCloseable {

		final AtomicInteger accepted = new AtomicInteger();

		private final ServerSocket socket;

		ResettingServer() {
			try {
				this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			Thread acceptor = new Thread(this::run, "resetting-server");
			acceptor.setDaemon(true);
			acceptor.start();
		}

		int port() {
			return this.socket.getLocalPort();
		}

		private void run() {
			while (!this.socket.isClosed()) {
				try (Socket connection = this.socket.accept()) {
					this.accepted.incrementAndGet();
					connection.setSoLinger(true, 0);
				}
				catch (IOException ex) {
					// closed, or the client went first
				}
			}
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
