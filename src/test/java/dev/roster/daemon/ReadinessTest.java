package dev.roster.daemon;

import static dev.roster.daemon.DaemonFixtures.BOT;
import static dev.roster.testing.LocalHttp.await;
import static dev.roster.testing.LocalHttp.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.config.RosterSettings;
import dev.roster.simulator.Simulator;
import dev.roster.testing.MutableClock;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What /readyz and the staleness figures say when the job store or the runs stop. */
class ReadinessTest {
    @TempDir
    Path dir;
    Simulator sim;
    Daemon daemon;
    EmbeddedPostgres pg;

    @AfterEach
    void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
        if (sim != null) {
            sim.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    private Path desired() throws Exception {
        Path desired = dir.resolve("sales.yaml");
        Files.writeString(desired, DaemonFixtures.salesFile("Sales Team"));
        return desired;
    }

    @Test
    void readyzIs503WhilePostgresIsDown() throws Exception {
        pg = EmbeddedPostgres.start();
        sim = DaemonFixtures.simulator(0);
        RosterSettings settings = DaemonFixtures.settings(sim, dir, "  schedule: \"0 0 0 1 1 ? 2099\"\n"
                + "  jobStore: {url: \"" + pg.getJdbcUrl("postgres", "postgres") + "\", user: postgres}\n");
        daemon = Daemon.start(settings, DaemonFixtures.client(sim), Daemon.Options.of(List.of(desired()))
                .withNode("ready").withHttpPort(0).withRunAtStart(false));
        assertThat(get(daemon.httpPort(), "/readyz").status()).as("PostgreSQL up").isEqualTo(200);

        pg.close();
        pg = null;

        await("/readyz says 503", 15, () -> get(daemon.httpPort(), "/readyz").status() == 503);
        assertThat(get(daemon.httpPort(), "/readyz").body()).startsWith("job store unreachable")
                .doesNotContain("password");
        assertThat(get(daemon.httpPort(), "/status").body()).contains("\"ready\" : false")
                .contains("\"not_ready_reason\" : \"job store unreachable");
    }

    @Test
    void stalenessPerBotIsAMetricAndInStatusAndGrowsWhileNoRunFinishes() throws Exception {
        sim = DaemonFixtures.simulator(0);
        RosterSettings settings = DaemonFixtures.settings(sim, dir, "  schedule: \"0 0 0 1 1 ? 2099\"\n");
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        Daemon.Options base = Daemon.Options.of(List.of(desired()));
        daemon = Daemon.start(settings, DaemonFixtures.client(sim), new Daemon.Options(base.paths(), "stale", null, 0,
                clock, base.quartz(), r -> { }, false));
        daemon.runner().run(BOT, null);
        assertThat(staleness()).isEqualTo(0.0);

        clock.advance(Duration.ofSeconds(300));
        assertThat(staleness()).isEqualTo(300.0);
        assertThat(get(daemon.httpPort(), "/status").body()).contains("\"seconds_since_last_run\" : 300.0");

        clock.advance(Duration.ofSeconds(600));
        assertThat(staleness()).isEqualTo(900.0);

        daemon.runner().run(BOT, null);
        assertThat(staleness()).as("a finished run resets it").isEqualTo(0.0);
    }

    private double staleness() {
        String metrics = get(daemon.httpPort(), "/metrics").body();
        Matcher m = Pattern.compile("(?m)^roster_seconds_since_last_run\\{bot=\"" + BOT.value() + "\"} (\\S+)$")
                .matcher(metrics);
        assertThat(m.find()).as("roster_seconds_since_last_run in\n" + metrics).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
