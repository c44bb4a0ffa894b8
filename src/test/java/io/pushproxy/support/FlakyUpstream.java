package io.pushproxy.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A fast fake Agora that answers every call with a language envelope, except that while
 * {@link #failHalf(boolean) failing} it answers half its calls, at random, with 503.
 */
public final class FlakyUpstream implements AutoCloseable {

	private static final byte[] OK = Upstream.data("{\"language\":\"en\"}").getBytes(StandardCharsets.UTF_8);

	private static final byte[] DOWN = ("{\"error\":\"service_unavailable\",\"exception\":\"x\",\"timestamp\":1,"
			+ "\"duration\":0,\"error_description\":\"down\"}")
		.getBytes(StandardCharsets.UTF_8);

	private final HttpServer server;

	private final ExecutorService executor = Executors.newFixedThreadPool(16);

	private volatile boolean failing;

	private final AtomicInteger calls = new AtomicInteger();

	public FlakyUpstream() {
		System.setProperty("sun.net.httpserver.nodelay", "true");
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	public void failHalf(boolean failing) {
		this.failing = failing;
	}

	public int calls() {
		return this.calls.get();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			exchange.getRequestBody().readAllBytes();
			this.calls.incrementAndGet();
			boolean fail = this.failing && ThreadLocalRandom.current().nextBoolean();
			byte[] body = fail ? DOWN : OK;
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(fail ? 503 : 200, body.length);
			exchange.getResponseBody().write(body);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
