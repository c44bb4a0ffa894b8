package io.pushproxy.web;

import java.io.IOException;

/** Thrown while reading a request body that turns out larger than the limit. */
class BodyTooLargeException extends IOException {

	BodyTooLargeException() {
		super("The request body is larger than the limit", null);
	}

}
