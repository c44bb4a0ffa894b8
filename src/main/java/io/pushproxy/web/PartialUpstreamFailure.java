package io.pushproxy.web;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.pushproxy.agora.UpstreamFailure;

/**
 * A request whose upstream calls partly failed: answered as its first failure would be,
 * with extra problem members saying what took effect and what did not.
 */
public class PartialUpstreamFailure extends RuntimeException {

	private final UpstreamFailure first;

	private final Map<String, Object> members;

	public PartialUpstreamFailure(UpstreamFailure first, Map<String, Object> members) {
		super(first.getMessage(), null, false, false);
		this.first = first;
		this.members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
	}

	UpstreamFailure first() {
		return this.first;
	}

	Map<String, Object> members() {
		return this.members;
	}

}
