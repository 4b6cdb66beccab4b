package dev.roster.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7, faults: a 429 with {@code Retry-After: 2} during a whole {@code roster plan} (ten group reads,
 * two at a time). The refused call is retried no sooner than two seconds later, the whole client holds back
 * meanwhile (no other request arrives during the pause), and there is exactly one retry: no storm.
 * Single-call cases (Retry-After as seconds or HTTP date, beyond maxBackoff, beyond the total budget) are
 * in {@code dev.roster.api.sinch.SinchRetryTest}.
 */
class RateLimitTest {
    static final String BOT = "46700000444";
    static final int GROUPS = 10;
    static final Duration RETRY_AFTER = Duration.ofSeconds(2);
    /** Requests already on the wire when the 429 went out may still arrive just after it. */
    static final Duration IN_FLIGHT = Duration.ofMillis(200);

    static String id(int i) {
        return "group:" + BOT + "-" + (1000 + i);
    }

    @Test
    void retryAfterIsWaitedOutByTheWholeClientWithExactlyOneRetry(@TempDir Path dir) throws IOException {
        AtomicBoolean limited = new AtomicBoolean();
        AtomicLong limitedAt = new AtomicLong();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < GROUPS; i++) {
            ids.add(id(i));
        }
        try (ScriptedApi api = new ScriptedApi(call -> {
            if (call.equals("GET /groups")) {
                return ScriptedApi.json("{\"groups\": [\"" + String.join("\", \"", ids) + "\"]}");
            }
            if (call.equals("GET /groups/" + id(3)) && limited.compareAndSet(false, true)) {
                limitedAt.set(System.nanoTime());
                return new MockResponse.Builder().code(429).addHeader("Retry-After", RETRY_AFTER.toSeconds())
                        .body("{\"message\": \"Too many requests\"}").build();
            }
            String id = call.substring("GET /groups/".length());
            return ScriptedApi.json("{\"subject\": \"S " + id + "\", \"creator\": \"" + BOT + "\", \"admins\": [\""
                    + BOT + "\"], \"members\": []}");
        })) {
            StringBuilder y = new StringBuilder("bot: \"" + BOT + "\"\ngroups:\n");
            for (int i = 0; i < GROUPS; i++) {
                y.append("  g").append(i).append(": {id: \"").append(id(i)).append("\", subject: \"S ").append(id(i))
                        .append("\"}\n");
            }
            Path desired = dir.resolve("groups.yaml");
            Files.writeString(desired, y.toString());
            Path settings = Fixture.settings(dir, api.baseUrl(), "${ROSTER_TEST_TOKEN:-roster-dev-token}",
                    List.of("maxConcurrency: 2", "retry: {maxAttempts: 5, initialBackoff: 10ms, maxBackoff: 50ms}"));

            CliRun run = CliRun.of("plan", desired.toString(), "--config", settings.toString());

            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            assertThat(limited).isTrue();
            List<ScriptedApi.Arrival> arrivals = api.arrivals();
            assertThat(arrivals).as("one list, ten reads, one retry").hasSize(1 + GROUPS + 1);
            assertThat(api.count("GET /groups/" + id(3))).isEqualTo(2);
            long t429 = limitedAt.get();
            ScriptedApi.Arrival retry = arrivals.stream().filter(a -> a.call().equals("GET /groups/" + id(3)))
                    .reduce((first, second) -> second).orElseThrow();
            assertThat(Duration.ofNanos(retry.nanoTime() - t429)).isGreaterThanOrEqualTo(RETRY_AFTER);
            List<ScriptedApi.Arrival> duringPause = arrivals.stream()
                    .filter(a -> a.nanoTime() - t429 > IN_FLIGHT.toNanos() && a.nanoTime() - t429 < RETRY_AFTER.toNanos())
                    .toList();
            assertThat(duringPause).as("requests while the client should hold back").isEmpty();
            long afterPause = arrivals.stream().filter(a -> a.nanoTime() - t429 >= RETRY_AFTER.toNanos()).count();
            assertThat(afterPause).as("reads that waited for the pause to end").isGreaterThanOrEqualTo(GROUPS / 2);
        }
    }
}
