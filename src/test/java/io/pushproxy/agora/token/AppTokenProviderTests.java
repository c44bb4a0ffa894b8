package io.pushproxy.agora.token;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.pushproxy.support.MutableClock;
import io.pushproxy.support.TestApp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AppTokenProviderTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T08:00:00Z"));

	private final CountingSource source = new CountingSource();

	private final AppTokenProvider provider = new AppTokenProvider(this.source, this.clock);

	@Test
	void aTokenIsObtainedOnceAndThenServedFromTheCache() {
		String first = this.provider.currentToken();
		String second = this.provider.currentToken();

		assertThat(second).isEqualTo(first);
		assertThat(this.source.issued.get()).isEqualTo(1);
	}

	@Test
	void theTokenIsRenewedWhenAFifthOfItsLifeIsLeftNotBefore() {
		String first = this.provider.currentToken();
		this.clock.advance(Duration.ofMinutes(47));
		assertThat(this.provider.currentToken()).isEqualTo(first);

		this.clock.advance(Duration.ofMinutes(2));
		String renewed = this.provider.currentToken();

		assertThat(renewed).isNotEqualTo(first);
		assertThat(this.source.issued.get()).isEqualTo(2);
	}

	@Test
	void anExpiredTokenIsNeverServed() {
		String first = this.provider.currentToken();
		this.clock.advance(Duration.ofHours(2));

		assertThat(this.provider.currentToken()).isNotEqualTo(first);
	}

	@Test
	void fiftyConcurrentRequestsWithoutATokenCauseExactlyOneRenewal() throws Exception {
		this.source.delay = Duration.ofMillis(200);

		Set<String> distinct = fiftyAtOnce();

		assertThat(this.source.issued.get()).isEqualTo(1);
		assertThat(distinct).hasSize(1);
	}

	@Test
	void fiftyConcurrentRequestsDuringARenewalKeepUsingTheValidTokenAndRenewOnce() throws Exception {
		String first = this.provider.currentToken();
		this.clock.advance(Duration.ofMinutes(50));
		this.source.delay = Duration.ofMillis(200);

		assertThat(fiftyAtOnce()).doesNotContainNull();
		assertThat(this.source.issued.get()).isEqualTo(2);
		assertThat(this.provider.currentToken()).isNotEqualTo(first);
	}

	@Test
	void aRejectedTokenIsDroppedOnceEvenWhenManyRequestsReportIt() {
		String first = this.provider.currentToken();
		long generation = this.provider.generation();

		this.provider.rejected(generation);
		String second = this.provider.currentToken();
		this.provider.rejected(generation);
		this.provider.rejected(generation);

		assertThat(second).isNotEqualTo(first);
		assertThat(this.provider.currentToken()).isEqualTo(second);
		assertThat(this.source.issued.get()).isEqualTo(2);
	}

	@Test
	void aFailedRenewalKeepsTheStillValidTokenInUse() {
		String first = this.provider.currentToken();
		this.clock.advance(Duration.ofMinutes(50));
		this.source.failing = true;

		assertThat(this.provider.currentToken()).isEqualTo(first);
	}

	@Test
	void aFailedRenewalWithoutAValidTokenIsReported() {
		this.source.failing = true;

		assertThatExceptionOfType(TokenUnavailableException.class).isThrownBy(this.provider::currentToken)
			.withMessageNotContaining(TestApp.APP_CERTIFICATE);
	}

	@Test
	void aFailedRenewalIsRememberedForTheBackOffSoRequestsFailAtOnceWithoutCallingAgain() {
		this.source.failing = true;
		assertThatExceptionOfType(TokenUnavailableException.class).isThrownBy(this.provider::currentToken);
		int calls = this.source.calls.get();

		assertThatExceptionOfType(TokenUnavailableException.class).isThrownBy(this.provider::currentToken);
		assertThat(this.source.calls.get()).isEqualTo(calls);

		this.source.failing = false;
		this.clock.advance(AppTokenProvider.FAILURE_BACKOFF);
		assertThat(this.provider.currentToken()).isEqualTo("token-1");
	}

	@Test
	void aRequestWaitsForAnotherRequestsRenewalOnlyUntilItsDeadline() throws Exception {
		this.source.delay = Duration.ofSeconds(3);
		Thread renewing = new Thread(this.provider::currentToken);
		renewing.start();
		while (this.source.calls.get() == 0) {
			Thread.sleep(5);
		}

		assertThatExceptionOfType(TokenUnavailableException.class)
			.isThrownBy(() -> this.provider.withDeadline(System.nanoTime() + 50_000_000L, this.provider::currentToken))
			.matches(TokenUnavailableException::timedOut);
		renewing.join();
	}

	@Test
	void appTokensAreBuiltWithTheCurrentTimeAtEachIssue() {
		AppTokenSource appTokens = new AppTokenSource(TestApp.APP_ID, TestApp.APP_CERTIFICATE, Duration.ofHours(1),
				this.clock);
		IssuedToken first = appTokens.issue();
		this.clock.advance(Duration.ofMinutes(10));
		IssuedToken later = appTokens.issue();

		AccessToken2Decoder.Decoded decoded = AccessToken2Decoder.decode(later.value());
		assertThat(decoded.issueTs()).isEqualTo(this.clock.instant().getEpochSecond());
		assertThat(decoded.expireSeconds()).isEqualTo(3600);
		assertThat(AccessToken2Decoder.verify(decoded, TestApp.APP_CERTIFICATE)).isTrue();
		assertThat(later.expiresAt()).isEqualTo(first.expiresAt().plus(Duration.ofMinutes(10)));
		assertThat(later.toString()).doesNotContain(later.value());
	}

	/** Fifty requests for a token at the same moment; the distinct tokens they got. */
	private Set<String> fiftyAtOnce() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(50);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<String>> tokens = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			tokens.add(pool.submit(() -> {
				start.await();
				return this.provider.currentToken();
			}));
		}
		start.countDown();
		Set<String> distinct = ConcurrentHashMap.newKeySet();
		for (Future<String> token : tokens) {
			distinct.add(token.get(10, TimeUnit.SECONDS));
		}
		pool.shutdown();
		return distinct;
	}

	/** A token source that counts what it issues, optionally slowly or failing. */
	private final class CountingSource implements TokenSource {

		final AtomicInteger issued = new AtomicInteger();

		final AtomicInteger calls = new AtomicInteger();

		volatile Duration delay = Duration.ZERO;

		volatile boolean failing;

		@Override
		public IssuedToken issue() {
			this.calls.incrementAndGet();
			if (this.failing) {
				throw new TokenUnavailableException("the token endpoint is down");
			}
			try {
				Thread.sleep(this.delay.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			int n = this.issued.incrementAndGet();
			Instant now = AppTokenProviderTests.this.clock.instant();
			return new IssuedToken("token-" + n, now, now.plus(Duration.ofHours(1)));
		}

	}

}
