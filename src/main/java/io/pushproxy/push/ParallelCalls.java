package io.pushproxy.push;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.pushproxy.agora.AgoraOperation;
import io.pushproxy.agora.UpstreamFailure;
import io.pushproxy.resilience.RetryPolicy;
import org.slf4j.MDC;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * A bounded pool that runs the upstream calls of one request side by side, so a profile
 * takes about as long as its slowest read. Each call carries the request's log MDC and
 * trace context. When the pool and its queue are full the caller's own thread runs the
 * call: slower, never refused. A request waits for its calls at most its deadline (the
 * retry budget and a margin); a call still running then is cancelled and counts as an
 * upstream timeout.
 */
@Component
public class ParallelCalls implements DisposableBean {

	private static final int THREADS = 32;

	private static final int QUEUE = 256;

	private static final Duration MARGIN = Duration.ofSeconds(2);

	private final ThreadPoolExecutor executor;

	private final ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().build();

	private final Duration deadline;

	ParallelCalls(RetryPolicy retries) {
		this.deadline = retries.budget().plus(MARGIN);
		AtomicInteger count = new AtomicInteger();
		this.executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
				(runnable) -> {
					Thread thread = new Thread(runnable, "push-parallel-" + count.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				}, new ThreadPoolExecutor.CallerRunsPolicy());
		this.executor.allowCoreThreadTimeOut(true);
	}

	/** The moment ({@link System#nanoTime()}) by which a request started now gives up. */
	public long deadline() {
		return System.nanoTime() + this.deadline.toNanos();
	}

	/** Starts the call on the pool, with the current request's context. */
	public <T> Pending<T> start(AgoraOperation operation, Supplier<T> call) {
		ContextSnapshot snapshot = this.snapshots.captureAll();
		java.util.Map<String, String> mdc = MDC.getCopyOfContextMap();
		CompletableFuture<T> future = new CompletableFuture<>();
		Runnable task = () -> {
			java.util.Map<String, String> previous = MDC.getCopyOfContextMap();
			try (ContextSnapshot.Scope scope = snapshot.setThreadLocals()) {
				if (mdc != null) {
					MDC.setContextMap(mdc);
				}
				future.complete(call.get());
			}
			catch (Throwable ex) {
				future.completeExceptionally(ex);
			}
			finally {
				if (previous != null) {
					MDC.setContextMap(previous);
				}
				else {
					MDC.clear();
				}
			}
		};
		Future<?> running = this.executor.submit(task);
		return new Pending<>(operation, future, running);
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

	/** A call under way. */
	public static final class Pending<T> {

		private final AgoraOperation operation;

		private final CompletableFuture<T> result;

		private final Future<?> running;

		private Pending(AgoraOperation operation, CompletableFuture<T> result, Future<?> running) {
			this.operation = operation;
			this.result = result;
			this.running = running;
		}

		/**
		 * Waits until the deadline for the call's outcome.
		 * @throws RuntimeException a failure that is not the upstream's (a bug): it fails
		 * the request as it would without parallel calls
		 */
		public Outcome<T> await(long deadlineNanos) {
			try {
				long left = Math.max(0, deadlineNanos - System.nanoTime());
				return Outcome.of(this.result.get(left, TimeUnit.NANOSECONDS));
			}
			catch (TimeoutException ex) {
				this.running.cancel(true);
				return Outcome.failed(new UpstreamFailure(UpstreamFailure.Kind.TIMEOUT, this.operation,
						"Agora did not answer in time"));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.running.cancel(true);
				return Outcome.failed(new UpstreamFailure(UpstreamFailure.Kind.TIMEOUT, this.operation,
						"The request was interrupted while waiting for Agora"));
			}
			catch (ExecutionException ex) {
				if (ex.getCause() instanceof UpstreamFailure failure) {
					return Outcome.failed(failure);
				}
				if (ex.getCause() instanceof RuntimeException unexpected) {
					throw unexpected;
				}
				throw new IllegalStateException(ex.getCause());
			}
		}

	}

}
