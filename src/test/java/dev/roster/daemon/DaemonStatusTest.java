package dev.roster.daemon;

import static dev.roster.daemon.DaemonFixtures.BOT;
import static dev.roster.testing.LocalHttp.get;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.config.RosterSettings;
import dev.roster.model.GroupId;
import dev.roster.model.LiveGroup;
import dev.roster.model.Msisdn;
import dev.roster.simulator.Simulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** {@code /status} per group and the daemon's metrics, over HTTP, with the daemon in this JVM against the simulator. */
class DaemonStatusTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NEVER = "  schedule: \"0 0 0 1 1 ? 2099\"\n";

    @TempDir
    Path dir;
    Simulator sim;
    Daemon daemon;

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private Daemon start(String daemonYaml, String desiredYaml) throws Exception {
        sim = DaemonFixtures.simulator(0);
        Path desired = dir.resolve("sales.yaml");
        Files.writeString(desired, desiredYaml);
        RosterSettings settings = DaemonFixtures.settings(sim, dir, daemonYaml);
        return Daemon.start(settings, DaemonFixtures.client(sim), Daemon.Options.of(List.of(desired))
                .withNode("status").withHttpPort(0).withRunAtStart(false));
    }

    private JsonNode status() throws Exception {
        return JSON.readTree(get(daemon.httpPort(), "/status").body()).get("bots").get(BOT.value());
    }

    /** The messages {@link BotRunner} logs (INFO and up) while {@code run} runs. */
    private static List<String> logOf(Runnable run) {
        Logger logger = (Logger) LoggerFactory.getLogger(BotRunner.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        Level previous = logger.getLevel();
        logger.setLevel(Level.INFO);
        logger.addAppender(events);
        try {
            run.run();
        } finally {
            logger.detachAppender(events);
            logger.setLevel(previous);
        }
        return events.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private LiveGroup sales() {
        return sim.state().groups(BOT).stream().filter(g -> g.subject().equals("Sales Team")).findFirst()
                .orElseThrow();
    }

    @Test
    void aCreatedGroupIsSyncedAndProgressingWhileItsPeopleHaveNotJoinedAndAStrayGroupIsListedUnmanaged()
            throws Exception {
        daemon = start(NEVER, DaemonFixtures.salesFile("Sales Team"));
        GroupId stray = sim.state().createGroup(BOT, "Old Chat");

        daemon.runner().run(BOT, null);

        JsonNode bot = status();
        assertThat(bot.get("sync").asText()).isEqualTo("Synced");
        assertThat(bot.get("health").asText()).isEqualTo("Progressing");
        assertThat(bot.get("paused").asBoolean()).isFalse();
        JsonNode group = bot.get("groups").get(0);
        assertThat(group.get("key").asText()).isEqualTo("sales-team");
        assertThat(group.get("group_id").asText()).isEqualTo(sales().id().value());
        assertThat(group.get("subject").asText()).isEqualTo("Sales Team");
        assertThat(group.get("declared_at").asText()).contains("sales.yaml:3:");
        assertThat(group.get("sync").asText()).isEqualTo("Synced");
        assertThat(group.get("health").asText()).isEqualTo("Progressing");
        assertThat(group.get("pending").asInt()).isEqualTo(2);
        assertThat(group.get("waiting")).isEmpty();
        assertThat(group.get("last_run_result").asText()).isEqualTo("ok");
        assertThat(bot.get("unmanaged_groups")).hasSize(1);
        assertThat(bot.get("unmanaged_groups").get(0).get("group_id").asText()).isEqualTo(stray.value());
        assertThat(bot.get("unmanaged_groups").get(0).get("leave").asBoolean()).isFalse();
        assertThat(get(daemon.httpPort(), "/status").body()).doesNotContain("46732001122")
                .doesNotContain("46732002244");
        assertThat(daemon.status().keyOf(BOT, sales().id())).contains("sales-team");

        sim.state().join(BOT, sales().id(), List.of(Msisdn.parse(DaemonFixtures.ALICE),
                Msisdn.parse(DaemonFixtures.BOB)));
        daemon.runner().run(BOT, null);

        JsonNode joined = status().get("groups").get(0);
        assertThat(joined.get("health").asText()).isEqualTo("Healthy");
        assertThat(joined.get("sync").asText()).isEqualTo("Synced");
        assertThat(joined.get("members").asInt()).as("the bot, Alice and Bob, as read before promoting Alice")
                .isEqualTo(3);
    }

    @Test
    void reportModeShowsTheWaitingChangesPerActionAndTheNumbersOnlyWithShowNumbers() throws Exception {
        daemon = start(NEVER + "  mode: report\n  http: {showNumbers: true}\n",
                DaemonFixtures.salesFile("Sales Team"));
        GroupId id = sim.state().createGroup(BOT, "Sales Team");
        sim.state().join(BOT, id, List.of(Msisdn.parse(DaemonFixtures.ALICE), Msisdn.parse(DaemonFixtures.BOB)));

        daemon.runner().run(BOT, null);

        JsonNode group = status().get("groups").get(0);
        assertThat(group.get("sync").asText()).isEqualTo("OutOfSync");
        assertThat(group.get("waiting").get("add_admins").asInt()).isEqualTo(1);
        assertThat(group.get("waiting_changes").get(0).get("description").asText())
                .isEqualTo("promote " + DaemonFixtures.ALICE);
        assertThat(status().get("sync").asText()).isEqualTo("OutOfSync");
    }

    @Test
    void waitingChangesAreMaskedWithoutShowNumbers() throws Exception {
        daemon = start(NEVER + "  mode: report\n", DaemonFixtures.salesFile("Sales Team"));
        GroupId id = sim.state().createGroup(BOT, "Sales Team");
        sim.state().join(BOT, id, List.of(Msisdn.parse(DaemonFixtures.ALICE), Msisdn.parse(DaemonFixtures.BOB)));

        daemon.runner().run(BOT, null);

        assertThat(status().get("groups").get(0).get("waiting_changes").get(0).get("description").asText())
                .isEqualTo("promote +***");
    }

    @Test
    void aGroupTheGuardRefusesIsDegradedAndTheFailedRunLogsItsFirstError() throws Exception {
        daemon = start(NEVER, DaemonFixtures.salesFile("Sales Team"));
        GroupId id = sim.state().createGroup(BOT, "Sales Team");
        sim.state().join(BOT, id, List.of(Msisdn.parse(DaemonFixtures.ALICE), Msisdn.parse(DaemonFixtures.BOB),
                Msisdn.parse("+46732003333"), Msisdn.parse("+46732004444"), Msisdn.parse("+46732005555")));
        List<RunRecord> runs = new java.util.ArrayList<>();

        List<String> log = logOf(() -> runs.add(daemon.runner().run(BOT, null)));

        assertThat(runs.get(0).result()).isEqualTo(RunResult.FAILED);
        JsonNode group = status().get("groups").get(0);
        assertThat(group.get("health").asText()).isEqualTo("Degraded");
        assertThat(group.get("sync").asText()).isEqualTo("OutOfSync");
        assertThat(group.get("failure").asText()).startsWith("refused: the plan removes 3 of 6");
        assertThat(status().get("health").asText()).isEqualTo("Degraded");
        assertThat(log).anySatisfy(line -> assertThat(line)
                .contains("failed").contains("1 error(s), the first: group sales-team refused: refused: the plan"
                        + " removes 3 of 6"));
    }

    @Test
    void aGroupThatCannotBePlannedIsUnknownAndDegradedWithTheReason() throws Exception {
        daemon = start(NEVER, DaemonFixtures.salesFile("Sales Team"));
        sim.state().createGroup(BOT, "Sales Team");
        sim.state().createGroup(BOT, "Sales Team");

        daemon.runner().run(BOT, null);

        JsonNode group = status().get("groups").get(0);
        assertThat(group.get("key").asText()).isEqualTo("sales-team");
        assertThat(group.get("sync").asText()).isEqualTo("Unknown");
        assertThat(group.get("health").asText()).isEqualTo("Degraded");
        assertThat(group.get("failure").asText()).isNotBlank();
        assertThat(status().get("sync").asText()).isEqualTo("Unknown");
        assertThat(sim.state().groups(BOT)).as("nothing created or left").hasSize(2);
    }

    @Test
    void aFailedRunLogsItsFirstErrorWithPeoplesNumbersMasked() throws Exception {
        daemon = start(NEVER, DaemonFixtures.salesFile("Sales Team"));
        Files.writeString(dir.resolve("sales.yaml"), DaemonFixtures.salesFile("Sales Team")
                .replace(DaemonFixtures.BOB, "+467320022449999999"));

        List<String> log = logOf(() -> daemon.runner().run(BOT, null));

        assertThat(log).anySatisfy(line -> assertThat(line).contains("invalid")
                .contains("1 error(s), the first: ").endsWith("sales.yaml:6:15: '+***' is not a valid phone number"));
        assertThat(log).noneSatisfy(line -> assertThat(line).contains("467320022449999999"));
    }

    private String metrics() {
        return get(daemon.httpPort(), "/metrics").body();
    }

    @Test
    void metricsCountTheGroupsPerSyncAndHealthStateTheUnmanagedGroupsAndTheDriftPerAction() throws Exception {
        daemon = start(NEVER + "  mode: report\n", DaemonFixtures.salesFile("Sales Team"));
        sim.state().createGroup(BOT, "Old Chat");

        daemon.runner().run(BOT, null);

        String bot = "bot=\"" + BOT.value() + "\"";
        assertThat(metrics())
                .contains("roster_group_sync_status{" + bot + ",state=\"OutOfSync\"} 1")
                .contains("roster_group_sync_status{" + bot + ",state=\"Synced\"} 0")
                .contains("roster_group_sync_status{" + bot + ",state=\"Unknown\"} 0")
                .contains("roster_group_health{" + bot + ",state=\"Progressing\"} 1")
                .contains("roster_group_health{" + bot + ",state=\"Healthy\"} 0")
                .contains("roster_unmanaged_groups{" + bot + "} 1")
                .contains("roster_drift_changes{" + bot + "} 1")
                .contains("roster_drift_changes_by_action{action=\"create_group\"," + bot + "} 1")
                .contains("roster_drift_changes_by_action{action=\"remove_members\"," + bot + "} 0")
                .contains("roster_run_duration_seconds_count{" + bot + "} 1");

        daemon.status().setPaused(BOT, true);
        assertThat(metrics()).as("a pause shows at the next scrape")
                .contains("roster_group_health{" + bot + ",state=\"Suspended\"} 1");
    }

    @Test
    void metricsShowTheBuildTheJvmTheProcessTheLastGoodLoadAndEvents() throws Exception {
        daemon = start(NEVER, DaemonFixtures.salesFile("Sales Team"));
        daemon.runner().run(BOT, null);
        daemon.metrics().recordEvent("webhook", "ok");
        daemon.metrics().recordEvent("webhook", "ok");
        daemon.metrics().recordEvent("webhook", "ignored");

        String metrics = metrics();

        assertThat(metrics).containsPattern("roster_build_info\\{commit=\"[^\"]+\",version=\"[^\"]+\"} 1")
                .containsPattern("roster_desired_last_load_success_timestamp_seconds [1-9]")
                .contains("roster_desired_load_failures_total{reason=\"fetch\"} 0")
                .contains("roster_desired_load_failures_total{reason=\"invalid\"} 0")
                .contains("roster_events_total{result=\"ok\",source=\"webhook\"} 2")
                .contains("roster_events_total{result=\"ignored\",source=\"webhook\"} 1")
                .contains("jvm_memory_used_bytes").contains("jvm_gc_").contains("jvm_threads_live_threads")
                .contains("jvm_classes_loaded_classes").contains("system_cpu_count").contains("process_uptime_seconds")
                .doesNotContain("roster_desired_commit_info");

        Files.writeString(dir.resolve("sales.yaml"), DaemonFixtures.salesFile("Sales Team") + "    colour: red\n");
        daemon.runner().run(BOT, null);
        assertThat(metrics()).contains("roster_desired_load_failures_total{reason=\"invalid\"} 1")
                .contains("roster_desired_load_failures_total{reason=\"fetch\"} 0");
    }

    @Test
    void metricsNameTheCommitOfTheLastGoodLoadAndCountAFailedFetchApartFromInvalidFiles() throws Exception {
        sim = DaemonFixtures.simulator(0);
        Path upstreamDir = dir.resolve("upstream");
        RevCommit first;
        try (Git upstream = Git.init().setDirectory(upstreamDir.toFile()).setInitialBranch("main").call()) {
            Files.createDirectories(upstreamDir.resolve("groups"));
            Files.writeString(upstreamDir.resolve("groups/sales.yaml"), DaemonFixtures.salesFile("Sales Team"));
            upstream.add().addFilepattern(".").call();
            first = upstream.commit().setMessage("sales").setAuthor("t", "t@example.org")
                    .setCommitter("t", "t@example.org").setSign(false).call();
        }
        RosterSettings settings = DaemonFixtures.settings(sim, dir, NEVER + "  git: {url: \""
                + upstreamDir.toUri() + "\", branch: main}\n");
        daemon = Daemon.start(settings, DaemonFixtures.client(sim), Daemon.Options.of(List.of(Path.of("groups")))
                .withNode("git").withHttpPort(0).withGitDir(dir.resolve("work")).withRunAtStart(false));
        daemon.runner().run(BOT, null);
        assertThat(metrics()).contains("roster_desired_commit_info{commit=\"" + first.getName() + "\"} 1");

        try (var files = Files.walk(upstreamDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        RunRecord run = daemon.runner().run(BOT, null);

        assertThat(run.result()).isEqualTo(RunResult.INVALID);
        assertThat(metrics()).contains("roster_desired_load_failures_total{reason=\"fetch\"} 1")
                .contains("roster_desired_load_failures_total{reason=\"invalid\"} 0")
                .contains("roster_desired_commit_info{commit=\"" + first.getName() + "\"} 1");
        JsonNode group = status().get("groups").get(0);
        assertThat(group.get("health").asText()).isEqualTo("Stalled");
        assertThat(group.get("sync").asText()).isEqualTo("Unknown");
    }
}
