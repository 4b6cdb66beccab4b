package dev.roster.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.roster.cli.CliRun;
import dev.roster.simulator.Simulator;
import dev.roster.simulator.SimulatorConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile saved plans for {@code roster apply --plan}: deeply nested, invalid UTF-8, oversized, NUL, empty, a
 * directory. Each ends in exit 1 with a one-line message naming the file, in bounded time, and no API call.
 */
class HostilePlanFileTest {
    static Simulator sim;
    static Path settings;
    @TempDir
    static Path shared;

    static final Map<String, byte[]> FILES = Map.of(
            "deep.json", ("[".repeat(10_000) + "]".repeat(10_000)).getBytes(StandardCharsets.UTF_8),
            "latin1.json", "{\"format_version\": 1, \"warnings\": [\"caf\u00e9\"]}".getBytes(StandardCharsets.ISO_8859_1),
            "nul.json", "{\"format_version\": 1\0}".getBytes(StandardCharsets.UTF_8),
            "empty.json", new byte[0],
            "oversized.json", oversized());

    static byte[] oversized() {
        byte[] big = new byte[65 * 1024 * 1024];
        Arrays.fill(big, (byte) ' ');
        big[0] = '{';
        big[big.length - 1] = '}';
        return big;
    }

    @BeforeAll
    static void start() throws IOException {
        sim = Simulator.start(SimulatorConfig.defaults());
        settings = Fixture.settings(shared, sim.baseUrl(), "${ROSTER_TEST_TOKEN:-roster-dev-token}", List.of());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"deep.json", "latin1.json", "nul.json", "empty.json", "oversized.json", "a-directory"})
    void aHostileSavedPlanIsRefusedWithAOneLineMessageNamingTheFile(String name, @TempDir Path dir)
            throws IOException {
        Path plan = dir.resolve(name);
        if (FILES.containsKey(name)) {
            Files.write(plan, FILES.get(name));
        } else {
            Files.createDirectory(plan);
        }
        sim.state().stats().reset();

        CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> CliRun.of("apply", "--plan", plan.toString(), "--config", settings.toString(), "--yes"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: " + plan + ": ").doesNotContain("Exception").doesNotContain("\tat ")
                .doesNotContain("null");
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(sim.state().stats().totalRequests()).isZero();
    }
}
