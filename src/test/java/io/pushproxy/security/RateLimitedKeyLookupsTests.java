package io.pushproxy.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.pushproxy.support.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JWK look-up limit against a key source that counts its look-ups (each would be a
 * fetch of the JWK set for a key id it lacks): unknown ids are looked up at most once per
 * interval, known ones always, and a key rotated in is found once the interval has
 * passed.
 */
class RateLimitedKeyLookupsTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T08:00:00Z"));

	private final AtomicInteger lookups = new AtomicInteger();

	private volatile JWKSet published;

	private final JWSKeySelector<SecurityContext> selector = limited();

	@Test
	void unknownKeyIdsAreLookedUpAtMostOncePerIntervalAndARotatedKeyIsFoundAfterIt() throws Exception {
		RSAKey first = key("first");
		this.published = new JWKSet(first.toPublicJWK());

		assertThat(select("first")).hasSize(1);
		int afterFirst = this.lookups.get();
		for (int i = 0; i < 50; i++) {
			assertThat(select("made-up-" + i)).isEmpty();
		}
		assertThat(this.lookups.get()).as("look-ups for 50 unknown key ids").isEqualTo(afterFirst);
		assertThat(select("first")).as("a known key id is never limited").hasSize(1);

		this.published = new JWKSet(List.<JWK>of(first.toPublicJWK(), key("second").toPublicJWK()));
		assertThat(select("second")).as("within the interval").isEmpty();
		this.clock.advance(RateLimitedKeyLookups.MIN_INTERVAL.plus(Duration.ofSeconds(1)));
		assertThat(select("second")).as("after the interval").hasSize(1);
	}

	private List<?> select(String keyId) throws Exception {
		return this.selector.selectJWSKeys(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(), null);
	}

	private JWSKeySelector<SecurityContext> limited() {
		JWKSource<SecurityContext> source = (jwkSelector, context) -> {
			this.lookups.incrementAndGet();
			return jwkSelector.select(this.published);
		};
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, source));
		RateLimitedKeyLookups.apply(processor, this.clock);
		return processor.getJWSKeySelector();
	}

	private static RSAKey key(String id) throws JOSEException {
		return new RSAKeyGenerator(2048).keyID(id).generate();
	}

}
