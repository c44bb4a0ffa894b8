package io.pushproxy.web;

/**
 * Whether the caller of the current request may read Agora's own words in an error
 * answer. The security package answers it (admins may); the web package only asks, so
 * that it does not depend on how callers are recognised.
 */
@FunctionalInterface
public interface UpstreamDetailPolicy {

	boolean currentCallerMaySeeUpstreamDetail();

}
