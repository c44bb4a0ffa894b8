package io.pushproxy.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends a request line byte for byte, as written: {@code GET /%761/users/me HTTP/1.1}
 * leaves the machine with {@code %76} in it. Java's {@code HttpClient}, curl without
 * {@code --path-as-is} and Python's requests may normalise a path before sending it; a
 * test of how the proxy reads an encoded path must not depend on that.
 */
public final class RawHttp {

	private final int port;

	public RawHttp(int port) {
		this.port = port;
	}

	/** Sends {@code method target} with the token and, when not null, a JSON body. */
	public Answer send(String method, String target, String token, String json) {
		byte[] body = (json != null) ? json.getBytes(StandardCharsets.UTF_8) : new byte[0];
		StringBuilder head = new StringBuilder(method).append(' ')
			.append(target)
			.append(" HTTP/1.1\r\n")
			.append("Host: 127.0.0.1:")
			.append(this.port)
			.append("\r\nConnection: close\r\nAccept: application/json\r\n");
		if (token != null) {
			head.append("Authorization: Bearer ").append(token).append("\r\n");
		}
		if (json != null) {
			head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
		}
		head.append("\r\n");
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
			out.write(body);
			out.flush();
			return Answer.parse(method, socket.getInputStream());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public Answer get(String target, String token) {
		return send("GET", target, token, null);
	}

	/** A status, headers (names lower-cased) and body as text. */
	public record Answer(int status, Map<String, String> headers, String body) {

		public String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

		static Answer parse(String method, InputStream in) throws IOException {
			String statusLine = line(in);
			int status = Integer.parseInt(statusLine.split(" ")[1]);
			Map<String, String> headers = new LinkedHashMap<>();
			for (String header = line(in); !header.isEmpty(); header = line(in)) {
				int colon = header.indexOf(':');
				headers.put(header.substring(0, colon).strip().toLowerCase(Locale.ROOT),
						header.substring(colon + 1).strip());
			}
			if ("HEAD".equals(method) || status == 204 || status == 304) {
				return new Answer(status, headers, "");
			}
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
				for (int size = Integer.parseInt(line(in).strip(), 16); size > 0; size = Integer
					.parseInt(line(in).strip(), 16)) {
					body.write(in.readNBytes(size));
					line(in);
				}
			}
			else if (headers.containsKey("content-length")) {
				body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
			}
			else {
				in.transferTo(body);
			}
			return new Answer(status, headers, body.toString(StandardCharsets.UTF_8));
		}

		private static String line(InputStream in) throws IOException {
			ByteArrayOutputStream line = new ByteArrayOutputStream();
			for (int b = in.read(); b != '\n'; b = in.read()) {
				if (b < 0) {
					throw new IOException("the connection closed in the middle of the answer's head");
				}
				if (b != '\r') {
					line.write(b);
				}
			}
			return line.toString(StandardCharsets.ISO_8859_1);
		}

	}

}
