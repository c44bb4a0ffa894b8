package io.pushproxy.push;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.pushproxy.agora.AgoraOperation;
import io.pushproxy.agora.UpstreamFailure;
import io.pushproxy.agora.UpstreamFailure.Kind;
import org.jspecify.annotations.Nullable;

/**
 * A call that {@link ParallelCalls} started for a request: waiting for a thread, running,
 * or given up by its request. Whether it ever ran is decided once, by whichever comes
 * first, the pool's thread taking it or the request giving up at its deadline, so a call
 * answered as never started surely sent nothing.
 *
 * @param <T> the call's value
 */
public final class PendingCall<T> {

	private static final int WAITING = 0;

	private static final int RUNNING = 1;

	private static final int GIVEN_UP = 2;

	private final AtomicInteger state = new AtomicInteger(WAITING);

	private final CompletableFuture<T> result = new CompletableFuture<>();

	private final AgoraOperation operation;

	private final Counter unstarted;

	private volatile @Nullable Future<?> running;

	PendingCall(AgoraOperation operation, Counter unstarted) {
		this.operation = operation;
		this.unstarted = unstarted;
	}

	/** This call, answered as never started. */
	PendingCall<T> neverStarted() {
		this.state.set(GIVEN_UP);
		this.unstarted.increment();
		this.result.completeExceptionally(busy());
		return this;
	}

	void running(Future<?> task) {
		this.running = task;
	}

	/** On the pool's thread: whether the call may run (its request did not give up). */
	boolean begin() {
		return this.state.compareAndSet(WAITING, RUNNING);
	}

	void complete(T value) {
		this.result.complete(value);
	}

	void fail(Throwable failure) {
		this.result.completeExceptionally(failure);
	}

	/**
	 * Waits until the deadline for the call's outcome.
	 * @throws RuntimeException a failure that is not the upstream's (a bug): it fails the
	 * request as it would without parallel calls
	 */
	public Outcome<T> await(long deadlineNanos) {
		try {
			long left = Math.max(0, deadlineNanos - System.nanoTime());
			return Outcome.of(this.result.get(left, TimeUnit.NANOSECONDS));
		}
		catch (TimeoutException ex) {
			return giveUp("Agora did not answer in time");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return giveUp("The request was interrupted while waiting for Agora");
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

	/**
	 * The request stops waiting: a call still waiting for a thread never starts (busy),
	 * one running is interrupted (a timeout: it may have reached Agora).
	 */
	private Outcome<T> giveUp(String detail) {
		Future<?> task = this.running;
		if (this.state.compareAndSet(WAITING, GIVEN_UP)) {
			this.unstarted.increment();
			if (task != null) {
				task.cancel(false);
			}
			return Outcome.failed(busy());
		}
		if (task != null) {
			task.cancel(true);
		}
		return Outcome.failed(new UpstreamFailure(Kind.TIMEOUT, this.operation, detail));
	}

	/** Not started: a second frees the threads of most calls that held them. */
	private UpstreamFailure busy() {
		return new UpstreamFailure(Kind.BUSY, this.operation,
				"The call to Agora could not start before the request's deadline: too many calls were waiting",
				Duration.ofSeconds(1));
	}

}
