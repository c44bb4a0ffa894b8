package io.pushproxy.support;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A load that sends one request again and again, evenly spaced, like independent clients.
 */
public final class PacedLoad {

	private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	private PacedLoad() {
	}

	/**
	 * Sends {@code perSecond} requests a second, evenly spaced, for the given time;
	 * answers in order.
	 */
	public static <T> List<HttpResponse<T>> send(HttpClient client, HttpRequest request, int perSecond, Duration time,
			HttpResponse.BodyHandler<T> body) {
		List<CompletableFuture<HttpResponse<T>>> calls = new ArrayList<>();
		long spacing = SECOND / perSecond;
		long start = System.nanoTime();
		long count = time.toNanos() / spacing;
		for (long i = 0; i < count; i++) {
			long wait = start + i * spacing - System.nanoTime();
			if (wait > 0) {
				// Parked, not spinning: the two cores are the proxy's and the upstream's.
				LockSupport.parkNanos(wait);
			}
			calls.add(client.sendAsync(request, body));
		}
		return calls.stream().map(CompletableFuture::join).toList();
	}

}
