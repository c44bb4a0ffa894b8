package io.pushproxy.security;

import java.util.Locale;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of the self-or-admin rule over generated usernames, rich in characters whose
 * case folds onto ASCII ({@code ı İ ſ K}): a token acts for a user only when its claim is
 * the very same ASCII name, ignoring ASCII case alone.
 */
class CallerIdentityPropertyTests {

	private static final String ASCII_NAME = "[A-Za-z0-9_.-]{1,64}";

	private final CallerAuthenticationConverter converter = new CallerAuthenticationConverter(
			new SecurityProperties(null, null, null));

	@Property(tries = 2000)
	void aTokenActsForAnotherNameOnlyWhenBothAreTheSameAsciiName(@ForAll("claims") String claim,
			@ForAll("asciiNames") String user) {
		Caller caller;
		try {
			this.converter.convert(jwt(claim));
			caller = new Caller(claim, false);
		}
		catch (InvalidBearerTokenException refused) {
			assertThat(claim.matches(ASCII_NAME) && !claim.equals(".") && !claim.equals("..")).isFalse();
			return;
		}
		assertThat(claim).matches(ASCII_NAME);
		boolean allowed;
		try {
			caller.actFor(user);
			allowed = true;
		}
		catch (AccessDeniedException denied) {
			allowed = false;
		}
		assertThat(allowed).isEqualTo(claim.toLowerCase(Locale.ROOT).equals(user.toLowerCase(Locale.ROOT)));
	}

	@Provide
	Arbitrary<String> claims() {
		Arbitrary<String> folding = Arbitraries.strings()
			.withChars("aiksAIKS.-_\u0131\u0130\u017F\u212A\u212B\u03C3\u03C2\u00DF")
			.ofMinLength(1)
			.ofMaxLength(6);
		return Arbitraries.oneOf(folding, Arbitraries.strings().ofMinLength(1).ofMaxLength(70), asciiNames());
	}

	@Provide
	Arbitrary<String> asciiNames() {
		return Arbitraries.strings()
			.withChars("aiksAIKS.-_0")
			.ofMinLength(1)
			.ofMaxLength(6)
			.filter((name) -> !name.equals(".") && !name.equals(".."));
	}

	private static Jwt jwt(String subject) {
		return Jwt.withTokenValue("token").header("alg", "HS256").subject(subject).build();
	}

}
