package io.pushproxy.hardening;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.pushproxy.support.TestJwts;
import io.pushproxy.support.WireMockProxyTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Resource consumption at the HTTP level: oversized headers, and a client too slow to finish its request. */
class SlowAndOversizedClientTests extends WireMockProxyTest {

	@Test
	void headersOverEightKilobytesAreRefusedWithAProblemAnswer() throws IOException {
		String request = "GET /v1/users/alice/push/language HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
				+ TestJwts.user("alice") + "\r\nX-Padding: " + "x".repeat(10_000) + "\r\nConnection: close\r\n\r\n";

		String answer = exchange(request, 10_000);

		assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json");
		upstream.verify(0, com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
				com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
	}

	@Test
	void aClientThatNeverFinishesItsRequestIsCutOffAfterTheConnectionTimeout() throws IOException {
		long started = System.nanoTime();
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(15_000);
			OutputStream out = socket.getOutputStream();
			out.write("GET /v1/users/alice/push/language HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			int read = socket.getInputStream().read();
			long seconds = (System.nanoTime() - started) / 1_000_000_000L;

			System.out.printf("a client that stopped mid-request was cut off after %d s (first byte %d)%n", seconds, read);
			assertThat(seconds).isBetween(4L, 12L);
		}
		catch (java.net.SocketException reset) {
			long seconds = (System.nanoTime() - started) / 1_000_000_000L;
			assertThat(seconds).isBetween(4L, 12L);
		}
	}

	private String exchange(String request, int timeoutMillis) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(timeoutMillis);
			socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}

}
