package io.pushproxy.push;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;

import io.pushproxy.support.ApiClient.Answer;
import io.pushproxy.support.EmulatorProxyTest;
import io.pushproxy.support.MutableClock;
import io.pushproxy.support.TestJwts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Quiet hours in the caller's time zone against the emulator, whose stored window is read
 * back without a zone to see exactly what reached Agora (which reads it in UTC here).
 */
@Import(QuietHoursTimeZoneTests.Clocks.class)
class QuietHoursTimeZoneTests extends EmulatorProxyTest {

	private static final Instant SUMMER = Instant.parse("2027-07-01T12:00:00Z");

	private static final Instant WINTER = Instant.parse("2026-12-15T12:00:00Z");

	private static final String HANA = TestJwts.user("hana");

	@Autowired
	private MutableClock clock;

	@BeforeEach
	void registerHana() {
		emulator.registerUser("hana");
	}

	@Test
	void tokyoHasNoDaylightSavingSoTheWindowRoundTripsAllYear() {
		at(WINTER);
		Answer put = this.api.put("/v1/users/me/push/settings",
				"{\"quietHours\":{\"start\":\"22:00\",\"end\":\"07:00\",\"timeZone\":\"Asia/Tokyo\"}}", HANA);

		assertThat(put.status()).as(put.toString()).isEqualTo(200);
		assertHours(put.json().get("quietHours"), "22:00", "07:00", "Asia/Tokyo");
		assertHours(stored(), "13:00", "22:00", "UTC");
		assertHours(this.api.get("/v1/users/me/push/settings?timeZone=Asia/Tokyo", HANA).json().get("quietHours"),
				"22:00", "07:00", "Asia/Tokyo");
		at(SUMMER);
		assertHours(
				this.api.get("/v1/users/me/push?timeZone=Asia/Tokyo", HANA).json().get("settings").get("quietHours"),
				"22:00", "07:00", "Asia/Tokyo");
	}

	@Test
	void berlinIsConvertedAtTodaysOffsetAndTheStoredWindowStaysPutAcrossDaylightSaving() {
		at(SUMMER);
		Answer patch = patch("/v1/users/me/push",
				"{\"settings\":{\"quietHours\":{\"start\":\"22:00\",\"end\":\"06:30\",\"timeZone\":\"Europe/Berlin\"}}}");

		assertThat(patch.status()).as(patch.toString()).isEqualTo(200);
		assertHours(patch.json().get("settings").get("quietHours"), "22:00", "06:30", "Europe/Berlin");
		assertHours(stored(), "20:00", "04:30", "UTC");
		assertHours(this.api.get("/v1/users/me/push/settings?timeZone=Europe/Berlin", HANA).json().get("quietHours"),
				"22:00", "06:30", "Europe/Berlin");

		at(WINTER);
		assertHours(this.api.get("/v1/users/me/push/settings?timeZone=Europe/Berlin", HANA).json().get("quietHours"),
				"21:00", "05:30", "Europe/Berlin");
		assertHours(stored(), "20:00", "04:30", "UTC");
	}

	@Test
	void withoutAZoneTheTimesAreAgorasAndTheAnswerSaysSo() {
		at(WINTER);
		Answer put = this.api.put("/v1/users/me/push/settings",
				"{\"quietHours\":{\"start\":\"23:00\",\"end\":\"06:00\"}}", HANA);

		assertHours(put.json().get("quietHours"), "23:00", "06:00", "UTC");
		assertHours(this.api.get("/v1/users/me/push", HANA).json().get("settings").get("quietHours"), "23:00", "06:00",
				"UTC");
	}

	@Test
	void anUnknownZoneIsRefusedByNameAndNothingIsForwarded() {
		Answer read = this.api.get("/v1/users/me/push/settings?timeZone=Mars/Olympus", HANA);
		assertThat(read.status()).isEqualTo(400);
		assertThat(read.json().get("errors").get(0).get("field").asString()).isEqualTo("timeZone");

		Answer put = this.api.put("/v1/users/me/push/settings",
				"{\"quietHours\":{\"start\":\"22:00\",\"end\":\"07:00\",\"timeZone\":\"CET+1\"}}", HANA);
		assertThat(put.status()).isEqualTo(400);
		assertThat(put.json().get("errors").get(0).get("field").asString()).isEqualTo("quietHours.timeZone");

		Answer patch = patch("/v1/users/me/push",
				"{\"settings\":{\"quietHours\":{\"start\":\"22:00\",\"end\":\"07:00\",\"timeZone\":\"nowhere\"}}}");
		assertThat(patch.status()).isEqualTo(400);
		assertThat(patch.json().get("errors").get(0).get("field").asString()).isEqualTo("settings.quietHours.timeZone");

		assertThat(this.api.get("/v1/users/me/push?timeZone=nowhere", HANA).status()).isEqualTo(400);
		assertThat(emulator.arrivals("get-push-settings")).isEmpty();
		assertThat(emulator.arrivals("set-push-settings")).isEmpty();
		assertThat(emulator.arrivals("get-user")).isEmpty();
	}

	private JsonNode stored() {
		return this.api.get("/v1/users/me/push/settings", HANA).json().get("quietHours");
	}

	private static void assertHours(JsonNode hours, String start, String end, String zone) {
		assertThat(hours.get("start").asString()).as(hours.toString()).isEqualTo(start);
		assertThat(hours.get("end").asString()).as(hours.toString()).isEqualTo(end);
		assertThat(hours.get("timeZone").asString()).as(hours.toString()).isEqualTo(zone);
	}

	private void at(Instant instant) {
		this.clock.advance(Duration.between(this.clock.instant(), instant));
	}

	private Answer patch(String path, String json) {
		return this.api.send(HttpRequest.newBuilder(this.api.uri(path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + HANA)
			.header("Content-Type", "application/merge-patch+json")
			.method("PATCH", HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Clocks {

		@Bean
		@Primary
		MutableClock mutableClock() {
			return new MutableClock(WINTER);
		}

	}

}
