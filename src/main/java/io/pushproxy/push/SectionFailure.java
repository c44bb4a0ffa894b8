package io.pushproxy.push;

import io.pushproxy.agora.UpstreamFailure;
import io.pushproxy.web.ProblemType;

/**
 * A section of a push profile whose upstream call failed: an entry of a profile's
 * {@code unavailable} or of a partly failed PATCH's {@code failed}.
 *
 * @param section {@code displayName}, {@code displayStyle}, {@code settings} or
 * {@code language}
 * @param status the status a single call would have answered
 * @param type the problem type a single call would have answered
 */
public record SectionFailure(String section, int status, String type) {

	public static SectionFailure of(String section, UpstreamFailure failure) {
		ProblemType type = ProblemType.of(failure.kind());
		return new SectionFailure(section, type.status().value(), type.type().toString());
	}

}
