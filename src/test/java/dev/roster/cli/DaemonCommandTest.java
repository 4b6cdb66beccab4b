package dev.roster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.simulator.Simulator;
import dev.roster.simulator.SimulatorConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonCommandTest {
    @TempDir
    Path dir;

    @Test
    void withoutPathsOrGitItSaysWhatIsMissing() {
        CliRun run = CliRun.of("daemon");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).contains("give the desired-state PATHs, or set daemon.git.url");
    }

    @Test
    void aBusyPortIsAOneLineErrorWithoutStackTrace() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults());
                ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path settings = CliRun.settingsFor(sim, dir, "daemon:\n  schedule: \"0 0 0 1 1 ? 2099\"");
            Path desired = dir.resolve("sales.yaml");
            Files.writeString(desired, "bot: \"447506616260\"\ngroups:\n  sales:\n    subject: Sales\n");

            CliRun run = CliRun.of("daemon", "--config", settings.toString(), "--http-port",
                    Integer.toString(busy.getLocalPort()), desired.toString());

            assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
            assertThat(run.err()).startsWith("error: cannot start the daemon").doesNotContain("\tat ");
            assertThat(run.err().strip().lines()).hasSize(1);
        }
    }

    @Test
    void aPlainHttpGitUrlToAnotherHostIsALocatedErrorAndNothingStarts() throws Exception {
        Path settings = dir.resolve("roster.yaml");
        Files.writeString(settings, "daemon:\n  git:\n    url: http://bob:s3cret-pw@git.example.invalid/groups.git\n");

        CliRun run = CliRun.of("daemon", "--config", settings.toString(), "--http-port", "0");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).contains(settings + ":3:10: daemon.git.url: plain http to git.example.invalid")
                .doesNotContain("s3cret-pw").doesNotContain("\tat ").doesNotContain("roster daemon");
        assertThat(run.out()).doesNotContain("s3cret-pw");
    }
}
