package io.pushproxy.web;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A filter that reads {@code Accept} the way this API answers: always JSON in UTF-8. A
 * {@code charset} parameter is dropped (otherwise a change made upstream could end in a
 * failure to write the answer in, say, ISO-8859-1), and an {@code Accept} that cannot be
 * parsed counts as absent, so that even that caller gets a readable answer.
 */
@Component
@Order(FilterOrder.ACCEPT_HEADER)
class AcceptHeaderFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		chain.doFilter((accept != null) ? new NormalizedAccept(request, normalize(accept)) : request, response);
	}

	static String normalize(String accept) {
		try {
			List<MediaType> types = MediaType.parseMediaTypes(accept);
			return types.stream()
				.map((type) -> new MediaType(type.getType(), type.getSubtype(),
						type.getParameters()
							.entrySet()
							.stream()
							.filter((parameter) -> !parameter.getKey().equalsIgnoreCase("charset"))
							.collect(Collectors.toMap((e) -> e.getKey(), (e) -> e.getValue()))))
				.map(MediaType::toString)
				.collect(Collectors.joining(", "));
		}
		catch (RuntimeException ex) {
			// Spring's parser fails on some garbage with more than
			// IllegalArgumentException.
			return MediaType.ALL_VALUE;
		}
	}

	private static final class NormalizedAccept extends HttpServletRequestWrapper {

		private final String accept;

		NormalizedAccept(HttpServletRequest request, String accept) {
			super(request);
			this.accept = accept;
		}

		@Override
		public String getHeader(String name) {
			return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? this.accept : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? Collections.enumeration(List.of(this.accept))
					: super.getHeaders(name);
		}

	}

}
