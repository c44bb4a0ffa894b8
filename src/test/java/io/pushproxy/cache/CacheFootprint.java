package io.pushproxy.cache;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;

import io.pushproxy.agora.NotificationSetting;
import io.pushproxy.agora.UserEntity;
import org.junit.jupiter.api.Test;

/**
 * Measures what the local read cache costs in heap per entry: fills it with 100,000
 * entries shaped like real ones (a conversation's push settings under a realistic key, a
 * user entity) and prints the heap in use before and after, after full collections. A
 * benchmark, not a test: its name is outside Surefire's {@code *Tests} pattern, so
 * {@code ./mvnw verify} leaves it out; run it with
 * {@code ./mvnw test -Dtest=CacheFootprint
 * -Dfootprint.entries=100000}. README quotes what it printed.
 */
class CacheFootprint {

	@Test
	void printsTheHeapPerEntry() throws Exception {
		int entries = Integer.getInteger("footprint.entries", 100_000);
		LocalStore store = new LocalStore(Duration.ofHours(1), entries, Clock.systemUTC());
		long before = usedAfterGc();
		long now = System.currentTimeMillis();
		for (int i = 0; i < entries; i++) {
			String user = "user" + (1_000_000 + i);
			if (i % 2 == 0) {
				String key = ReadCache.Key.of("get-push-settings", user, "chatgroup/" + (100_000_000L + i)).render();
				store.put(key, new Stored<>(new NotificationSetting("ALL", "", 0L), now), false);
			}
			else {
				String key = ReadCache.Key.of("get-user", user, "").render();
				store.put(key, new Stored<>(new UserEntity(user, "Display name " + i, 1), now), false);
			}
		}
		long after = usedAfterGc();
		System.out.printf("%d entries (half push settings, half user entities): %,d bytes in all, %d bytes per entry%n",
				store.size(), after - before, (after - before) / Math.max(1, store.size()));
	}

	private static long usedAfterGc() throws InterruptedException {
		for (int i = 0; i < 4; i++) {
			System.gc();
			Thread.sleep(100);
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
