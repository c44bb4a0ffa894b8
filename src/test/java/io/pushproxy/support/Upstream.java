package io.pushproxy.support;

import java.util.UUID;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

/** Agora-shaped answers for WireMock stubs. */
public final class Upstream {

	private Upstream() {
	}

	/**
	 * Stubs {@code request} to give {@code answers} one after the other, the last one
	 * from then on (a WireMock scenario of its own).
	 */
	public static void inTurn(WireMockServer upstream, Supplier<MappingBuilder> request,
			ResponseDefinitionBuilder... answers) {
		String scenario = "in turn " + UUID.randomUUID();
		for (int i = 0; i < answers.length; i++) {
			ScenarioMappingBuilder stub = request.get()
				.inScenario(scenario)
				.whenScenarioStateIs((i == 0) ? Scenario.STARTED : "answer " + i)
				.willReturn(answers[i]);
			upstream.stubFor((i < answers.length - 1) ? stub.willSetStateTo("answer " + (i + 1)) : stub);
		}
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
