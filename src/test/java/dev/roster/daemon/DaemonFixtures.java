package dev.roster.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.api.GroupApi;
import dev.roster.api.RateLimiter;
import dev.roster.api.sinch.SinchGroupApi;
import dev.roster.api.sinch.SinchOptions;
import dev.roster.config.RosterSettings;
import dev.roster.config.SettingsLoader;
import dev.roster.model.BotId;
import dev.roster.model.Secret;
import dev.roster.simulator.Simulator;
import dev.roster.simulator.SimulatorConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Settings, desired files, a client for the simulator, HTTP GETs and polling with a deadline. */
final class DaemonFixtures {
    static final BotId BOT = BotId.of("447506616260");
    static final BotId OTHER_BOT = BotId.of("447506616261");
    static final String ALICE = "+46732001122";
    static final String BOB = "+46732002244";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private DaemonFixtures() {}

    /** Settings pointing at {@code sim}, with extra YAML under {@code daemon:} and the audit log in {@code dir}. */
    static RosterSettings settings(Simulator sim, Path dir, String daemonYaml) throws IOException {
        Path file = settingsFile(sim, dir, daemonYaml);
        return SettingsLoader.load(file, Map.of()).settings();
    }

    static Path settingsFile(Simulator sim, Path dir, String daemonYaml) throws IOException {
        String yaml = "api:\n"
                + "  baseUrl: " + sim.baseUrl() + "\n"
                + "  token: ${ROSTER_TEST_TOKEN:-" + SimulatorConfig.DEFAULT_TOKEN + "}\n"
                + "  retry: {maxAttempts: 2, initialBackoff: 10ms, maxBackoff: 50ms}\n"
                + "audit:\n  file: " + dir.resolve("audit.jsonl") + "\n"
                + "daemon:\n" + daemonYaml;
        Path file = dir.resolve("roster.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    static GroupApi client(Simulator sim) {
        SinchOptions options = new SinchOptions(sim.baseUrl(), bot -> Secret.of(SimulatorConfig.DEFAULT_TOKEN),
                Duration.ofSeconds(2), Duration.ofSeconds(10), new dev.roster.api.RetryPolicy(2,
                        Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(5)));
        return SinchGroupApi.create(options, new RateLimiter(1000, RateLimiter.Ticker.SYSTEM));
    }

    /** A desired-state file for {@link #BOT}: one group, Alice admin, Bob member. */
    static String salesFile(String subject) {
        return desiredFile(BOT, "sales-team", subject);
    }

    static String desiredFile(BotId bot, String key, String subject) {
        return "bot: \"" + bot + "\"\n"
                + "groups:\n"
                + "  " + key + ":\n"
                + "    subject: " + subject + "\n"
                + "    admins: [\"" + ALICE + "\"]\n"
                + "    members: [\"" + BOB + "\"]\n";
    }

    record Response(int status, String body) {}

    static Response get(int port, String path) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body());
        } catch (IOException e) {
            return new Response(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(-1, "interrupted");
        }
    }

    /** Polls {@code condition} every 50 ms until it holds; fails with {@code what} after {@code seconds}. */
    static void await(String what, int seconds, BooleanSupplier condition) {
        Instant deadline = Instant.now().plusSeconds(seconds);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waiting for: " + what).isBefore(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what);
            }
        }
    }

    static Simulator simulator(long latencyMillis) throws IOException {
        return Simulator.start(SimulatorConfig.defaults().withBots(BOT, OTHER_BOT).withLatency(latencyMillis));
    }
}
