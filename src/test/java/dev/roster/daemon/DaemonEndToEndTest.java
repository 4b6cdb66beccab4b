package dev.roster.daemon;

import static dev.roster.daemon.DaemonFixtures.BOT;
import static dev.roster.testing.LocalHttp.await;
import static dev.roster.testing.LocalHttp.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.config.RosterSettings;
import dev.roster.model.LiveGroup;
import dev.roster.model.Msisdn;
import dev.roster.simulator.Simulator;
import dev.roster.testing.LocalHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon in this JVM against the simulator, on a one-second schedule. */
class DaemonEndToEndTest {
    @TempDir
    Path dir;
    Simulator sim;
    Daemon daemon;
    final List<RunRecord> runs = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private Daemon start(String daemonYaml, Path desired) throws Exception {
        RosterSettings settings = DaemonFixtures.settings(sim, dir, daemonYaml);
        return Daemon.start(settings, DaemonFixtures.client(sim), Daemon.Options.of(List.of(desired))
                .withNode("e2e").withHttpPort(0).withRunListener(runs::add).withRunAtStart(false));
    }

    private List<LiveGroup> groups() {
        return sim.state().groups(BOT);
    }

    private long runsSince(Instant t) {
        return runs.stream().filter(r -> r.started().isAfter(t)).count();
    }

    @Test
    void appliesPicksUpEditsStaysConvergedAndServesEndpoints() throws Exception {
        sim = DaemonFixtures.simulator(0);
        Path desired = Files.createDirectories(dir.resolve("groups"));
        Files.writeString(desired.resolve("sales.yaml"), DaemonFixtures.salesFile("Sales Team"));
        daemon = start("  schedule: \"0/1 * * * * ?\"\n", desired);
        int port = daemon.httpPort();

        assertThat(get(port, "/healthz").status()).isEqualTo(200);
        assertThat(get(port, "/readyz").status()).isEqualTo(200);
        await("the group is created", 15, () -> groups().size() == 1);
        assertThat(groups().get(0).subject()).isEqualTo("Sales Team");

        // Alice and Bob join by the invite link; the next run promotes Alice.
        sim.state().join(BOT, groups().get(0).id(), List.of(Msisdn.parse(DaemonFixtures.ALICE),
                Msisdn.parse(DaemonFixtures.BOB)));
        await("Alice is promoted", 15, () -> groups().get(0).admins().contains(Msisdn.parse(DaemonFixtures.ALICE)));

        Files.writeString(desired.resolve("sales.yaml"), DaemonFixtures.salesFile("Sales Crew")
                + "    previously: [Sales Team]\n");
        await("the edited subject is applied", 15, () -> groups().get(0).subject().equals("Sales Crew"));

        Instant converged = Instant.now();
        await("a run after convergence", 15, () -> runsSince(converged) >= 1);
        long writes = sim.state().stats().writes();
        Instant later = Instant.now();
        await("two more runs", 15, () -> runsSince(later) >= 2);
        assertThat(sim.state().stats().writes()).as("writes on converged runs").isEqualTo(writes);
        assertThat(groups()).hasSize(1);
        RunRecord last = runs.get(runs.size() - 1);
        assertThat(last.result()).isEqualTo(RunResult.OK);
        assertThat(last.drift()).isZero();
        assertThat(last.changesApplied()).isZero();

        String metrics = get(port, "/metrics").body();
        assertThat(metrics)
                .contains("roster_runs_total{bot=\"447506616260\",result=\"ok\"}")
                .contains("roster_changes_applied_total{action=\"create_group\",bot=\"447506616260\"} 1")
                .contains("roster_changes_applied_total{action=\"set_subject\",bot=\"447506616260\"} 1")
                .contains("roster_changes_applied_total{action=\"add_admins\",bot=\"447506616260\"} 1")
                .contains("roster_drift_changes{bot=\"447506616260\"} 0")
                .contains("roster_pending_members{bot=\"447506616260\"} 0")
                .contains("roster_run_duration_seconds_count")
                .contains("roster_last_success_timestamp_seconds{bot=\"447506616260\"}")
                .contains("roster_api_requests_total{operation=\"list_groups\",status=\"ok\"}");

        String status = get(port, "/status").body();
        assertThat(status).contains("\"447506616260\"").contains("\"result\" : \"ok\"").contains("\"node\" : \"e2e\"");
        assertThat(get(port, "/nothing").status()).isEqualTo(404);
    }

