package io.pushproxy.web;

import java.io.IOException;
import java.io.Writer;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's error report for requests it refuses before any filter runs (a URL with
 * encoded control characters, say): a problem+json body and a request id instead of
 * Tomcat's HTML page with its version.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		ProblemType type = (status == 400) ? ProblemType.REJECTED_URL : ProblemType.forStatus(status);
		String requestId = RequestIds.acceptOrCreate(request.getHeader(RequestIds.HEADER));
		try {
			response.setContentType("application/problem+json");
			response.setCharacterEncoding("UTF-8");
			response.setHeader(RequestIds.HEADER, requestId);
			response.setHeader("X-Content-Type-Options", "nosniff");
			response.setHeader("Cache-Control", "no-store");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write("{\"type\":\"" + type.type() + "\",\"title\":\"" + type.title() + "\",\"status\":" + status
						+ ",\"detail\":\"" + type.title() + "\",\"instance\":\"" + jsonText(instance(request))
						+ "\",\"requestId\":\"" + requestId + "\"}");
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The client is gone or the response committed; nothing more to say.
		}
	}

	private static String instance(Request request) {
		String uri = request.getRequestURI();
		return (uri != null) ? uri : "/";
	}

	/**
	 * The URL as it came, escaped for a JSON string: it is what was refused, after all.
	 */
	private static String jsonText(String text) {
		StringBuilder escaped = new StringBuilder();
		for (char c : text.toCharArray()) {
			if (c == '"' || c == '\\') {
				escaped.append('\\').append(c);
			}
			else if (c < 0x20 || c > 0x7e) {
				escaped.append(String.format("\\u%04x", (int) c));
			}
			else {
				escaped.append(c);
			}
		}
		return escaped.toString();
	}

}
