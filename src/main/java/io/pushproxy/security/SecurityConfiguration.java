package io.pushproxy.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import javax.crypto.spec.SecretKeySpec;

import io.pushproxy.config.InvalidSettingException;
import io.pushproxy.web.ProblemType;
import io.pushproxy.web.Problems;
import io.pushproxy.web.UpstreamDetailPolicy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.JwkSetUriJwtDecoderBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.OAuth2ProtectedResourceMetadata;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Who may call what: every {@code /v1} call needs a valid bearer JWT, templates need the
 * admin scope, and the self-or-admin rule for {@code {user}} is {@link Caller#actFor}.
 * Tokens are verified with the HS256 secret when one is set, otherwise through Spring
 * Boot's standard JWK-set or issuer settings; in both modes they must pass
 * {@link CallerTokenRules}, and in the JWK mode unknown key ids cannot make the decoder
 * fetch the key set again and again ({@link RateLimitedKeyLookups}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration implements WebMvcConfigurer {

	private static final String JWK_SET_URI = "spring.security.oauth2.resourceserver.jwt.jwk-set-uri";

	private static final String ISSUER_URI = "spring.security.oauth2.resourceserver.jwt.issuer-uri";

	private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

	private final SecurityProperties properties;

	SecurityConfiguration(SecurityProperties properties) {
		this.properties = properties;
		if (properties.jwt().audience() == null) {
			log.warn("proxy.security.jwt.audience (PROXY_SECURITY_JWT_AUDIENCE) is not set: any token the same "
					+ "secret or identity provider signs, for whichever client or API, is accepted. "
					+ "Set it to the audience your identity provider puts into this API's access tokens.");
		}
	}

	/**
	 * Admin callers (internal services) may read Agora's own words in an error answer.
	 */
	@Bean
	static UpstreamDetailPolicy upstreamDetailPolicy() {
		return () -> Caller.current().map(Caller::admin).orElse(false);
	}

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, Problems problems, Environment environment) throws Exception {
		requireTokenVerification(environment);
		BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
		AuthenticationEntryPoint unauthenticated = (request, response, ex) -> {
			bearer.commence(request, response, ex);
			problems.write(request, response, ProblemType.UNAUTHENTICATED, UnauthenticatedReason.of(ex));
		};
		AccessDeniedHandler forbidden = (request, response, ex) -> problems.write(request, response,
				ProblemType.FORBIDDEN, "The caller's token lacks the scope this call needs");
		String admin = CallerAuthenticationConverter.adminAuthority(this.properties);
		http.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.formLogin((form) -> form.disable())
			.httpBasic((basic) -> basic.disable())
			.logout((logout) -> logout.disable())
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/v1/push/templates", "/v1/push/templates/**")
				.hasAuthority(admin)
				.requestMatchers("/v1/**")
				.authenticated()
				// Everything else is public so that an unknown route is an honest 404;
				// the
				// actuator exposes only health and info.
				.anyRequest()
				.permitAll())
			.oauth2ResourceServer((server) -> server
				.jwt((jwt) -> jwt.jwtAuthenticationConverter(new CallerAuthenticationConverter(this.properties)))
				.protectedResourceMetadata((metadata) -> metadata.protectedResourceMetadataCustomizer(
						(builder) -> protectedResourceMetadata(builder, environment.getProperty(ISSUER_URI))))
				.authenticationEntryPoint(unauthenticated)
				.accessDeniedHandler(forbidden))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(unauthenticated)
				.accessDeniedHandler(forbidden));
		return http.build();
	}

	/**
	 * What {@code /.well-known/oauth-protected-resource} (RFC 9728) says of this API:
	 * bearer tokens in the header, not bound to a TLS client certificate (Spring's
	 * default says they are), the admin scope, and the issuer when one is configured.
	 */
	private void protectedResourceMetadata(OAuth2ProtectedResourceMetadata.Builder metadata,
			@Nullable String issuerUri) {
		metadata.tlsClientCertificateBoundAccessTokens(false)
			.resourceName("Agora push proxy")
			.scope(this.properties.adminScope());
		String issuer = (this.properties.jwt().issuer() != null) ? this.properties.jwt().issuer() : issuerUri;
		if (issuer != null) {
			metadata.authorizationServer(issuer);
		}
	}

	/**
	 * No Micrometer observation around every security filter, authentication and
	 * authorization: they cost about a tenth of a request's CPU and tell nothing that
	 * {@code http.server.requests} does not (docs/performance.md).
	 */
	@Bean
	static SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	/**
	 * The firewall Spring Security's filter chain applies to every request before
	 * anything else decides on its path.
	 */
	@Bean
	HttpFirewall pathFirewall() {
		return new PathFirewall();
	}

	/**
	 * Paths the firewall refuses (any percent-encoded character, {@code ..}, {@code ;},
	 * CR/LF) get a problem answer too.
	 */
	@Bean
	RequestRejectedHandler problemRequestRejectedHandler(Problems problems) {
		return (request, response, ex) -> problems.write(request, response, ProblemType.REJECTED_URL,
				(ex instanceof PathFirewall.EncodedPathException)
						? "The request path holds a percent-encoded character (%xx); no path of this API needs one: "
								+ "send the characters themselves"
						: "The request URL contains relative segments or characters the proxy does not accept");
	}

	/**
	 * The claim rules of both modes. As a bean, Spring Boot adds it to the validators of
	 * the decoder it builds for the JWK-set or issuer settings; the HS256 decoder adds it
	 * itself.
	 */
	@Bean
	CallerTokenRules callerTokenRules(Clock clock) {
		return new CallerTokenRules(this.properties.jwt(), clock);
	}

	/**
	 * In the JWK mode (the builder Spring Boot uses for either setting), rate-limit
	 * fetches for unknown key ids.
	 */
	@Bean
	JwkSetUriJwtDecoderBuilderCustomizer rateLimitedKeyLookups(Clock clock) {
		return (builder) -> builder
			.jwtProcessorCustomizer((processor) -> RateLimitedKeyLookups.apply(processor, clock));
	}

	/**
	 * Verified HS256 tokens remembered (docs/performance.md): the callers of several
	 * minutes on one replica, about 12 MB at most.
	 */
	static final int VERIFIED_TOKENS = 4096;

	/** A remembered token not sent again for this long is dropped. */
	static final Duration VERIFIED_TOKEN_IDLE = Duration.ofMinutes(10);

	@Bean
	@ConditionalOnProperty("proxy.security.jwt.secret")
	JwtDecoder hs256JwtDecoder(CallerTokenRules rules) {
		SecurityProperties.Jwt jwt = this.properties.jwt();
		NimbusJwtDecoder decoder = NimbusJwtDecoder
			.withSecretKey(new SecretKeySpec(
					Objects.requireNonNull(jwt.secret(), "proxy.security.jwt.secret").getBytes(StandardCharsets.UTF_8),
					"HmacSHA256"))
			.macAlgorithm(MacAlgorithm.HS256)
			.build();
		OAuth2TokenValidator<Jwt> defaults = (jwt.issuer() != null)
				? JwtValidators.createDefaultWithIssuer(jwt.issuer()) : JwtValidators.createDefault();
		OAuth2TokenValidator<Jwt> all = new DelegatingOAuth2TokenValidator<>(defaults, rules);
		decoder.setJwtValidator(all);
		return new VerifiedTokens(decoder, all, VERIFIED_TOKENS, VERIFIED_TOKEN_IDLE);
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new CallerArgumentResolver());
	}

	private void requireTokenVerification(Environment environment) {
		if (this.properties.jwt().secret() == null && !environment.containsProperty(JWK_SET_URI)
				&& !environment.containsProperty(ISSUER_URI)) {
			throw new InvalidSettingException("proxy.security.jwt.secret",
					"is required unless " + JWK_SET_URI + " or " + ISSUER_URI + " is set");
		}
	}

}
