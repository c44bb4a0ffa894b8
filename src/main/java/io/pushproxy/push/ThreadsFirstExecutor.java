package io.pushproxy.push;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of a {@link ParallelCalls.Pool}: a call goes to an idle thread, else to a
 * new one while the pool is below its size, and waits in the queue only when every thread
 * is busy, as Tomcat's own executor does. A plain {@link ThreadPoolExecutor} either
 * starts a thread for every call until it reaches its size, however many sit idle, or
 * queues calls behind busy (perhaps slow) threads before it grows. This one keeps only
 * the threads its load needs; an idle one ends after 30 s.
 * <p>
 * Whether a thread is idle is counted here (calls handed over and not yet done), not
 * asked of the pool, whose count of active threads misses a thread that was just started
 * for a call and has not begun it.
 */
final class ThreadsFirstExecutor extends ThreadPoolExecutor {

	private final AtomicInteger unfinished = new AtomicInteger();

	ThreadsFirstExecutor(int threads, int queue, ThreadFactory threadFactory) {
		super(0, threads, 30, TimeUnit.SECONDS, new Queue(queue), threadFactory, new WaitIfRoom());
		((Queue) getQueue()).executor = this;
	}

	@Override
	public void execute(Runnable call) {
		this.unfinished.incrementAndGet();
		try {
			super.execute(call);
		}
		catch (RejectedExecutionException ex) {
			this.unfinished.decrementAndGet();
			throw ex;
		}
	}

	@Override
	protected void afterExecute(Runnable call, Throwable failure) {
		this.unfinished.decrementAndGet();
	}

	/**
	 * Declines a call while every thread has one and the pool may grow: it then grows.
	 */
	private static final class Queue extends LinkedBlockingQueue<Runnable> {

		/** Set once, by the executor's constructor, before any call is offered. */
		@SuppressWarnings("NullAway.Init")
		private ThreadsFirstExecutor executor;

		Queue(int capacity) {
			super(capacity);
		}

		@Override
		public boolean offer(Runnable call) {
			int threads = this.executor.getPoolSize();
			if (this.executor.unfinished.get() > threads && threads < this.executor.getMaximumPoolSize()) {
				return false;
			}
			return super.offer(call);
		}

		boolean offerAfterAll(Runnable call) {
			return super.offer(call);
		}

	}

	/**
	 * The pool reached its size between the offer and starting a thread: the call waits
	 * after all, or is refused when the queue is full too.
	 */
	private static final class WaitIfRoom implements RejectedExecutionHandler {

		@Override
		public void rejectedExecution(Runnable call, ThreadPoolExecutor executor) {
			if (executor.isShutdown() || !((Queue) executor.getQueue()).offerAfterAll(call)) {
				throw new RejectedExecutionException("Every thread is busy and the queue is full");
			}
		}

	}

}
