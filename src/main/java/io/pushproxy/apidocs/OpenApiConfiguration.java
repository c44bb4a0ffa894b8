package io.pushproxy.apidocs;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.pushproxy.security.Caller;
import io.pushproxy.web.ProblemType;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of the {@code /v1} API at {@code /v3/api-docs}: bearer JWT
 * security, and on every operation the problem+json answers the contract promises, one
 * example per {@link ProblemType} of each status, with the {@code X-Request-Id} and
 * {@code Retry-After} headers.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	/**
	 * The resolved {@link Caller} comes from the token, not the request: not a parameter.
	 */
	static {
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
	}

	private static final String BEARER = "bearer";

	private static final String REQUEST_ID = "X-Request-Id";

	private static final String RETRY_AFTER = "Retry-After";

	private static final String ETAG = "ETag";

	private static final String CACHE_STATUS = "Cache-Status";

	private static final String CACHE_CONTROL = "Cache-Control";

	private static final String LOCATION = "Location";

	/** Problem answers any call can get. */
	private static final Set<Integer> EVERY_CALL = Set.of(400, 401, 403, 404, 406, 429, 500, 502, 503, 504);

	/** Problem answers only a call with a request body can get. */
	private static final Set<Integer> WITH_A_BODY = Set.of(408, 413, 415);

	@Bean
	OpenAPI pushProxyOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Agora push proxy")
				.version("v1")
				.description("Offline-push settings of Agora Chat users, and the app's push templates. "
						+ "Mobile users act for themselves ({user} = their username or 'me'); internal services "
						+ "with the admin scope act for anyone and manage templates. Every error is "
						+ "application/problem+json; every answer carries X-Request-Id.")
				.license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")))
			.addServersItem(new Server().url("/").description("The proxy that serves this document"))
			.components(new Components()
				.addSecuritySchemes(BEARER,
						new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT"))
				.addHeaders(REQUEST_ID,
						new Header()
							.description("The caller's request id if it sent a sane one (1-64 of A-Z a-z 0-9 . _ : -), "
									+ "else a new one; the proxy's log lines carry it")
							.schema(new StringSchema().example("3f1c0d9e-2b7a-4c51-9d0e-5a8f6b1c2d3e")))
				.addHeaders(RETRY_AFTER,
						new Header().description("Seconds to wait before trying again")
							.schema(new IntegerSchema().example(1)))
				.addHeaders(ETAG, new Header()
					.description("Strong entity tag of the representation (its bytes' SHA-256, first 128 bits): "
							+ "send it back in If-None-Match to read, or If-Match to change only if unchanged")
					.schema(new StringSchema().example("\"72006d81d8e2e779e60db60bf0bdecfa\"")))
				.addHeaders(CACHE_STATUS, new Header()
					.description("RFC 9211: 'agora-push-proxy; hit' when every entry the answer needed was in the "
							+ "proxy's read cache, else 'fwd=miss' (read from Agora), 'fwd=request' (Cache-Control: "
							+ "no-cache) or 'fwd=bypass' (cache off)")
					.schema(new StringSchema().example("agora-push-proxy; hit")))
				.addHeaders(LOCATION,
						new Header().description("The URL of what was created")
							.schema(new StringSchema().format("uri-reference").example("/v1/push/templates/welcome")))
				.addHeaders(CACHE_CONTROL,
						new Header().description("Only the caller may keep the answer, and must revalidate it")
							.schema(new StringSchema().example("private, no-cache"))))
			.addSecurityItem(new SecurityRequirement().addList(BEARER));
	}

	@Bean
	OpenApiCustomizer problemAnswers() {
		return (openApi) -> {
			openApi.getComponents().addSchemas(ProblemSchema.NAME, ProblemSchema.schema());
			openApi.getPaths()
				.forEach((path, item) -> item.readOperationsMap()
					.forEach((method, operation) -> addProblemAnswers(path, method, operation)));
		};
	}

	private static void addProblemAnswers(String path, PathItem.HttpMethod method, Operation operation) {
		ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses() : new ApiResponses();
		responses.values().forEach((response) -> response.addHeaderObject(REQUEST_ID, headerRef(REQUEST_ID)));
		if (method == PathItem.HttpMethod.GET) {
			addConditionalRead(operation, responses);
		}
		ApiResponse written = switch (method) {
			case PUT, PATCH -> responses.get("200");
			case POST -> responses.get("201");
			default -> null;
		};
		if (written != null) {
			written.addHeaderObject(ETAG, headerRef(ETAG));
		}
		if (method == PathItem.HttpMethod.POST && written != null) {
			written.addHeaderObject(LOCATION, headerRef(LOCATION));
		}
		Set<Integer> statuses = new TreeSet<>(EVERY_CALL);
		if (operation.getRequestBody() != null) {
			statuses.addAll(WITH_A_BODY);
		}
		if (method == PathItem.HttpMethod.PUT || method == PathItem.HttpMethod.PATCH) {
			statuses.add(412);
		}
		if (method == PathItem.HttpMethod.POST) {
			statuses.add(409);
		}
		for (int status : statuses) {
			List<ProblemType> types = Arrays.stream(ProblemType.values())
				.filter((type) -> type.status().value() == status)
				.toList();
			MediaType problem = new MediaType()
				.schema(new Schema<>().$ref("#/components/schemas/" + ProblemSchema.NAME));
			types.forEach((type) -> problem.addExamples(type.slug(),
					new Example().summary(type.title()).value(ProblemSchema.example(type, path))));
			ApiResponse response = new ApiResponse()
				.description(types.stream().map(ProblemType::slug).collect(Collectors.joining(", ")))
				.content(new Content().addMediaType("application/problem+json", problem))
				.addHeaderObject(REQUEST_ID, headerRef(REQUEST_ID));
			if (status == 429 || status == 503) {
				response.addHeaderObject(RETRY_AFTER, headerRef(RETRY_AFTER));
			}
			if (status == 412) {
				response.addHeaderObject(ETAG, headerRef(ETAG));
			}
			responses.putIfAbsent(String.valueOf(status), response);
		}
		operation.setResponses(responses);
	}

	/**
	 * A GET's 200 carries ETag, Cache-Control and Cache-Status; If-None-Match may turn it
	 * into a 304, and Cache-Control: no-cache makes it read from Agora.
	 */
	private static void addConditionalRead(Operation operation, ApiResponses responses) {
		operation.addParametersItem(new HeaderParameter().name("If-None-Match")
			.description("ETags of representations the caller holds: 304 without a body when one is current")
			.schema(new StringSchema().example("\"72006d81d8e2e779e60db60bf0bdecfa\"")));
		operation.addParametersItem(new HeaderParameter().name(CACHE_CONTROL)
			.description("no-cache: read from Agora rather than the proxy's cache (pull to refresh), and refresh it")
			.schema(new StringSchema().example("no-cache")));
		ApiResponse ok = responses.get("200");
		if (ok != null) {
			ok.addHeaderObject(ETAG, headerRef(ETAG))
				.addHeaderObject(CACHE_CONTROL, headerRef(CACHE_CONTROL))
				.addHeaderObject(CACHE_STATUS, headerRef(CACHE_STATUS));
		}
		responses.putIfAbsent("304",
				new ApiResponse().description("Not Modified: If-None-Match holds the current ETag; no body")
					.addHeaderObject(ETAG, headerRef(ETAG))
					.addHeaderObject(CACHE_CONTROL, headerRef(CACHE_CONTROL))
					.addHeaderObject(CACHE_STATUS, headerRef(CACHE_STATUS))
					.addHeaderObject(REQUEST_ID, headerRef(REQUEST_ID)));
	}

	private static Header headerRef(String name) {
		return new Header().$ref("#/components/headers/" + name);
	}

}
