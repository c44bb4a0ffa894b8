package io.pushproxy.fuzz;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The validation table of the app-facing contract ({@code api-contract.md}), written down
 * independently of the proxy's own validators: the fuzz tests use it both to predict what
 * the proxy must accept and to check what reaches the upstream.
 */
final class ContractRules {

	/**
	 * {@code {user}} and a peer {@code {id}}: 1-64 of {@code A-Z a-z 0-9 _ - .}, never a
	 * bare dot segment.
	 */
	static final Pattern USERNAME = Pattern.compile("(?!\\.{1,2}$)[A-Za-z0-9_.-]{1,64}");

	static final Pattern GROUP_ID = Pattern.compile("[0-9]{1,64}");

	static final Pattern TEMPLATE_NAME = Pattern.compile("[A-Za-z0-9]{1,64}");

	static final String CLOCK_REGEX = "([01][0-9]|2[0-3]):[0-5][0-9]";

	static final Pattern CLOCK = Pattern.compile(CLOCK_REGEX);

	/** Agora's {@code ignoreInterval}: empty (cleared) or {@code HH:MM-HH:MM}. */
	static final Pattern INTERVAL = Pattern.compile("|" + CLOCK_REGEX + "-" + CLOCK_REGEX);

	static final Pattern LANGUAGE = Pattern.compile("|[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*");

	/**
	 * An ISO-8601 duration as the contract writes them ({@code PT30M}, {@code P1D}):
	 * upper case, no signs.
	 */
	private static final Pattern CANONICAL_DURATION = Pattern
		.compile("P([0-9]+D)?(T([0-9]+H)?([0-9]+M)?([0-9]+(\\.[0-9]{1,9})?S)?)?");

	static final long MAX_DO_NOT_DISTURB_MILLIS = Duration.ofDays(7).toMillis();

	private ContractRules() {
	}

	static boolean username(String value) {
		return value != null && USERNAME.matcher(value).matches();
	}

	static boolean groupId(String value) {
		return value != null && GROUP_ID.matcher(value).matches();
	}

	static boolean templateName(String value) {
		return value != null && TEMPLATE_NAME.matcher(value).matches();
	}

	static boolean clock(String value) {
		return value != null && CLOCK.matcher(value).matches();
	}

	static boolean language(String value) {
		return value != null && value.length() <= 35 && LANGUAGE.matcher(value).matches();
	}

	static boolean displayName(String value) {
		return text(value, 100, false);
	}

	/**
	 * Text of 1 to {@code max} Unicode code points, no unpaired surrogate and no control
	 * character (but line breaks and tabs when {@code lineBreaks}).
	 */
	static boolean text(String value, int max, boolean lineBreaks) {
		if (value == null) {
			return false;
		}
		int codePoints = 0;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isHighSurrogate(c)) {
				if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
					return false;
				}
				i++;
			}
			else if (Character.isLowSurrogate(c)) {
				return false;
			}
			else if (Character.isISOControl(c) && !(lineBreaks && (c == '\n' || c == '\r' || c == '\t'))) {
				return false;
			}
			codePoints++;
		}
		return codePoints >= 1 && codePoints <= max;
	}

	/**
	 * A template pattern: text with line breaks, not blank. Text made only of Unicode
	 * spaces beyond ASCII is blank to some readings and not to others: the contract
	 * leaves it open.
	 */
	static Verdict pattern(String value, int max) {
		if (!text(value, max, true) || value.trim().isEmpty()) {
			return Verdict.BAD;
		}
		boolean onlySpaces = value.codePoints()
			.allMatch((cp) -> cp <= ' ' || Character.isWhitespace(cp) || Character.isSpaceChar(cp));
		return onlySpaces ? Verdict.ANY : Verdict.OK;
	}

	/**
	 * {@code doNotDisturbFor}: an ISO-8601 duration from {@code PT0S} to {@code P7D} in
	 * whole milliseconds. Spellings that {@link Duration#parse} accepts beyond the
	 * contract's examples (lower case, signs, a decimal comma, very long text) are left
	 * open.
	 */
	static Verdict doNotDisturbFor(String value) {
		Duration duration = duration(value);
		if (duration == null) {
			return Verdict.BAD;
		}
		boolean canonical = CANONICAL_DURATION.matcher(value).matches() && value.length() <= 64;
		return canonical ? Verdict.OK : Verdict.ANY;
	}

	/** The duration in range and whole milliseconds, or null. */
	static Duration duration(String value) {
		if (value == null) {
			return null;
		}
		try {
			Duration duration = Duration.parse(value);
			boolean inRange = !duration.isNegative() && duration.compareTo(Duration.ofDays(7)) <= 0;
			return (inRange && duration.getNano() % 1_000_000 == 0) ? duration : null;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/** Whether a string holds an unpaired surrogate (which cannot be sent as UTF-8). */
	static boolean hasUnpairedSurrogate(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < value.length()
					&& Character.isLowSurrogate(value.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return true;
			}
		}
		return false;
	}

}
