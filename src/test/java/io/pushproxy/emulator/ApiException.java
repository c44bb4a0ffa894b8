package io.pushproxy.emulator;

/**
 * An error answer in the Chat service's shape: an HTTP status, an {@code error} code, the
 * name of the server-side exception class and a description.
 */
final class ApiException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final int status;

	private final String error;

	private final String exceptionClass;

	ApiException(int status, String error, String exceptionClass, String description) {
		super(description, null, false, false);
		this.status = status;
		this.error = error;
		this.exceptionClass = exceptionClass;
	}

	int status() {
		return this.status;
	}

	String error() {
		return this.error;
	}

	String exceptionClass() {
		return this.exceptionClass;
	}

	static ApiException illegalArgument(String description) {
		return new ApiException(400, "illegal_argument", "java.lang.IllegalArgumentException", description);
	}

	static ApiException invalidParameter(String description) {
		return new ApiException(400, "invalid_parameter", "com.easemob.im.common.exception.InvalidParameterException",
				description);
	}

	static ApiException jsonParse(String description) {
		return new ApiException(400, "json_parse", "com.fasterxml.jackson.core.JsonParseException", description);
	}

	static ApiException duplicate(String description) {
		return new ApiException(400, "duplicate_unique_property_exists",
				"org.apache.usergrid.persistence.exceptions.DuplicateUniquePropertyExistsException", description);
	}

	static ApiException unauthorized(String description) {
		return new ApiException(401, "unauthorized", "org.apache.shiro.authz.UnauthorizedException", description);
	}

	static ApiException badAccessToken(String description) {
		return new ApiException(401, "auth_bad_access_token",
				"org.apache.usergrid.management.exceptions.BadAccessTokenException", description);
	}

	/** A push call for a user that was never registered (Easemob's push error table). */
	static ApiException userNotRegistered() {
		return new ApiException(400, "required_property_not_found",
				"org.apache.usergrid.persistence.exceptions.RequiredPropertyNotFoundException",
				"Entity user requires a property named username");
	}

	/** A template call for a name that does not exist (Easemob's push error table). */
	static ApiException templateNotFound(String name) {
		return new ApiException(400, "entity_not_found",
				"org.apache.usergrid.persistence.exceptions.EntityNotFoundException", name + " template is not exist");
	}

	/** A path that names no call: a wrong URL. */
	static ApiException resourceNotFound() {
		return new ApiException(404, "service_resource_not_found",
				"org.apache.usergrid.services.exceptions.ServiceResourceNotFoundException", "url is invalid");
	}

	/** A path whose org or app is not this App Key's: a wrong URL too. */
	static ApiException organizationApplicationNotFound(String orgApp) {
		return new ApiException(404, "organization_application_not_found",
				"org.apache.usergrid.rest.exceptions.OrganizationApplicationNotFoundException", "url is invalid");
	}

	static ApiException methodNotAllowed() {
		return new ApiException(405, "web_application", "javax.ws.rs.NotAllowedException",
				"HTTP 405 Method Not Allowed");
	}

	static ApiException unsupportedMediaType() {
		return new ApiException(415, "web_application", "javax.ws.rs.NotSupportedException",
				"HTTP 415 Unsupported Media Type");
	}

	static ApiException reachLimit() {
		return new ApiException(429, "reach_limit", "com.easemob.im.common.exception.ReachLimitException",
				"This request has reached API limit.");
	}

}
