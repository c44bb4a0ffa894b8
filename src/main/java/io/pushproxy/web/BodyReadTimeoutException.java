package io.pushproxy.web;

import java.io.IOException;

/** Thrown while reading a request body that has not fully arrived by its deadline. */
class BodyReadTimeoutException extends IOException {

	BodyReadTimeoutException() {
		super("The request body did not arrive in time", null);
	}

}
