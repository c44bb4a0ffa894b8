package io.pushproxy.push;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link Text}. */
class TextValidator implements ConstraintValidator<Text, String> {

	private int min;

	private int max;

	private boolean lineBreaks;

	@Override
	public void initialize(Text text) {
		this.min = text.min();
		this.max = text.max();
		this.lineBreaks = text.lineBreaks();
	}

	@Override
	public boolean isValid(String value, ConstraintValidatorContext context) {
		if (value == null) {
			return true;
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
			else if (Character.isLowSurrogate(c) || !allowed(c)) {
				return false;
			}
			codePoints++;
		}
		return codePoints >= this.min && codePoints <= this.max;
	}

	private boolean allowed(char c) {
		if (!Character.isISOControl(c)) {
			return true;
		}
		return this.lineBreaks && (c == '\n' || c == '\r' || c == '\t');
	}

}
