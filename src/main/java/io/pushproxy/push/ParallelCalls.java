package io.pushproxy.push;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pushproxy.agora.AgoraOperation;
import io.pushproxy.resilience.RetryPolicy;
import org.slf4j.MDC;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Runs the upstream calls of one request side by side, so a profile takes about as long
 * as its slowest read. Each feature has a {@link Pool} of its own, so a batch whose reads
 * are slow cannot take the threads a profile needs; within a pool the calls start in the
 * order they came, and each call carries its request's log MDC and trace context.
 * <p>
 * A request waits for its calls at most until its deadline (the retry budget and a
 * margin), and its answer arrives by then: a call that has not started by the deadline
 * never starts and is answered {@code BUSY} (503 {@code upstream-busy}: nothing was
 * sent), one still running is abandoned (interrupted) and answered as an upstream timeout
 * (504: it may have taken effect). A call that finds its pool's queue full is answered
 * {@code BUSY} at once. Nothing runs on the request's own thread.
 */
@Component
public class ParallelCalls implements DisposableBean {

	private static final int QUEUE = 256;

	private static final Duration MARGIN = Duration.ofSeconds(2);

	private final ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().build();

	private final List<ThreadPoolExecutor> executors = new CopyOnWriteArrayList<>();

	private final Duration deadline;

	private final MeterRegistry meters;

	ParallelCalls(RetryPolicy retries, MeterRegistry meters) {
		this.deadline = retries.budget().plus(MARGIN);
		this.meters = meters;
	}

	/**
	 * A pool of its own for a feature's calls: at most {@code threads} run at once, the
	 * others wait their turn, at most {@value #QUEUE} of them. Threads are started only
	 * when none is idle, and end after 30 s without work ({@link ThreadsFirstExecutor}).
	 * @param feature names the pool's threads and its metric
	 */
	public Pool pool(String feature, int threads) {
		AtomicInteger count = new AtomicInteger();
		ThreadPoolExecutor executor = new ThreadsFirstExecutor(threads, QUEUE, (runnable) -> {
			Thread thread = new Thread(runnable, "push-" + feature + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.executors.add(executor);
		Counter unstarted = Counter.builder("proxy.fanout.unstarted")
			.description("Calls of a profile or batch answered upstream-busy because they could not start before "
					+ "their request's deadline")
			.tag("feature", feature)
			.register(this.meters);
		return new Pool(executor, unstarted);
	}

	@Override
	public void destroy() {
		this.executors.forEach(ThreadPoolExecutor::shutdownNow);
	}

	/** One feature's threads. */
	public final class Pool {

		private final ThreadPoolExecutor executor;

		private final Counter unstarted;

		private Pool(ThreadPoolExecutor executor, Counter unstarted) {
			this.executor = executor;
			this.unstarted = unstarted;
		}

		/**
		 * The moment ({@link System#nanoTime()}) by which a request started now gives up.
		 */
		public long deadline() {
			return System.nanoTime() + ParallelCalls.this.deadline.toNanos();
		}

		/**
		 * Starts the call on the pool, with the current request's context; after the
		 * deadline, or with the queue full, it is answered {@code BUSY} without starting.
		 */
		public <T> PendingCall<T> start(AgoraOperation operation, long deadlineNanos, Supplier<T> call) {
			PendingCall<T> pending = new PendingCall<>(operation, this.unstarted);
			if (deadlineNanos - System.nanoTime() <= 0) {
				return pending.neverStarted();
			}
			ContextSnapshot snapshot = ParallelCalls.this.snapshots.captureAll();
			Map<String, String> mdc = MDC.getCopyOfContextMap();
			try {
				pending.running(this.executor.submit(() -> {
					if (pending.begin()) {
						run(pending, snapshot, mdc, call);
					}
				}));
			}
			catch (RejectedExecutionException ex) {
				return pending.neverStarted();
			}
			return pending;
		}

		private <T> void run(PendingCall<T> pending, ContextSnapshot snapshot, Map<String, String> mdc,
				Supplier<T> call) {
			Map<String, String> previous = MDC.getCopyOfContextMap();
			try (ContextSnapshot.Scope scope = snapshot.setThreadLocals()) {
				if (mdc != null) {
					MDC.setContextMap(mdc);
				}
				pending.complete(call.get());
			}
			catch (Throwable ex) {
				pending.fail(ex);
			}
			finally {
				if (previous != null) {
					MDC.setContextMap(previous);
				}
				else {
					MDC.clear();
				}
			}
		}

	}

}
