package io.pushproxy.web;

import java.io.IOException;
import java.time.Duration;

import io.pushproxy.config.Settings;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A filter that keeps request bodies to 16 KiB: a declared larger {@code Content-Length}
 * is answered 413 at once, and a chunked body is cut off as soon as it passes the limit.
 * It also puts a total deadline on reading a body ({@code proxy.http.body-read-timeout},
 * from when the request reached the proxy): Tomcat's own timeout applies to each read, so
 * a body sent a byte every few seconds would otherwise hold a thread for hours. A read
 * that returns after the deadline fails, and the request is answered 408.
 */
@Component
@Order(FilterOrder.BODY_LIMIT)
class BodyLimitFilter extends OncePerRequestFilter {

	static final int MAX_BODY_BYTES = 16 * 1024;

	private final Problems problems;

	private final long readTimeoutNanos;

	BodyLimitFilter(Problems problems, @Value("${proxy.http.body-read-timeout:#{null}}") Duration readTimeout) {
		this.problems = problems;
		this.readTimeoutNanos = Settings
			.between("proxy.http.body-read-timeout", readTimeout, Duration.ofSeconds(10), Duration.ofMillis(100),
					Duration.ofMinutes(5))
			.toNanos();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > MAX_BODY_BYTES) {
			this.problems.write(request, response, ProblemType.PAYLOAD_TOO_LARGE,
					"The request body must be at most 16 KiB");
			return;
		}
		chain.doFilter(new LimitedRequest(request, System.nanoTime() + this.readTimeoutNanos), response);
	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long deadline;

		private @Nullable ServletInputStream limited;

		LimitedRequest(HttpServletRequest request, long deadline) {
			super(request);
			this.deadline = deadline;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.limited == null) {
				this.limited = new LimitedInputStream(super.getInputStream(), this.deadline);
			}
			return this.limited;
		}

	}

	private static final class LimitedInputStream extends ServletInputStream {

		private final ServletInputStream in;

		private final long deadline;

		private long read;

		LimitedInputStream(ServletInputStream in, long deadline) {
			this.in = in;
			this.deadline = deadline;
		}

		@Override
		public int read() throws IOException {
			checkDeadline();
			int b = this.in.read();
			checkDeadline();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			checkDeadline();
			int n = this.in.read(buffer, offset, length);
			checkDeadline();
			if (n > 0) {
				count(n);
			}
			return n;
		}

		/**
		 * Each read may block up to Tomcat's connection timeout; the total must not pass
		 * the deadline.
		 */
		private void checkDeadline() throws BodyReadTimeoutException {
			if (System.nanoTime() - this.deadline > 0) {
				throw new BodyReadTimeoutException();
			}
		}

		private void count(int n) throws IOException {
			this.read += n;
			if (this.read > MAX_BODY_BYTES) {
				throw new BodyTooLargeException();
			}
		}

		@Override
		public boolean isFinished() {
			return this.in.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.in.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.in.setReadListener(listener);
		}

	}

}
