package dev.roster.daemon;

import static dev.roster.testing.LocalHttp.await;
import static dev.roster.testing.LocalHttp.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.config.RosterSettings;
import dev.roster.model.Msisdn;
import dev.roster.simulator.Simulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's runs reach a notify target: the real runner's errors are classified as the docs say. */
class DaemonNotifyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Simulator sim;
    Daemon daemon;
    NotifyReceiver receiver;

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
        if (sim != null) {
            sim.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    private List<String> kinds() {
        return receiver.received().stream().map(r -> {
            try {
                return JSON.readTree(r.body()).get("kind").asText();
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    @Test
    void aRefusalAnInvalidFileAndTheRecoveryAreEachSentOnce() throws Exception {
        sim = DaemonFixtures.simulator(0);
        receiver = NotifyReceiver.answering();
        Path desired = dir.resolve("sales.yaml");
        String sales = DaemonFixtures.salesFile("Sales Team");
        Files.writeString(desired, sales);
        RosterSettings settings = DaemonFixtures.settings(sim, dir, "  schedule: \"0 0 0 1 1 ? 2099\"\n"
                + "notify:\n  targets:\n    - {type: webhook, url: \"" + receiver.url("/hook") + "\"}\n");
        daemon = Daemon.start(settings, DaemonFixtures.client(sim), Daemon.Options.of(List.of(desired))
                .withNode("notify-e2e").withHttpPort(0).withRunAtStart(false));

        assertThat(daemon.runner().run(DaemonFixtures.BOT, null).result()).isEqualTo(RunResult.OK);
        sim.state().join(DaemonFixtures.BOT, sim.state().groupIds(DaemonFixtures.BOT).get(0),
                List.of(Msisdn.parse(DaemonFixtures.ALICE), Msisdn.parse(DaemonFixtures.BOB)));
        Files.writeString(desired, sales.replace("members: [\"" + DaemonFixtures.BOB + "\"]", "members: []"));
        RunRecord refused = daemon.runner().run(DaemonFixtures.BOT, null);
        assertThat(refused.result()).isEqualTo(RunResult.FAILED);
        daemon.runner().run(DaemonFixtures.BOT, null);
        Files.writeString(desired, sales + "    colour: red\n");
        assertThat(daemon.runner().run(DaemonFixtures.BOT, null).result()).isEqualTo(RunResult.INVALID);
        Files.writeString(desired, sales);
        assertThat(daemon.runner().run(DaemonFixtures.BOT, null).result()).isEqualTo(RunResult.OK);
        daemon.runner().run(DaemonFixtures.BOT, null);

        await("three notifications", 20, () -> receiver.received().size() >= 3, () -> kinds().toString());
        assertThat(kinds()).containsExactly("refused", "invalid", "recovered");
        assertThat(receiver.received().get(0).text()).contains("\"node\":\"notify-e2e\"")
                .contains("reconcile.maxRemovalPercent").doesNotContain(DaemonFixtures.BOB.substring(1));
        assertThat(get(daemon.httpPort(), "/metrics").body())
                .contains("roster_notifications_total{result=\"sent\",target_type=\"webhook\"} 3.0");
    }
}