    @Test
    void reportModeWritesNothingAndShowsDriftWithoutNumbers() throws Exception {
        sim = DaemonFixtures.simulator(0);
        Path desired = dir.resolve("sales.yaml");
        Files.writeString(desired, DaemonFixtures.salesFile("Sales Team"));
        daemon = start("  schedule: \"0 0 0 1 1 ? 2099\"\n  mode: report\n", desired);

        RunRecord run = daemon.runner().run(BOT, null);

        assertThat(run.result()).isEqualTo(RunResult.DRIFT);
        assertThat(run.drift()).isEqualTo(1);
        assertThat(run.pending()).isEqualTo(2);
        assertThat(sim.state().stats().writes()).isZero();
        assertThat(groups()).isEmpty();
        String status = get(daemon.httpPort(), "/status").body();
        assertThat(status).contains("\"result\" : \"drift\"").contains("\"drift\" : 1").contains("\"pending\" : 2")
                .doesNotContain("46732001122").doesNotContain("46732002244");
        assertThat(get(daemon.httpPort(), "/metrics").body())
                .contains("roster_drift_changes{bot=\"447506616260\"} 1")
                .contains("roster_pending_members{bot=\"447506616260\"} 2");
    }

    @Test
    void invalidFilesApplyNothingAndAreReported() throws Exception {
        sim = DaemonFixtures.simulator(0);
        Path desired = dir.resolve("sales.yaml");
        Files.writeString(desired, DaemonFixtures.salesFile("Sales Team"));
        daemon = start("  schedule: \"0 0 0 1 1 ? 2099\"\n", desired);
        Files.writeString(desired, DaemonFixtures.salesFile("Sales Team") + "    colour: red\n");

        RunRecord run = daemon.runner().run(BOT, null);

        assertThat(run.result()).isEqualTo(RunResult.INVALID);
        assertThat(run.errors()).anySatisfy(e -> assertThat(e).contains("sales.yaml:").contains("colour"));
        assertThat(sim.state().stats().writes()).isZero();
        String status = get(daemon.httpPort(), "/status").body();
        assertThat(status).contains("\"result\" : \"invalid\"").contains("\"valid\" : false").contains("colour");
        assertThat(get(daemon.httpPort(), "/metrics").body())
                .contains("roster_runs_total{bot=\"447506616260\",result=\"invalid\"} 1")
                .containsPattern("roster_desired_state_errors [1-9]");
    }

    @Test
    void readyzIs503WithTheReasonWhileTheHeadIsInvalid() throws Exception {
        sim = DaemonFixtures.simulator(0);
        Path desired = dir.resolve("sales.yaml");
        Files.writeString(desired, DaemonFixtures.salesFile("Sales Team"));
        daemon = start("  schedule: \"0 0 0 1 1 ? 2099\"\n", desired);
        assertThat(get(daemon.httpPort(), "/readyz").status()).as("after a good load").isEqualTo(200);

        Files.writeString(desired, DaemonFixtures.salesFile("Sales Team") + "    colour: red\n");
        daemon.runner().run(BOT, null);

        LocalHttp.Response readyz = get(daemon.httpPort(), "/readyz");
        assertThat(readyz.status()).isEqualTo(503);
        assertThat(readyz.body()).contains("desired state").contains("invalid").contains("1 error");
        assertThat(get(daemon.httpPort(), "/healthz").status()).as("the process can still work").isEqualTo(200);
        assertThat(get(daemon.httpPort(), "/status").body()).contains("\"ready\" : false")
                .contains("\"not_ready_reason\" : \"desired state");

        Files.writeString(desired, DaemonFixtures.salesFile("Sales Team"));
        daemon.runner().run(BOT, null);
        assertThat(get(daemon.httpPort(), "/readyz").status()).as("valid again").isEqualTo(200);
    }

    @Test
    void notReadyWhileTheFilesHaveNeverLoaded() throws Exception {
        sim = DaemonFixtures.simulator(0);
        Path desired = dir.resolve("sales.yaml");
        Files.writeString(desired, "bot: [\n");
        daemon = start("  schedule: \"0 0 0 1 1 ? 2099\"\n", desired);

        assertThat(get(daemon.httpPort(), "/healthz").status()).isEqualTo(200);
        assertThat(get(daemon.httpPort(), "/readyz").status()).isEqualTo(503);
        Files.writeString(desired, DaemonFixtures.salesFile("Sales Team"));
        daemon.runner().run(BOT, null);
        assertThat(get(daemon.httpPort(), "/readyz").status()).isEqualTo(200);
    }

