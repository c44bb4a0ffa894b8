package io.pushproxy.emulator;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.pushproxy.agora.token.AccessToken2;
import io.pushproxy.agora.token.AccessToken2Decoder;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Checks Bearer tokens the way the Chat service does (a signed 007 app token or an opaque
 * token this emulator issued) and serves the {@code /token} endpoint.
 */
final class TokenAuthority {

	private static final String BEARER = "Bearer ";

	private static final Set<String> AGORA_GRANT_FIELDS = Set.of("grant_type");

	private static final Set<String> CLIENT_CREDENTIALS_FIELDS = Set.of("grant_type", "client_id", "client_secret",
			"ttl");

	private final SecureRandom random = new SecureRandom();

	private final Map<String, Long> opaqueTokenExpiries = new ConcurrentHashMap<>();

	private final String appId;

	private final String appCertificate;

	private volatile Duration opaqueTokenTtl = Duration.ofDays(1);

	private volatile String clientId;

	private volatile String clientSecret;

	TokenAuthority(String appId, String appCertificate) {
		this.appId = appId;
		this.appCertificate = appCertificate;
	}

	void clientCredentials(String id, String secret) {
		this.clientId = id;
		this.clientSecret = secret;
	}

	void opaqueTokenTtl(Duration ttl) {
		if (ttl.toSeconds() < 1) {
			throw new IllegalArgumentException("ttl must be at least one second");
		}
		this.opaqueTokenTtl = ttl;
	}

	/** Accepts the request's Bearer token or throws a 401. */
	void authenticate(String authorization) {
		String token = bearerToken(authorization);
		if (token.startsWith("007")) {
			checkAppToken(token);
			return;
		}
		Long expiresAt = this.opaqueTokenExpiries.get(token);
		if (expiresAt == null) {
			throw ApiException.badAccessToken("Unable to authenticate due to corrupt access token");
		}
		if (expiresAt <= System.currentTimeMillis()) {
			this.opaqueTokenExpiries.remove(token);
			throw ApiException.badAccessToken("Unable to authenticate due to expired access token");
		}
	}

	/** Answers {@code POST /token}. */
	Map<String, Object> issue(JsonBody body, String authorization, String applicationUuid) {
		String grantType = body.requiredString("grant_type");
		Map<String, Object> answer = new LinkedHashMap<>();
		long now = System.currentTimeMillis();
		switch (grantType) {
			case "agora" -> {
				body.allowOnly(AGORA_GRANT_FIELDS);
				checkAppToken(bearerToken(authorization));
				long ttlSeconds = this.opaqueTokenTtl.toSeconds();
				answer.put("access_token", newOpaqueToken(now, ttlSeconds));
				answer.put("expires_in", ttlSeconds);
				answer.put("expire_timestamp", now + ttlSeconds * 1000);
			}
			case "client_credentials" -> {
				body.allowOnly(CLIENT_CREDENTIALS_FIELDS);
				String id = body.requiredString("client_id");
				String secret = body.requiredString("client_secret");
				Long ttl = body.integral("ttl");
				if (this.clientId == null || !constantTimeEquals(id, this.clientId)
						|| !constantTimeEquals(secret, this.clientSecret)) {
					throw ApiException.unauthorized("client_id or client_secret does not match");
				}
				if (ttl != null && ttl < 0) {
					throw ApiException.invalidParameter("ttl must not be negative");
				}
				long ttlSeconds = (ttl == null || ttl == 0) ? this.opaqueTokenTtl.toSeconds() : ttl;
				answer.put("access_token", newOpaqueToken(now, ttlSeconds));
				answer.put("expires_in", ttlSeconds);
				answer.put("application", applicationUuid);
			}
			default -> throw ApiException.illegalArgument("Unsupported grant_type '" + grantType + "'");
		}
		return answer;
	}

	void forgetIssuedTokens() {
		this.opaqueTokenExpiries.clear();
	}

	private void checkAppToken(String token) {
		AccessToken2Decoder.Decoded decoded;
		try {
			decoded = AccessToken2Decoder.decode(token);
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.badAccessToken("Unable to authenticate due to corrupt access token");
		}
		if (!this.appId.equals(decoded.appId()) || !AccessToken2Decoder.verify(decoded, this.appCertificate)) {
			throw ApiException.badAccessToken("Unable to authenticate due to corrupt access token");
		}
		long nowSeconds = System.currentTimeMillis() / 1000;
		Long privilegeSeconds = decoded.privilegesByService()
			.getOrDefault(AccessToken2.SERVICE_CHAT, Map.of())
			.get(AccessToken2.PRIVILEGE_CHAT_APP);
		if (privilegeSeconds == null) {
			throw ApiException.badAccessToken("Access token does not carry the Chat app privilege");
		}
		if (decoded.issueTs() + decoded.expireSeconds() <= nowSeconds
				|| decoded.issueTs() + privilegeSeconds <= nowSeconds) {
			throw ApiException.badAccessToken("Unable to authenticate due to expired access token");
		}
	}

	private String newOpaqueToken(long now, long ttlSeconds) {
		byte[] bytes = new byte[48];
		this.random.nextBytes(bytes);
		// Easemob's opaque tokens start with "YWMt"; never "007", which would be read as
		// an app token.
		String token = "YWMt" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		this.opaqueTokenExpiries.put(token, now + ttlSeconds * 1000);
		return token;
	}

	private static String bearerToken(String authorization) {
		if (authorization == null || authorization.isBlank()) {
			throw ApiException.unauthorized("Unable to authenticate due to missing access token");
		}
		if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
				|| authorization.substring(BEARER.length()).isBlank()) {
			throw ApiException.badAccessToken("Authorization header is not 'Bearer <token>'");
		}
		return authorization.substring(BEARER.length()).trim();
	}

	private static boolean constantTimeEquals(String a, String b) {
		return MessageDigest.isEqual(a.getBytes(UTF_8), b.getBytes(UTF_8));
	}

}
