package dev.roster.daemon;

import static dev.roster.daemon.DaemonFixtures.BOT;
import static dev.roster.testing.LocalHttp.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.config.RosterSettings;
import dev.roster.simulator.Simulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The desired state pulled from a local git repository (file://), never the network. */
class GitSourceTest {
    @TempDir
    Path dir;
    Simulator sim;
    Daemon daemon;
    GitUpstream upstream;

    @BeforeEach
    void repository() throws Exception {
        upstream = GitUpstream.init(dir.resolve("upstream"));
    }

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
        if (sim != null) {
            sim.close();
        }
        upstream.close();
    }

    private RevCommit commit(String file, String content) throws Exception {
        return upstream.commit(file, content);
    }

    private Daemon start() throws Exception {
        String url = upstream.url();
        RosterSettings settings = DaemonFixtures.settings(sim, dir,
                "  schedule: \"0 0 0 1 1 ? 2099\"\n  git: {url: \"" + url + "\", branch: main}\n");
        return Daemon.start(settings, DaemonFixtures.client(sim), Daemon.Options.of(List.of(Path.of("groups")))
                .withNode("git").withHttpPort(0).withGitDir(dir.resolve("work")).withRunAtStart(false));
    }

    @Test
    void aCommitIsAppliedAtTheNextRunWithItsIdInStatusAndAudit() throws Exception {
        sim = DaemonFixtures.simulator(0);
        RevCommit first = commit("groups/sales.yaml", DaemonFixtures.salesFile("Sales Team"));
        daemon = start();

        RunRecord run1 = daemon.runner().run(BOT, null);
        assertThat(run1.result()).isEqualTo(RunResult.OK);
        assertThat(run1.commit()).isEqualTo(first.getName());
        assertThat(sim.state().groups(BOT)).singleElement().satisfies(g -> assertThat(g.subject())
                .isEqualTo("Sales Team"));

        RevCommit second = commit("groups/sales.yaml", DaemonFixtures.salesFile("Sales Crew")
                + "    previously: [Sales Team]\n");
        RunRecord run2 = daemon.runner().run(BOT, null);

        assertThat(run2.commit()).isEqualTo(second.getName());
        assertThat(run2.applied()).containsEntry(dev.roster.plan.Action.SET_SUBJECT, 1);
        assertThat(sim.state().groups(BOT)).singleElement().satisfies(g -> assertThat(g.subject())
                .isEqualTo("Sales Crew"));
        assertThat(get(daemon.httpPort(), "/status").body()).contains("\"commit\" : \"" + second.getName() + "\"");
        List<String> audit = Files.readAllLines(dir.resolve("audit.jsonl"));
        assertThat(audit).isNotEmpty().allSatisfy(line -> assertThat(line).containsPattern(
                "\"commit\":\"(" + first.getName() + "|" + second.getName() + ")\""));
        assertThat(audit).anySatisfy(line -> assertThat(line).contains("set_subject")
                .contains(second.getName()));
    }

    @Test
    void aBrokenCommitAppliesNothingAndIsReported() throws Exception {
        sim = DaemonFixtures.simulator(0);
        commit("groups/sales.yaml", DaemonFixtures.salesFile("Sales Team"));
        daemon = start();
        daemon.runner().run(BOT, null);
        long writes = sim.state().stats().writes();

        RevCommit broken = commit("groups/sales.yaml", DaemonFixtures.salesFile("Sales Crew")
                + "    previously: [Sales Team]\n    membership: sometimes\n");
        RunRecord run = daemon.runner().run(BOT, null);

        assertThat(run.result()).isEqualTo(RunResult.INVALID);
        assertThat(run.commit()).isEqualTo(broken.getName());
        assertThat(run.errors()).anySatisfy(e -> assertThat(e).contains("sales.yaml").contains("sometimes"));
        assertThat(sim.state().stats().writes()).isEqualTo(writes);
        assertThat(sim.state().groups(BOT)).singleElement().satisfies(g -> assertThat(g.subject())
                .isEqualTo("Sales Team"));
        String status = get(daemon.httpPort(), "/status").body();
        assertThat(status).contains("\"result\" : \"invalid\"").contains(broken.getName()).contains("sometimes");
        assertThat(get(daemon.httpPort(), "/metrics").body())
                .contains("roster_runs_total{bot=\"447506616260\",result=\"invalid\"} 1");
    }

    @Test
    void credentialsInTheUrlNeverReachMessages() {
        assertThat(GitSource.redact("cannot fetch https://bob:s3cret@git.example.org/r.git: 401"))
                .isEqualTo("cannot fetch https://***@git.example.org/r.git: 401");
    }

    @Test
    void aRestartReusesTheWorkingFolderAndAMissingBranchIsAnErrorNotACrash() throws Exception {
        sim = DaemonFixtures.simulator(0);
        String url = upstream.url();
        RosterSettings settings = DaemonFixtures.settings(sim, dir, "  schedule: \"0 0 0 1 1 ? 2099\"\n");
        var loader = new dev.roster.config.DesiredStateLoader(settings);
        Path work = dir.resolve("work");
        commit("groups/sales.yaml", DaemonFixtures.salesFile("Sales Team"));
        try (GitSource first = new GitSource(url, "main", work, List.of(Path.of("groups")), loader)) {
            assertThat(first.read().isValid()).isTrue();
        }
        RevCommit second = commit("groups/sales.yaml", DaemonFixtures.salesFile("Sales Crew"));
        try (GitSource again = new GitSource(url, "main", work, List.of(Path.of("groups")), loader)) {
            Snapshot snapshot = again.read();
            assertThat(snapshot.commit()).isEqualTo(second.getName());
            assertThat(snapshot.loaded().state().groups()).singleElement()
                    .satisfies(g -> assertThat(g.subject()).isEqualTo("Sales Crew"));
        }
        try (GitSource wrong = new GitSource(url, "no-such-branch", dir.resolve("other"), List.of(), loader)) {
            Snapshot snapshot = wrong.read();
            assertThat(snapshot.isValid()).isFalse();
            assertThat(snapshot.errors()).singleElement().asString().contains("no-such-branch");
        }
    }
}
