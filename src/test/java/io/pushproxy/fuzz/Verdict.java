package io.pushproxy.fuzz;

/**
 * What the contract says about a generated input: it must be accepted ({@link #OK}), must
 * be refused with a 4xx ({@link #BAD}), or the contract leaves it open ({@link #ANY}:
 * only the safety properties apply).
 */
enum Verdict {

	OK, BAD, ANY;

	/** The verdict of an input made of two parts: any bad part makes it bad. */
	Verdict and(Verdict other) {
		if (this == BAD || other == BAD) {
			return BAD;
		}
		if (this == ANY || other == ANY) {
			return ANY;
		}
		return OK;
	}

	static Verdict of(boolean valid) {
		return valid ? OK : BAD;
	}

}
