package io.pushproxy.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real {@code redis-server} (Debian's package; {@code .ci/run} installs it) on a free
 * loopback port, without persistence, that tests can stop and start again on the same
 * port.
 */
public final class RedisServer implements AutoCloseable {

	private final int port;

	private final Path directory;

	private Process process;

	public RedisServer() {
		this.port = freePort();
		try {
			this.directory = Files.createTempDirectory("redis-test");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		start();
	}

	public String url() {
		return "redis://127.0.0.1:" + this.port;
	}

	public void start() {
		try {
			this.process = new ProcessBuilder(List.of("redis-server", "--port", String.valueOf(this.port), "--bind",
					"127.0.0.1", "--save", "", "--appendonly", "no", "--dir", this.directory.toString()))
				.redirectErrorStream(true)
				.redirectOutput(this.directory.resolve("redis.log").toFile())
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("redis-server is not installed (apt-get install redis-server)", ex);
		}
		awaitPort(true);
	}

	public void stop() {
		if (this.process != null) {
			this.process.destroy();
			try {
				this.process.waitFor();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.process = null;
		}
		awaitPort(false);
	}

	@Override
	public void close() {
		stop();
	}

	private void awaitPort(boolean open) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (System.nanoTime() < deadline) {
			try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
				if (open) {
					return;
				}
			}
			catch (IOException ex) {
				if (!open) {
					return;
				}
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		throw new IllegalStateException("redis-server did not " + (open ? "start" : "stop") + " on port " + this.port);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
