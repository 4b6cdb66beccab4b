package dev.roster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.config.IoReasons;
import dev.roster.model.BotId;
import dev.roster.simulator.Simulator;
import dev.roster.simulator.SimulatorConfig;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Messages that say what failed and why, and options that are refused where they would do nothing. */
class CommandMessagesTest {
    static final BotId BOT = BotId.of("46700000001");

    @TempDir
    Path dir;

    @Test
    void planOutIntoAMissingFolderNamesTheFolder() throws IOException {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withBots(BOT))) {
            Path settings = CliRun.settingsFor(sim, dir);
            Path files = dir.resolve("groups.yaml");
            Files.writeString(files, "bot: \"46700000001\"\ngroups:\n  team:\n    subject: Team\n");
            Path out = dir.resolve("missing").resolve("p.json");

            CliRun run = CliRun.of("plan", "--config", settings.toString(), "--out", out.toString(), files.toString());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("error: " + out + ": the folder " + dir.resolve("missing")
                    + " does not exist");
        }
    }

    private Path quickstartSettings(String baseUrl, String token) throws IOException {
        Path settings = dir.resolve("s.yaml");
        Files.writeString(settings, "api:\n  baseUrl: " + baseUrl + "\n  token: " + token + "\n"
                + "  retry: {maxAttempts: 2, initialBackoff: 10ms, maxBackoff: 20ms}\naudit:\n  file: "
                + dir.resolve("audit.jsonl") + "\n");
        return settings;
    }

    @Test
    void aBotThatCannotBeListedIsReportedAsTheBotsFailureNamingTheUrl() throws IOException {
        int closedPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        Path settings = quickstartSettings("http://127.0.0.1:" + closedPort, "\"t-123\"");

        CliRun plan = CliRun.of("plan", "--config", settings.toString(), "examples/quickstart");
        CliRun apply = CliRun.of("apply", "--yes", "--config", settings.toString(), "examples/quickstart");

        assertThat(plan.exitCode()).isEqualTo(1);
        assertThat(plan.out()).contains("bot 46700000001: could not list its groups, so none of its groups is planned")
                .contains("http://127.0.0.1:" + closedPort).contains("(check api.baseUrl and the network)")
                .contains("No changes planned, but bot 46700000001 could not be read (see above).")
                .doesNotContain("declared group");
        assertThat(apply.exitCode()).isEqualTo(1);
        assertThat(apply.out()).contains("Apply incomplete: 0 change(s) applied, 0 group(s) changed; not planned, so "
                + "nothing applied for it: bot 46700000001 could not be read (see above).")
                .doesNotContain("Apply complete").doesNotContain("0 failed");
    }

    @Test
    void aRefusedTokenSaysToCheckTheTokenAndItsRegion() throws IOException {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withBots(BOT))) {
            Path settings = quickstartSettings(sim.baseUrl().toString(), "\"not-the-token\"");

            CliRun plan = CliRun.of("plan", "--config", settings.toString(), "examples/quickstart");

            assertThat(plan.exitCode()).isEqualTo(1);
            assertThat(plan.out()).contains("401").contains("the API refused the token: check this bot's token")
                    .contains("api.baseUrl is the token's region").doesNotContain("not-the-token");
        }
    }

    @Test
    void aFileThatCannotBeReadSaysWhy() {
        assertThat(IoReasons.describe(new AccessDeniedException("/srv/groups.yaml")))
                .isEqualTo("/srv/groups.yaml: permission denied");
    }

    @Test
    void importWithABotWithoutDigitsSaysWhatABotIdIs() {
        CliRun run = CliRun.of("import", "--sandbox", "--bot", "abc");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("error: --bot must be the bot's number, e.g. 46700000001, not 'abc'\n");
    }

    @Test
    void validateRefusesSandboxSinceItTalksToNoApi() {
        CliRun run = CliRun.of("validate", "--sandbox", "examples/quickstart");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith(
                "error: --sandbox does nothing for 'validate': validate reads only the files and talks to no API\n");
    }

    @Test
    void simulatorRefusesApiUrlAndConfig() {
        CliRun apiUrl = CliRun.of("simulator", "--api-url", "http://127.0.0.1:1");
        CliRun config = CliRun.of("simulator", "--config", "config/roster.yaml");

        assertThat(apiUrl.exitCode()).isEqualTo(1);
        assertThat(apiUrl.err()).startsWith("error: --api-url does nothing for 'simulator'");
        assertThat(config.exitCode()).isEqualTo(1);
        assertThat(config.err()).startsWith("error: --config does nothing for 'simulator'");
    }

    @Test
    void simulatorStateGivenADesiredStateFileSaysSo() {
        CliRun run = CliRun.of("simulator", "--port", "0", "--state", "examples/quickstart/groups.yaml");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("examples/quickstart/groups.yaml: this is a desired-state file");
    }

    @Test
    void mainHelpShowsEveryCommandsFirstSentenceWhole() {
        CliRun run = CliRun.of("--help");

        assertThat(run.out()).contains("import     Writes a bot's live groups as desired-state YAML, each group")
                .doesNotContain("pinned by id,\n");
        for (String line : run.out().lines().filter(l -> l.startsWith("  ") && !l.startsWith("   ")).toList()) {
            assertThat(line.strip()).as("first line of a command's description").doesNotEndWith(",");
        }
    }
}
