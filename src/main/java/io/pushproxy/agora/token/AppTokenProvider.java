package io.pushproxy.agora.token;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cache of the Bearer token sent to Agora. It renews the token when about a fifth of its
 * life is left, lets only one renewal run at a time (other requests keep using the still
 * valid token, or wait for the renewal when there is none), and drops a token Agora
 * rejected so the next request gets a fresh one.
 */
public class AppTokenProvider {

	private static final Logger log = LoggerFactory.getLogger(AppTokenProvider.class);

	private final TokenSource source;

	private final Clock clock;

	private final ReentrantLock renewal = new ReentrantLock();

	private final AtomicReference<Generation> current = new AtomicReference<>();

	private final AtomicLong renewals = new AtomicLong();

	private final Counter obtained;

	private final Counter failed;

	public AppTokenProvider(TokenSource source, Clock clock) {
		this(source, clock, new SimpleMeterRegistry());
	}

	public AppTokenProvider(TokenSource source, Clock clock, MeterRegistry meters) {
		this.source = source;
		this.clock = clock;
		this.obtained = Counter.builder("agora.token.renewals")
			.description("Attempts to obtain a new Agora token, by result")
			.tag("result", "success")
			.register(meters);
		this.failed = Counter.builder("agora.token.renewals")
			.description("Attempts to obtain a new Agora token, by result")
			.tag("result", "failure")
			.register(meters);
	}

	/** The token to send now; renews it first when it is due. */
	public String currentToken() {
		Generation held = this.current.get();
		Instant now = this.clock.instant();
		if (held != null && now.isBefore(held.token().renewAt())) {
			return held.token().value();
		}
		boolean stillUsable = held != null && held.token().usableAt(now);
		if (stillUsable) {
			if (!this.renewal.tryLock()) {
				return held.token().value();
			}
		}
		else {
			this.renewal.lock();
		}
		try {
			return renewIfDue();
		}
		finally {
			this.renewal.unlock();
		}
	}

	/** The generation of the token {@link #currentToken()} would return, 0 when none is held. */
	public long generation() {
		Generation held = this.current.get();
		return (held != null) ? held.number() : 0;
	}

	/**
	 * Drops the held token if it is not newer than the one a rejected request used, so that
	 * fifty requests rejected together cause one renewal, not fifty.
	 */
	public void rejected(long generationUsed) {
		Generation held = this.current.get();
		if (held != null && held.number() <= generationUsed && this.current.compareAndSet(held, null)) {
			log.warn("Agora rejected the app token; a new one will be obtained");
		}
	}

	private String renewIfDue() {
		Generation held = this.current.get();
		Instant now = this.clock.instant();
		if (held != null && now.isBefore(held.token().renewAt())) {
			return held.token().value();
		}
		try {
			IssuedToken token = this.source.issue();
			this.obtained.increment();
			long number = this.renewals.incrementAndGet();
			this.current.set(new Generation(number, token));
			log.info("Obtained a new Agora token, valid until {}", token.expiresAt());
			return token.value();
		}
		catch (RuntimeException ex) {
			this.failed.increment();
			if (held != null && held.token().usableAt(now)) {
				log.warn("Could not renew the Agora token ({}); the current one stays in use until {}",
						ex.getMessage(), held.token().expiresAt());
				return held.token().value();
			}
			throw (ex instanceof TokenUnavailableException) ? ex
					: new TokenUnavailableException("Could not obtain an Agora token: " + ex.getClass().getSimpleName());
		}
	}

	private record Generation(long number, IssuedToken token) {
	}

}
