package io.pushproxy.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.security.Key;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link JWSKeySelector} in front of the one Spring builds over its JWK-set source,
 * which fetches the whole set again for every key id its cached set lacks (Spring turns
 * Nimbus's rate limit off). Key ids of the cached set, and tokens without a key id, pass
 * straight through. A key id the set lacks may cause a look-up, hence a fetch, at most
 * once per {@link #MIN_INTERVAL} (the interval of Nimbus's own rate limit); in between
 * such a token finds no key and is refused. So a flood of tokens with made-up
 * {@code kid}s costs the identity provider one fetch, not one each; a key the provider
 * rotated in is found by the next allowed look-up, or at once when a flood's fetch
 * already brought it into the cache.
 */
final class RateLimitedKeyLookups implements JWSKeySelector<SecurityContext> {

	private static final Logger log = LoggerFactory.getLogger(RateLimitedKeyLookups.class);

	/** How often a key id the cached set lacks may cause a fetch of the JWK set. */
	static final Duration MIN_INTERVAL = Duration.ofSeconds(30);

	/** How soon a look-up may be tried again after the fetch failed. */
	static final Duration RETRY_AFTER_FAILED_FETCH = Duration.ofSeconds(2);

	private static final JWKSelector EVERY_KEY = new JWKSelector(new JWKMatcher.Builder().build());

	private final JWSKeySelector<SecurityContext> selector;

	private final JWKSource<SecurityContext> source;

	private final Clock clock;

	/**
	 * One look-up of an unknown key id at a time, so that a burst of them cannot all
	 * fetch.
	 */
	private final ReentrantLock unknownLookups = new ReentrantLock();

	private volatile Set<String> known = Set.of();

	private Instant lastUnknownLookup = Instant.EPOCH;

	private RateLimitedKeyLookups(JWSKeySelector<SecurityContext> selector, JWKSource<SecurityContext> source,
			Clock clock) {
		this.selector = selector;
		this.source = source;
		this.clock = clock;
	}

	/** Puts the rate limit in front of the key source of a processor Spring has built. */
	@SuppressWarnings("unchecked")
	static void apply(ConfigurableJWTProcessor<SecurityContext> processor, Clock clock) {
		JWSKeySelector<SecurityContext> selector = processor.getJWSKeySelector();
		if (!(selector instanceof JWSVerificationKeySelector<SecurityContext> verification)) {
			throw new IllegalStateException("Unexpected JWS key selector " + selector);
		}
		processor.setJWSKeySelector(new RateLimitedKeyLookups(selector, verification.getJWKSource(), clock));
	}

	@Override
	public List<? extends Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
		String id = header.getKeyID();
		if (id == null || this.known.contains(id)) {
			List<? extends Key> found = this.selector.selectJWSKeys(header, context);
			if (found.isEmpty() && id != null) {
				// The provider dropped the key: forget it, so it is rate-limited like any
				// unknown id.
				remember(context);
			}
			return found;
		}
		this.unknownLookups.lock();
		try {
			if (this.known.contains(id)) {
				return this.selector.selectJWSKeys(header, context);
			}
			Instant now = this.clock.instant();
			if (now.isBefore(this.lastUnknownLookup.plus(MIN_INTERVAL))) {
				log.debug("No JWK set fetch for unknown key id {}: the last was less than {} ago", id, MIN_INTERVAL);
				return List.of();
			}
			this.lastUnknownLookup = now;
			try {
				List<? extends Key> found = this.selector.selectJWSKeys(header, context);
				remember(context);
				return found;
			}
			catch (KeySourceException ex) {
				// The fetch itself failed (the provider is slow or down): try again
				// sooner.
				this.lastUnknownLookup = now.minus(MIN_INTERVAL).plus(RETRY_AFTER_FAILED_FETCH);
				throw ex;
			}
		}
		finally {
			this.unknownLookups.unlock();
		}
	}

	/**
	 * The key ids of the set the source holds now (from its cache, as it was just
	 * fetched).
	 */
	private void remember(SecurityContext context) throws KeySourceException {
		this.known = this.source.get(EVERY_KEY, context)
			.stream()
			.map(JWK::getKeyID)
			.filter((id) -> id != null)
			.collect(Collectors.toUnmodifiableSet());
	}

}
