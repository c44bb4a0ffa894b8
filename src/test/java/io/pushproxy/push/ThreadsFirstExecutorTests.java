package io.pushproxy.push;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A {@link ThreadsFirstExecutor} starts a thread only when none is idle, grows to its
 * size before a call waits, then queues, then refuses.
 */
class ThreadsFirstExecutorTests {

	private final ThreadsFirstExecutor pool = new ThreadsFirstExecutor(4, 2, Thread::new);

	private final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void stop() {
		this.release.countDown();
		this.pool.shutdownNow();
	}

	@Test
	void callsOneAfterTheOtherKeepToOneThread() throws Exception {
		for (int i = 0; i < 50; i++) {
			this.pool.submit(() -> "done").get(5, TimeUnit.SECONDS);
			awaitFinished();
		}

		assertThat(this.pool.getLargestPoolSize()).isEqualTo(1);
	}

	@Test
	void busyThreadsMakeThePoolGrowToItsSizeBeforeACallWaitsThenCallsQueueThenAreRefused() {
		for (int i = 0; i < 4; i++) {
			this.pool.submit(this::blocked);
		}

		assertThat(this.pool.getPoolSize()).as("a thread for each call, none queued").isEqualTo(4);
		assertThat(this.pool.getQueue()).isEmpty();
		Future<String> waiting = this.pool.submit(() -> "queued");
		this.pool.submit(() -> "queued");
		assertThat(this.pool.getQueue()).hasSize(2);
		assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> this.pool.submit(() -> "no"));
		this.release.countDown();
		assertThat(waiting).succeedsWithin(Duration.ofSeconds(5)).isEqualTo("queued");
	}

	private String blocked() throws InterruptedException {
		this.release.await(10, TimeUnit.SECONDS);
		return "released";
	}

	/** Until the call's afterExecute has run: the thread is idle again. */
	private void awaitFinished() {
		long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (this.pool.getCompletedTaskCount() < this.pool.getTaskCount() && System.nanoTime() < until) {
			Thread.onSpinWait();
		}
	}

}
