package io.pushproxy.push;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pushproxy.agora.AgoraOperation;
import io.pushproxy.agora.UpstreamFailure.Kind;
import io.pushproxy.resilience.RetryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fan-out's deadline and isolation, with calls that block on latches rather than on a
 * slow server: a call that cannot start before its request's deadline is answered busy at
 * the deadline and never runs (so it surely sent nothing), one still running is abandoned
 * as a timeout and interrupted, and one feature's full pool never delays another's calls.
 * Waits are bounded by the deadlines given, never by sleeps.
 */
class ParallelCallsTests {

	private static final AgoraOperation OPERATION = AgoraOperation.GET_PUSH_SETTINGS;

	/** Generous: the assertions hold as long as the machine answers within it. */
	private static final long SLACK_NANOS = TimeUnit.SECONDS.toNanos(2);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final ParallelCalls calls = new ParallelCalls(new RetryPolicy(RetryRegistry.ofDefaults(),
			new RetryPolicy.Settings(1, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofSeconds(6),
					Duration.ofSeconds(4), Duration.ofSeconds(60)),
			List.of()), this.meters);

	private final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void releaseAndStop() {
		this.release.countDown();
		this.calls.destroy();
	}

	@Test
	void aCallThatCannotStartBeforeTheDeadlineIsAnsweredBusyAtTheDeadlineAndNeverRuns() throws Exception {
		ParallelCalls.Pool pool = this.calls.pool("test", 1);
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
		pool.start(OPERATION, deadline, this::blocked);
		AtomicBoolean ran = new AtomicBoolean();
		PendingCall<String> waiting = pool.start(OPERATION, deadline, () -> {
			ran.set(true);
			return "ran";
		});

		Outcome<String> outcome = waiting.await(deadline);
		long answeredAt = System.nanoTime();
		this.release.countDown();
		PendingCall<String> after = pool.start(OPERATION, System.nanoTime() + SLACK_NANOS, () -> "next");

		assertThat(outcome.succeeded()).isFalse();
		assertThat(outcome.failure().kind()).isEqualTo(Kind.BUSY);
		assertThat(outcome.failure().retryAfter()).isEqualTo(Duration.ofSeconds(1));
		assertThat(answeredAt).as("answered at the deadline").isBetween(deadline, deadline + SLACK_NANOS);
		assertThat(after.await(System.nanoTime() + SLACK_NANOS).value()).isEqualTo("next");
		assertThat(ran).as("the call given up never ran, even once a thread was free").isFalse();
		assertThat(this.meters.get("proxy.fanout.unstarted").tag("feature", "test").counter().count()).isEqualTo(1);
	}

	@Test
	void aCallStillRunningAtTheDeadlineIsAbandonedAsATimeoutAndInterrupted() {
		ParallelCalls.Pool pool = this.calls.pool("test", 1);
		CountDownLatch interrupted = new CountDownLatch(1);
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
		PendingCall<String> running = pool.start(OPERATION, deadline, () -> {
			try {
				this.release.await();
				return "answered";
			}
			catch (InterruptedException ex) {
				interrupted.countDown();
				throw new IllegalStateException(ex);
			}
		});

		Outcome<String> outcome = running.await(deadline);

		assertThat(outcome.failure().kind()).isEqualTo(Kind.TIMEOUT);
		assertThat(System.nanoTime()).isBetween(deadline, deadline + SLACK_NANOS);
		assertThat(awaitLatch(interrupted)).as("the abandoned call was interrupted").isTrue();
	}

	@Test
	void aCallStartedAfterTheDeadlineIsAnsweredBusyWithoutRunning() {
		ParallelCalls.Pool pool = this.calls.pool("test", 1);
		AtomicBoolean ran = new AtomicBoolean();

		PendingCall<String> late = pool.start(OPERATION, System.nanoTime() - 1, () -> {
			ran.set(true);
			return "ran";
		});

		assertThat(late.await(System.nanoTime() + SLACK_NANOS).failure().kind()).isEqualTo(Kind.BUSY);
		assertThat(ran).isFalse();
	}

	@Test
	void aCallThatFindsItsPoolsQueueFullIsAnsweredBusyAtOnce() {
		ParallelCalls.Pool pool = this.calls.pool("test", 1);
		long deadline = System.nanoTime() + SLACK_NANOS;
		List<PendingCall<String>> waiting = new ArrayList<>();
		pool.start(OPERATION, deadline, this::blocked);
		for (int i = 0; i < 256; i++) {
			waiting.add(pool.start(OPERATION, deadline, () -> "queued"));
		}

		PendingCall<String> refused = pool.start(OPERATION, deadline, () -> "refused");
		Outcome<String> outcome = refused.await(deadline);

		assertThat(outcome.failure().kind()).isEqualTo(Kind.BUSY);
		assertThat(System.nanoTime()).as("answered at once, not at the deadline").isLessThan(deadline);
		this.release.countDown();
		assertThat(waiting).allSatisfy((call) -> assertThat(call.await(deadline).value()).isEqualTo("queued"));
	}

	@Test
	void aFeatureWhosePoolIsFullNeverDelaysAnotherFeaturesCalls() {
		ParallelCalls.Pool batches = this.calls.pool("batches", 1);
		ParallelCalls.Pool profiles = this.calls.pool("profiles", 1);
		long deadline = System.nanoTime() + SLACK_NANOS;
		PendingCall<String> stuck = batches.start(OPERATION, deadline, this::blocked);
		batches.start(OPERATION, deadline, () -> "queued behind it");

		PendingCall<String> profile = profiles.start(OPERATION, deadline, () -> "profile");

		assertThat(profile.await(deadline).value()).isEqualTo("profile");
		assertThat(System.nanoTime()).isLessThan(deadline);
		this.release.countDown();
		assertThat(stuck.await(deadline).value()).isEqualTo("released");
	}

	private String blocked() {
		awaitLatch(this.release);
		return "released";
	}

	private static boolean awaitLatch(CountDownLatch latch) {
		try {
			return latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
