package io.pushproxy.web;

import java.time.Duration;

import io.pushproxy.agora.UpstreamFailure;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.jspecify.annotations.Nullable;

/**
 * Turns every failure inside Spring MVC into an {@code application/problem+json} answer
 * with a stable {@code type}, the request id, and for validation the list of field
 * problems ({@link ValidationProblems}, {@link UnreadableBody}). Nothing of an exception
 * but its safe message ever reaches the body.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	private final UpstreamDetailPolicy upstreamDetail;

	ApiExceptionHandler(UpstreamDetailPolicy upstreamDetail) {
		this.upstreamDetail = upstreamDetail;
	}

	@ExceptionHandler(UpstreamFailure.class)
	ResponseEntity<Object> upstreamFailure(UpstreamFailure failure, HttpServletRequest request) {
		ProblemType type = ProblemType.of(failure.kind());
		HttpHeaders headers = new HttpHeaders();
		Duration retryAfter = failure.retryAfter();
		boolean tryLater = type.status().value() == 429 || type.status().value() == 503;
		if (retryAfter != null && tryLater) {
			headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, (retryAfter.toMillis() + 999) / 1000)));
		}
		return answer(Problems.of(type, detail(failure), request), headers);
	}

	/**
	 * The first failure's answer, with the members that say what else happened (a PATCH's
	 * {@code applied} and {@code failed}).
	 */
	@ExceptionHandler(PartialUpstreamFailure.class)
	ResponseEntity<Object> partialUpstreamFailure(PartialUpstreamFailure partial, HttpServletRequest request) {
		ResponseEntity<Object> answer = upstreamFailure(partial.first(), request);
		if (answer.getBody() instanceof ProblemDetail problem) {
			partial.members().forEach(problem::setProperty);
		}
		return answer;
	}

	/**
	 * The proxy's own fixed text; Agora's {@code error_description} only for an admin
	 * caller (an internal service that may act on it). A mobile user never sees Agora's
	 * words: they can name internals and are not written for end users. The gateway logs
	 * them with the request id.
	 */
	private String detail(UpstreamFailure failure) {
		String said = failure.upstreamDescription();
		boolean admin = said != null && this.upstreamDetail.currentCallerMaySeeUpstreamDetail();
		return admin ? said : failure.getMessage();
	}

	@ExceptionHandler(InvalidRequestException.class)
	ResponseEntity<Object> invalidRequest(InvalidRequestException ex, HttpServletRequest request) {
		return answer(ValidationProblems.problem(ex.errors(), request), new HttpHeaders());
	}

	@ExceptionHandler(PreconditionFailedException.class)
	ResponseEntity<Object> preconditionFailed(PreconditionFailedException ex, HttpServletRequest request) {
		HttpHeaders headers = new HttpHeaders();
		headers.setETag(ex.currentTag());
		return answer(Problems.of(ProblemType.PRECONDITION_FAILED, ex.getMessage(), request), headers);
	}

	@ExceptionHandler(AccessDeniedException.class)
	ResponseEntity<Object> accessDenied(AccessDeniedException ex, HttpServletRequest request) {
		return answer(Problems.of(ProblemType.FORBIDDEN, ex.getMessage(), request), new HttpHeaders());
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> unexpected(Exception ex, HttpServletRequest request) {
		log.error("Unexpected failure", ex);
		return answer(Problems.of(ProblemType.INTERNAL, "The proxy failed unexpectedly; quote the requestId", request),
				new HttpHeaders());
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return answer(ValidationProblems.problem(ValidationProblems.of(ex.getBindingResult()), servletRequest(request)),
				headers);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return answer(ValidationProblems.problem(ValidationProblems.of(ex), servletRequest(request)), headers);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return answer(UnreadableBody.problem(ex, servletRequest(request)), headers);
	}

	/** A mistyped route: the API's own words, not Spring's "No static resource". */
	@Override
	protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		return answer(Problems.of(ProblemType.NOT_FOUND,
				"No call of this API answers " + ex.getHttpMethod() + " on this path; the README lists every call",
				servletRequest(request)), headers);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		HttpServletRequest servletRequest = servletRequest(request);
		if (servletRequest != null && servletRequest.getContentType() == null && !hasBody(servletRequest)) {
			return answer(Problems.of(ProblemType.MALFORMED_BODY, "A JSON request body is required", servletRequest),
					new HttpHeaders());
		}
		return super.handleHttpMediaTypeNotSupported(ex, headers, status, request);
	}

	private static boolean hasBody(HttpServletRequest request) {
		return request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
	}

	@Override
	protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
			WebRequest request) {
		ProblemDetail problem = (body instanceof ProblemDetail detail) ? detail : ProblemDetail.forStatus(status);
		ProblemType type = ProblemType.forStatus(status.value());
		if (problem.getType() == null || !problem.getType().toString().startsWith(ProblemType.BASE)) {
			String detail = (type == ProblemType.INTERNAL) ? null : problem.getDetail();
			problem.setDetail(detail);
			Problems.decorate(problem, type, servletRequest(request));
		}
		return new ResponseEntity<>(problem, headers, problem.getStatus());
	}

	private ResponseEntity<Object> answer(ProblemDetail problem, HttpHeaders headers) {
		return new ResponseEntity<>(problem, headers, problem.getStatus());
	}

	private static @Nullable HttpServletRequest servletRequest(WebRequest request) {
		return (request instanceof ServletWebRequest servlet) ? servlet.getRequest() : null;
	}

}
