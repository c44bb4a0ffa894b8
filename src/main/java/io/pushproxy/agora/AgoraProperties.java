package io.pushproxy.agora;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.regex.Pattern;

import io.pushproxy.config.InvalidSettingException;
import io.pushproxy.config.Settings;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * The operator's settings for reaching Agora ({@code agora.*}). Every check runs in the
 * constructor, so a missing or malformed setting stops start-up with one line naming it.
 * <p>
 * Each nested record is one group of {@code agora.*} settings, checked where it is bound.
 * The per-operation budgets, {@code agora.rate-limit.<budget>}, are bound by
 * {@link RateLimits} from the {@link AgoraOperation} table.
 *
 * @param baseUrl the cluster's REST host, e.g. {@code https://a41.chat.agora.io}
 * @param orgName the first half of the App Key {@code org#app}
 * @param appName the second half of the App Key
 * @param appId the App ID (32 hex characters), needed to build app tokens
 * @param appCertificate the App Certificate (32 hex characters), needed to build app
 * tokens
 * @param tokenMode how the Bearer token is obtained
 * @param clientId the client id for {@code client-credentials}
 * @param clientSecret the client secret for {@code client-credentials}
 * @param tokenTtl the lifetime of each token, at most 24 hours
 * @param rateLimit the wait for a permit and the headroom of the budgets
 * @param retry the retry policy for transient upstream faults
 * @param http the HTTP client's timeouts and pool
 * @param circuitBreaker when to stop calling an operation that keeps failing
 * @param quietHoursZone the time zone (IANA id) Agora reads quiet hours in: quiet hours
 * sent with another {@code timeZone} are converted into it
 */
@ConfigurationProperties("agora")
public record AgoraProperties(URI baseUrl, String orgName, String appName, @Nullable String appId,
		@Nullable String appCertificate, TokenMode tokenMode, @Nullable String clientId, @Nullable String clientSecret,
		Duration tokenTtl, RateLimit rateLimit, Retry retry, Http http, CircuitBreaker circuitBreaker,
		ZoneId quietHoursZone) {

	private static final Pattern APP_KEY_PART = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

	@ConstructorBinding
	public AgoraProperties(@Nullable String baseUrl, @Nullable String orgName, @Nullable String appName,
			@Nullable String appId, @Nullable String appCertificate, @Nullable String tokenMode,
			@Nullable String clientId, @Nullable String clientSecret, @Nullable Duration tokenTtl,
			@Nullable RateLimit rateLimit, @Nullable Retry retry, @Nullable Http http,
			@Nullable CircuitBreaker circuitBreaker, @Nullable String quietHoursZone) {
		this(Settings.httpUrl("agora.base-url", baseUrl),
				Settings.matching("agora.org-name", orgName, APP_KEY_PART, "1-64 of A-Z a-z 0-9 _ - ."),
				Settings.matching("agora.app-name", appName, APP_KEY_PART, "1-64 of A-Z a-z 0-9 _ - ."), appId,
				appCertificate, TokenMode.parse("agora.token-mode", tokenMode), clientId, clientSecret,
				Settings.between("agora.token-ttl", tokenTtl, Duration.ofHours(1), Duration.ofMinutes(5),
						Duration.ofHours(24)),
				(rateLimit != null) ? rateLimit : RateLimit.defaults(), (retry != null) ? retry : Retry.defaults(),
				(http != null) ? http : Http.defaults(),
				(circuitBreaker != null) ? circuitBreaker : CircuitBreaker.defaults(),
				Settings.zone("agora.quiet-hours-zone", quietHoursZone, ZoneId.of("UTC")));
	}

	public AgoraProperties {
		if (tokenMode != TokenMode.CLIENT_CREDENTIALS || appId != null || appCertificate != null) {
			appId = Settings.hex32("agora.app-id", appId);
			appCertificate = Settings.hex32("agora.app-certificate", appCertificate);
		}
		if (tokenMode == TokenMode.CLIENT_CREDENTIALS) {
			clientId = Settings.required("agora.client-id", clientId);
			clientSecret = Settings.required("agora.client-secret", clientSecret);
		}
	}

	/** The App Key as Agora writes it: {@code org#app}. */
	public String appKey() {
		return this.orgName + "#" + this.appName;
	}

	@Override
	public String toString() {
		return "AgoraProperties[baseUrl=" + this.baseUrl + ", appKey=" + appKey() + ", tokenMode=" + this.tokenMode
				+ "]";
	}

	/**
	 * How long a request may wait for a permit before it is answered 429, and how much of
	 * each budget is kept unused (in percent) so that network jitter cannot push a second
	 * over the budget. The budgets themselves, {@code agora.rate-limit.<budget>}, are
	 * bound by {@link RateLimits} from the {@link AgoraOperation} table.
	 *
	 * @param maxWait how long a request may wait for a permit before it is answered 429
	 * @param headroomPercent share of each budget left unused for network jitter
	 */
	public record RateLimit(Duration maxWait, Integer headroomPercent) {

		public RateLimit {
			maxWait = Settings.between("agora.rate-limit.max-wait", maxWait, Duration.ofMillis(250), Duration.ZERO,
					Duration.ofSeconds(10));
			headroomPercent = Settings.between("agora.rate-limit.headroom-percent", headroomPercent, 5, 0, 50);
		}

		/**
		 * Every setting absent, as Spring binds it: the compact constructor fills each
		 * default.
		 */
		@SuppressWarnings("NullAway")
		static RateLimit defaults() {
			return new RateLimit(null, null);
		}

		/**
		 * The most calls the proxy lets into any one second for a budget of so many calls
		 * per second: the budget less the headroom.
		 */
		public int ceiling(int perSecond) {
			return Math.max(2, perSecond - (int) Math.ceil(perSecond * this.headroomPercent / 100.0));
		}

	}

	/**
	 * Retries of transient faults: attempts in all (the first included), exponential
	 * backoff with jitter between {@code initialBackoff} and {@code maxBackoff}, and a
	 * total time budget per request after which the last fault is answered. The default
	 * budget of 6 s fits a wait of one second (a lone 429's {@code Retry-After}) plus a
	 * full attempt (1 s connect, 3 s read) after a first answer that took up to a second,
	 * while after a hanging first attempt (3 s) no second full attempt fits: a hanging
	 * upstream costs one read timeout. An upstream {@code Retry-After} longer than
	 * {@code maxRetryAfter} is taken as {@code maxRetryAfter}.
	 *
	 * @param maxAttempts attempts per request, the first included
	 * @param initialBackoff the first backoff (jittered)
	 * @param maxBackoff the longest backoff (jittered)
	 * @param budget total time a request may spend on attempts and waits
	 * @param maxRetryAfter the longest upstream Retry-After honoured
	 */
	public record Retry(Integer maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration budget,
			Duration maxRetryAfter) {

		public Retry {
			maxAttempts = Settings.between("agora.retry.max-attempts", maxAttempts, 4, 1, 10);
			initialBackoff = Settings.between("agora.retry.initial-backoff", initialBackoff, Duration.ofMillis(100),
					Duration.ofMillis(1), Duration.ofSeconds(10));
			maxBackoff = Settings.between("agora.retry.max-backoff", maxBackoff, Duration.ofSeconds(1),
					Duration.ofMillis(1), Duration.ofSeconds(30));
			budget = Settings.between("agora.retry.budget", budget, Duration.ofSeconds(6), Duration.ofMillis(100),
					Duration.ofSeconds(60));
			maxRetryAfter = Settings.between("agora.retry.max-retry-after", maxRetryAfter, Duration.ofSeconds(60),
					Duration.ofSeconds(1), Duration.ofHours(1));
			if (maxBackoff.compareTo(initialBackoff) < 0) {
				throw new InvalidSettingException("agora.retry.max-backoff", "must not be less than initial-backoff");
			}
		}

		/**
		 * Every setting absent, as Spring binds it: the compact constructor fills each
		 * default.
		 */
		@SuppressWarnings("NullAway")
		static Retry defaults() {
			return new Retry(null, null, null, null, null);
		}

	}

	/**
	 * The upstream HTTP client: timeouts and the size of its connection pool.
	 *
	 * @param connectTimeout how long connecting to Agora may take
	 * @param readTimeout how long Agora may take to answer
	 * @param maxConnections the size of the upstream connection pool
	 */
	public record Http(Duration connectTimeout, Duration readTimeout, Integer maxConnections) {

		public Http {
			connectTimeout = Settings.between("agora.http.connect-timeout", connectTimeout, Duration.ofSeconds(1),
					Duration.ofMillis(10), Duration.ofSeconds(30));
			readTimeout = Settings.between("agora.http.read-timeout", readTimeout, Duration.ofSeconds(3),
					Duration.ofMillis(10), Duration.ofSeconds(60));
			maxConnections = Settings.between("agora.http.max-connections", maxConnections, 200, 1, 10_000);
		}

		/**
		 * Every setting absent, as Spring binds it: the compact constructor fills each
		 * default.
		 */
		@SuppressWarnings("NullAway")
		static Http defaults() {
			return new Http(null, null, null);
		}

	}

	/**
	 * A circuit breaker per operation: once at least {@code minimumCalls} of the last
	 * {@code windowSize} requests were made and {@code failureRatePercent} of them failed
	 * after their retries (5xx, connection faults, timeouts, unreadable answers), the
	 * operation is not called at all for {@code openFor}, then {@code probes} trial
	 * requests decide whether it closes.
	 *
	 * @param failureRatePercent share of failed requests (after retries) that opens the
	 * circuit
	 * @param minimumCalls requests needed before the breaker judges
	 * @param windowSize how many recent requests it weighs
	 * @param openFor how long an open circuit refuses calls before probing
	 * @param probes trial requests while half-open
	 */
	public record CircuitBreaker(Integer failureRatePercent, Integer minimumCalls, Integer windowSize, Duration openFor,
			Integer probes) {

		public CircuitBreaker {
			failureRatePercent = Settings.between("agora.circuit-breaker.failure-rate-percent", failureRatePercent, 50,
					1, 100);
			minimumCalls = Settings.between("agora.circuit-breaker.minimum-calls", minimumCalls, 20, 1, 10_000);
			windowSize = Settings.between("agora.circuit-breaker.window-size", windowSize, 50, 1, 10_000);
			openFor = Settings.between("agora.circuit-breaker.open-for", openFor, Duration.ofSeconds(5),
					Duration.ofMillis(100), Duration.ofMinutes(10));
			probes = Settings.between("agora.circuit-breaker.probes", probes, 3, 1, 100);
		}

		/**
		 * Every setting absent, as Spring binds it: the compact constructor fills each
		 * default.
		 */
		@SuppressWarnings("NullAway")
		static CircuitBreaker defaults() {
			return new CircuitBreaker(null, null, null, null, null);
		}

	}

}
