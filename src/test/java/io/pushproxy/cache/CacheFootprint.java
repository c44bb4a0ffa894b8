package io.pushproxy.cache;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;

import io.pushproxy.agora.NotificationSetting;
import io.pushproxy.agora.UserEntity;

/**
 * Measures what the local read cache costs in heap per entry: fills it with 100,000
 * entries shaped like real ones (a conversation's push settings under a realistic key, a
 * user entity) and prints the heap in use before and after, after full collections. Not a
 * test: run it by hand ({@code java -cp target/test-classes:target/classes:<deps>
 * io.pushproxy.cache.CacheFootprint}); README quotes what it printed.
 */
public final class CacheFootprint {

	private CacheFootprint() {
	}

	public static void main(String[] args) throws Exception {
		int entries = (args.length > 0) ? Integer.parseInt(args[0]) : 100_000;
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
