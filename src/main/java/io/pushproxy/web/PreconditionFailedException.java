package io.pushproxy.web;

/**
 * A PUT or PATCH whose {@code If-Match} does not hold the current representation's entity
 * tag: answered 412 {@code precondition-failed} with the current tag, and nothing was
 * written.
 */
public class PreconditionFailedException extends RuntimeException {

	private final String currentTag;

	public PreconditionFailedException(String currentTag) {
		super("If-Match does not hold the current ETag " + currentTag
				+ ": read the resource again, and apply the change to what it is now", null, false, false);
		this.currentTag = currentTag;
	}

	String currentTag() {
		return this.currentTag;
	}

}
