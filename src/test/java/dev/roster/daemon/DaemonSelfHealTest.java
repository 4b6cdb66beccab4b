package dev.roster.daemon;

import static dev.roster.daemon.DaemonFixtures.ALICE;
import static dev.roster.daemon.DaemonFixtures.BOB;
import static dev.roster.daemon.DaemonFixtures.BOT;
import static dev.roster.testing.LocalHttp.await;
import static dev.roster.testing.LocalHttp.get;
import static dev.roster.testing.LocalHttp.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.config.RosterSettings;
import dev.roster.model.GroupId;
import dev.roster.model.Msisdn;
import dev.roster.simulator.Simulator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator sends its group events to the daemon, as the provider would: people acting in WhatsApp (through the
 * simulator's test endpoints) are answered within seconds, and roster's own writes start no further run.
 */
class DaemonSelfHealTest {
    static final String SECRET = "self-heal-secret-0123456789";

    @TempDir
    Path dir;
    Simulator sim;
    Daemon daemon;
    final List<RunRecord> runs = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        sim = DaemonFixtures.simulator(0);
        Path desired = Files.createDirectories(dir.resolve("groups"));
        Files.writeString(desired.resolve("sales.yaml"), DaemonFixtures.salesFile("Sales Team"));
        RosterSettings settings = DaemonFixtures.settings(sim, dir, "  schedule: \"0 0 0 1 1 ? 2099\"\n"
                + "  hooks: {sinchSecret: " + SECRET + ", debounce: 100ms}\n");
        daemon = Daemon.start(settings, DaemonFixtures.client(sim), Daemon.Options.of(List.of(desired))
                .withHttpPort(0).withRunListener(runs::add).withRunAtStart(false));
        sim.setCallbackUrl(URI.create("http://127.0.0.1:" + daemon.httpPort() + "/hooks/sinch?secret=" + SECRET));
        daemon.runner().run(BOT, null);
    }

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private GroupId group() {
        return sim.state().groups(BOT).get(0).id();
    }

    private int actAsAPerson(String what, String json) {
        return post(sim.port(), "/_sim/" + BOT + "/groups/" + group() + "/" + what,
                json.getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json").status();
    }

    @Test
    void aGroupRenamedInWhatsAppIsSetBackWithinSecondsAndRostersOwnWritesStartNoRun() {
        await("the create's own events are delivered", 10, () -> get(daemon.httpPort(), "/metrics").body()
                .contains("roster_events_total{result=\"own_change\",source=\"sinch\"}"));
        assertThat(runs).as("roster's own writes start no run").hasSize(1);

        Instant renamed = Instant.now();
        assertThat(actAsAPerson("subject", "{\"subject\": \"Hacked\", \"from\": \"46732002244\"}")).isEqualTo(200);

        await("the subject is set back", 10, () -> sim.state().groups(BOT).get(0).subject().equals("Sales Team"));
        await("the run is recorded", 10, () -> runs.size() == 2);
        assertThat(runs.get(1).started()).isAfter(renamed);
    }

    @Test
    void aDeclaredAdminWhoJoinsByTheLinkIsPromotedWithinSeconds() {
        assertThat(post(sim.port(), "/_sim/" + BOT + "/groups/" + group() + "/join", ("{\"numbers\": [\"" + ALICE
                + "\", \"" + BOB + "\"]}").getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);

        await("Alice is promoted", 10, () -> sim.state().groups(BOT).get(0).admins().contains(Msisdn.parse(ALICE)));
    }
}
