package io.pushproxy.support;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

/** Agora-shaped answers for WireMock stubs. */
public final class Upstream {

	private Upstream() {
	}

	public static ResponseDefinitionBuilder okJson(String body) {
		return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
	}

	/** A notification or template answer: {@code data} in Agora's envelope. */
	public static String data(String data) {
		return "{\"path\":\"/users\",\"uri\":\"https://x/y\",\"timestamp\":1647503749918,\"organization\":\"testorg\","
				+ "\"application\":\"17fe\",\"action\":\"get\",\"data\":" + data
				+ ",\"duration\":20,\"applicationName\":\"testapp\"}";
	}

	/** A user answer: {@code entities} in Agora's envelope. */
	public static String userEnvelope(String entity) {
		return "{\"action\":\"put\",\"application\":\"8be0\",\"path\":\"/users\",\"uri\":\"https://x/y/z/users\","
				+ "\"entities\":[" + entity + "],\"timestamp\":1542596083685,\"duration\":6,"
				+ "\"organization\":\"testorg\",\"applicationName\":\"testapp\"}";
	}

	/** Agora's error body. */
	public static ResponseDefinitionBuilder error(int status, String code, String description) {
		return error(status, code, "com.easemob.Exception", description);
	}

	/**
	 * Agora's error body naming the server-side exception, e.g.
	 * {@code ...EntityNotFoundException}.
	 */
	public static ResponseDefinitionBuilder error(int status, String code, String exception, String description) {
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"" + code + "\",\"exception\":\"" + exception + "\",\"timestamp\":1,"
					+ "\"duration\":0,\"error_description\":\"" + description + "\"}");
	}

}
