package dev.roster.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.roster.cli.CliRun;
import dev.roster.model.BotId;
import dev.roster.testing.TricklingServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 13, finding 3: a server that trickles its answer one byte a second used to hold {@code plan} forever, as
 * the read timeout applies to each read. Now {@code api.callTimeout} ends each attempt and {@code api.runTimeout}
 * ends the run: exit 1, a message that names the call or the setting, never the token.
 */
class DeadlineTest {
    static final Fixture FIXTURE = new Fixture(BotId.of("46700000913"), 3);
    static final String TOKEN = "tok-TRICKLE-7734";
    /** A guard against a hang (the old behaviour), not a speed test. */
    static final Duration GUARD = Duration.ofSeconds(60);

    private static CliRun run(String command, TricklingServer server, Path dir, List<String> apiLines)
            throws IOException {
        Path desired = FIXTURE.writeYaml(dir);
        Path settings = Fixture.settings(dir, server.baseUrl(), "${ROSTER_TEST_TOKEN:-" + TOKEN + "}", apiLines);
        List<String> args = command.equals("apply")
                ? List.of("apply", desired.toString(), "--config", settings.toString(), "--yes")
                : List.of("plan", desired.toString(), "--config", settings.toString());
        return assertTimeoutPreemptively(GUARD, () -> CliRun.of(args.toArray(String[]::new)));
    }

    private static void assertCleanFailure(CliRun run, Path dir) throws IOException {
        String all = run.out() + run.err();
        assertThat(run.exitCode()).as(all).isEqualTo(1);
        assertThat(all).doesNotContain(TOKEN).doesNotContain("\tat ").doesNotContain("Exception");
        Path audit = dir.resolve("audit.jsonl");
        assertThat(Files.exists(audit) ? Files.readString(audit) : "").as("no write was made").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"plan", "apply"})
    void aTricklingServerEndsTheCommandAtTheCallTimeoutNamingTheCall(String command, @TempDir Path dir)
            throws IOException {
        try (TricklingServer server = TricklingServer.start(TricklingServer.Mode.WHOLE_ANSWER)) {
            CliRun run = run(command, server, dir, List.of("readTimeout: 5s", "callTimeout: 1s",
                    "retry: {maxAttempts: 2, initialBackoff: 10ms, maxBackoff: 10ms}"));

            assertCleanFailure(run, dir);
            assertThat(run.out() + run.err()).contains("could not list its groups")
                    .contains("GET /groups for bot " + FIXTURE.bot())
                    .contains("no whole answer within the call timeout of 1000 ms");
            assertThat(server.requests()).as("each of the 2 attempts cut at 1 s").isEqualTo(2);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"plan", "apply"})
    void aRunPastTheRunTimeoutStopsWithExitOneAndSaysSo(String command, @TempDir Path dir) throws IOException {
        try (TricklingServer server = TricklingServer.start(TricklingServer.Mode.BODY_ONLY)) {
            CliRun run = run(command, server, dir, List.of("readTimeout: 5s", "callTimeout: 30s", "runTimeout: 2s"));

            assertCleanFailure(run, dir);
            assertThat(run.out() + run.err()).contains("GET /groups for bot " + FIXTURE.bot()
                    + ": cut off at the run's time limit of 2s");
            assertThat(run.err()).contains(command.equals("plan")
                    ? "error: the plan took longer than api.runTimeout (2s) and was stopped: 1 read(s) not done"
                    : "error: reading the groups took longer than api.runTimeout (2s), so nothing was applied");
            assertThat(server.requests()).isEqualTo(1);
        }
    }
}
