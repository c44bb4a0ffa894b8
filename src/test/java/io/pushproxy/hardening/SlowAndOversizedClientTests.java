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

/**
 * Resource consumption at the HTTP level: oversized headers, and a client too slow to
 * finish its request.
 */
class SlowAndOversizedClientTests extends WireMockProxyTest {

	@Test
	void headersOverEightKilobytesAreRefusedWithAProblemAnswer() throws IOException {
		String request = "GET /v1/users/alice/push/language HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
				+ TestJwts.user("alice") + "\r\nX-Padding: " + "x".repeat(10_000) + "\r\nConnection: close\r\n\r\n";

		String answer = exchange(request, 10_000);

		assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json");
		upstream.verify(0, com.github.tomakehurst.wiremock.client.WireMock
			.anyRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
	}

	@Test
	void aClientThatNeverFinishesItsRequestIsCutOffAfterTheConnectionTimeout() throws IOException {
		long started = System.nanoTime();
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(15_000);
			OutputStream out = socket.getOutputStream();
			out.write("GET /v1/users/alice/push/language HTTP/1.1\r\nHost: localhost\r\n"
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			int read = socket.getInputStream().read();
			long seconds = (System.nanoTime() - started) / 1_000_000_000L;

			System.out.printf("a client that stopped mid-request was cut off after %d s (first byte %d)%n", seconds,
					read);
			assertThat(seconds).isBetween(4L, 12L);
		}
		catch (java.net.SocketException reset) {
			long seconds = (System.nanoTime() - started) / 1_000_000_000L;
			assertThat(seconds).isBetween(4L, 12L);
		}
	}

	@Test
	void aBodyTrickledOneByteEveryTwoSecondsIsAnswered408AfterTheBodyReadTimeout() throws Exception {
		String body = "{\"displayName\":\"Alice in slow motion, very slow motion indeed\"}";
		String head = "PUT /v1/users/alice/push/display-name HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
				+ TestJwts.user("alice") + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
				+ "\r\n\r\n";
		long started = System.nanoTime();
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(40_000);
			OutputStream out = socket.getOutputStream();
			out.write(head.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			Thread trickle = new Thread(() -> {
				try {
					for (byte b : body.getBytes(StandardCharsets.US_ASCII)) {
						out.write(b);
						out.flush();
						Thread.sleep(2_000);
					}
				}
				catch (IOException | InterruptedException ex) {
					// the proxy gave up on the body and closed the connection: what we
					// want
				}
			}, "trickle");
			trickle.setDaemon(true);
			trickle.start();
			InputStream in = socket.getInputStream();
			byte[] first = new byte[512];
			int n = in.read(first);
			long answered = (System.nanoTime() - started) / 1_000_000L;
			String answer = new String(first, 0, Math.max(n, 0), StandardCharsets.ISO_8859_1);
			in.readAllBytes();
			long closed = (System.nanoTime() - started) / 1_000_000L;
			trickle.interrupt();

			System.out.printf("a trickled body was answered after %d ms, the connection closed after %d ms: %s%n",
					answered, closed, answer.lines().findFirst().orElse(""));
			assertThat(answer).startsWith("HTTP/1.1 408").contains("application/problem+json");
			assertThat(answered).isBetween(9_000L, 16_000L);
			// The thread must not stay to swallow the rest of the trickle (here 60 s
			// more).
			assertThat(closed - answered).isLessThan(5_000L);
		}
		upstream.verify(0, com.github.tomakehurst.wiremock.client.WireMock
			.anyRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
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
