package io.pushproxy.web;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Builds every {@code application/problem+json} answer (RFC 9457) the same way, whether
 * in the MVC exception handler or in a servlet filter before MVC runs.
 */
@Component
public class Problems {

	private final JsonMapper json;

	Problems(JsonMapper json) {
		this.json = json;
	}

	public static ProblemDetail of(ProblemType type, String detail, @Nullable HttpServletRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
		return decorate(problem, type, request);
	}

	static ProblemDetail decorate(ProblemDetail problem, ProblemType type, @Nullable HttpServletRequest request) {
		problem.setType(type.type());
		problem.setTitle(type.title());
		problem.setStatus(type.status().value());
		if (problem.getDetail() == null) {
			problem.setDetail(type.title());
		}
		if (request != null) {
			problem.setInstance(URI.create(request.getRequestURI()));
			problem.setProperty("requestId", RequestIds.of(request));
		}
		return problem;
	}

	static ProblemDetail withErrors(ProblemDetail problem, List<FieldProblem> errors) {
		problem.setProperty("errors", errors);
		return problem;
	}

	/** Writes a problem straight to a servlet response (filters, security handlers). */
	public void write(HttpServletRequest request, HttpServletResponse response, ProblemType type, String detail)
			throws IOException {
		ProblemDetail problem = of(type, detail, request);
		response.setStatus(type.status().value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", problem.getType());
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		body.put("instance", problem.getInstance());
		if (problem.getProperties() != null) {
			body.putAll(problem.getProperties());
		}
		this.json.writeValue(response.getOutputStream(), body);
	}

}
