package io.pushproxy.push;

/**
 * Enum constants by their exact names only: Jackson alone would also take them padded.
 */
final class ExactNames {

	private ExactNames() {
	}

	static <E extends Enum<E>> E of(Class<E> type, String name) {
		for (E constant : type.getEnumConstants()) {
			if (constant.name().equals(name)) {
				return constant;
			}
		}
		throw new IllegalArgumentException("unknown");
	}

}
