package dev.roster.daemon;

import static dev.roster.daemon.DaemonFixtures.BOT;
import static dev.roster.testing.LocalHttp.await;
import static dev.roster.testing.LocalHttp.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.simulator.Simulator;
import dev.roster.testing.ChildJvm;
import dev.roster.testing.LocalHttp;
import dev.roster.testing.TricklingServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real {@code roster daemon} process: it reconciles, serves its endpoints, and stops cleanly on SIGTERM. */
class DaemonSigtermTest {
    @TempDir
    Path dir;

    @Test
    void exitsWithZeroWithinTwentySecondsOfSigterm() throws Exception {
        try (Simulator sim = DaemonFixtures.simulator(50)) {
            Path desired = dir.resolve("sales.yaml");
            Files.writeString(desired, DaemonFixtures.salesFile("Sales Team"));
            Path settings = DaemonFixtures.settingsFile(sim, dir, "  schedule: \"0/1 * * * * ?\"\n");
            int port = LocalHttp.freePort();
            Path log = dir.resolve("daemon.log");
            Process daemon = ChildJvm.daemon(List.of("-Xmx256m"), "--config", settings.toString(), "--http-port",
                    Integer.toString(port), desired.toString()).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            try {
                await("the daemon is healthy", 30, () -> get(port, "/healthz").status() == 200);
                await("a run is in /status", 20, () -> get(port, "/status").body().contains("\"result\" : \"ok\""));
                assertThat(sim.state().groups(BOT)).hasSize(1);

                long t0 = System.nanoTime();
                daemon.destroy(); // SIGTERM

                assertThat(daemon.waitFor(20, TimeUnit.SECONDS)).as("exited within 20 s").isTrue();
                System.out.printf("daemon stopped %d ms after SIGTERM%n", (System.nanoTime() - t0) / 1_000_000);
                assertThat(daemon.exitValue()).as("exit code; log:\n" + Files.readString(log)).isZero();
                assertThat(Files.readString(log)).contains("running").doesNotContain(
                        dev.roster.simulator.SimulatorConfig.DEFAULT_TOKEN);
            } finally {
                daemon.destroyForcibly();
            }
        }
    }

    @Test
    void exitsWithinTwentySecondsOfSigtermWhileACallTrickles() throws Exception {
        try (TricklingServer server = TricklingServer.start(TricklingServer.Mode.BODY_ONLY)) {
            Path desired = dir.resolve("sales.yaml");
            Files.writeString(desired, DaemonFixtures.salesFile("Sales Team"));
            Path settings = dir.resolve("roster.yaml");
            // the default callTimeout (30 s) and runTimeout (10 min): longer than a stop may take
            Files.writeString(settings, "api:\n  baseUrl: " + server.baseUrl() + "\n  token: t0ken-sigterm\n"
                    + "  readTimeout: 5s\naudit:\n  file: " + dir.resolve("audit.jsonl") + "\n"
                    + "daemon:\n  schedule: \"0/1 * * * * ?\"\n");
            int port = LocalHttp.freePort();
            Path log = dir.resolve("daemon.log");
            Process daemon = ChildJvm.daemon(List.of("-Xmx256m"), "--config", settings.toString(), "--http-port",
                    Integer.toString(port), desired.toString()).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            try {
                await("the daemon is healthy", 30, () -> get(port, "/healthz").status() == 200);
                await("a call is trickling", 20, () -> server.requests() > 0);

                long t0 = System.nanoTime();
                daemon.destroy(); // SIGTERM

                assertThat(daemon.waitFor(20, TimeUnit.SECONDS)).as("exited within 20 s").isTrue();
                System.out.printf("daemon stopped %d ms after SIGTERM during a trickling call%n",
                        (System.nanoTime() - t0) / 1_000_000);
                assertThat(daemon.exitValue()).as("exit code; log:\n" + Files.readString(log)).isZero();
            } finally {
                daemon.destroyForcibly();
            }
        }
    }
}
