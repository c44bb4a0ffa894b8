package io.pushproxy.agora;

/** The upstream {@code chattype} path segment. */
public enum ChatType {

	USER("user"), CHATGROUP("chatgroup");

	private final String segment;

	ChatType(String segment) {
		this.segment = segment;
	}

	public String segment() {
		return this.segment;
	}

}