    @Test
    void botsThatAppearGetJobsAndBotsThatDisappearLoseThem() throws Exception {
        sim = DaemonFixtures.simulator(0);
        Path desired = Files.createDirectories(dir.resolve("groups"));
        Files.writeString(desired.resolve("sales.yaml"), DaemonFixtures.salesFile("Sales Team"));
        daemon = start("  schedule: \"0 0 0 1 1 ? 2099\"\n", desired);
        org.quartz.Scheduler scheduler = daemon.scheduler();
        assertThat(scheduler.checkExists(JobSync.jobKey(BOT))).isTrue();
        assertThat(scheduler.checkExists(JobSync.jobKey(DaemonFixtures.OTHER_BOT))).isFalse();

        Files.writeString(desired.resolve("support.yaml"),
                DaemonFixtures.desiredFile(DaemonFixtures.OTHER_BOT, "support", "Support"));
        scheduler.triggerJob(JobSync.SYNC_JOB);
        await("a job for the new bot", 10, () -> exists(scheduler, JobSync.jobKey(DaemonFixtures.OTHER_BOT)));

        Files.delete(desired.resolve("sales.yaml"));
        scheduler.triggerJob(JobSync.SYNC_JOB);
        await("the removed bot's job is gone", 10, () -> !exists(scheduler, JobSync.jobKey(BOT)));
        assertThat(exists(scheduler, JobSync.jobKey(DaemonFixtures.OTHER_BOT))).isTrue();
    }

    private static boolean exists(org.quartz.Scheduler scheduler, org.quartz.JobKey key) {
        try {
            return scheduler.checkExists(key);
        } catch (org.quartz.SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyBotRunsOnceAtStartBeforeTheFirstTick() throws Exception {
        sim = DaemonFixtures.simulator(0);
        Path desired = dir.resolve("sales.yaml");
        Files.writeString(desired, DaemonFixtures.salesFile("Sales Team"));
        RosterSettings settings = DaemonFixtures.settings(sim, dir, "  schedule: \"0 0 0 1 1 ? 2099\"\n");
        daemon = Daemon.start(settings, DaemonFixtures.client(sim), Daemon.Options.of(List.of(desired))
                .withNode("e2e").withHttpPort(0).withRunListener(runs::add));

        await("the run at start", 15, () -> !runs.isEmpty());
        assertThat(runs.get(0).result()).isEqualTo(RunResult.OK);
        assertThat(groups()).hasSize(1);
    }

    @Test
    void stoppingLetsTheCallInFlightFinishAndMakesNoFurtherCalls() throws Exception {
        sim = DaemonFixtures.simulator(1000);
        Path desired = Files.createDirectories(dir.resolve("groups"));
        Files.writeString(desired.resolve("sales.yaml"), DaemonFixtures.salesFile("Sales Team"));
        Files.writeString(desired.resolve("support.yaml"),
                DaemonFixtures.desiredFile(DaemonFixtures.OTHER_BOT, "support", "Support"));
        RosterSettings settings = DaemonFixtures.settings(sim, dir, "  schedule: \"0 0 0 1 1 ? 2099\"\n");
        daemon = Daemon.start(settings, DaemonFixtures.client(sim), Daemon.Options.of(List.of(desired))
                .withNode("e2e").withHttpPort(0).withRunListener(runs::add));
        await("both runs are in their first call", 15, () -> sim.state().stats().totalRequests() >= 2);

        long atStop = sim.state().stats().totalRequests();
        daemon.stop(java.time.Duration.ofSeconds(15));

        assertThat(runs).hasSize(2).allSatisfy(r -> {
            assertThat(r.result()).isEqualTo(RunResult.FAILED);
            assertThat(r.errors()).anySatisfy(e -> assertThat(e).contains("stopping"));
        });
        assertThat(sim.state().stats().totalRequests()).as("no call started after stop").isEqualTo(atStop);
        assertThat(get(daemon.httpPort(), "/healthz").status()).as("server closed").isEqualTo(-1);
    }

    @Test
    void aFailingBotDoesNotTouchTheOthers() throws Exception {
        sim = DaemonFixtures.simulator(0);
        Path desired = Files.createDirectories(dir.resolve("groups"));
        Files.writeString(desired.resolve("sales.yaml"), DaemonFixtures.salesFile("Sales Team"));
        dev.roster.model.BotId unknown = dev.roster.model.BotId.of("447506616299"); // not a bot of the simulator
        Files.writeString(desired.resolve("ghost.yaml"), DaemonFixtures.desiredFile(unknown, "ghost", "Ghost"));
        daemon = start("  schedule: \"0 0 0 1 1 ? 2099\"\n", desired);

        RunRecord failing = daemon.runner().run(unknown, null);
        RunRecord fine = daemon.runner().run(BOT, null);

        assertThat(failing.result()).isEqualTo(RunResult.FAILED);
        assertThat(failing.errors()).isNotEmpty();
        assertThat(fine.result()).isEqualTo(RunResult.OK);
        assertThat(groups()).hasSize(1);
        assertThat(get(daemon.httpPort(), "/metrics").body())
                .contains("roster_runs_total{bot=\"447506616299\",result=\"failed\"} 1")
                .contains("roster_runs_total{bot=\"447506616260\",result=\"ok\"} 1")
                .containsPattern("roster_api_requests_total\\{operation=\"list_groups\",status=\"4\\d\\d\"}");
    }
}
