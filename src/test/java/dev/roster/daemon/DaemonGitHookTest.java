package dev.roster.daemon;

import static dev.roster.daemon.DaemonFixtures.BOT;
import static dev.roster.daemon.DaemonFixtures.OTHER_BOT;
import static dev.roster.testing.LocalHttp.await;
import static dev.roster.testing.LocalHttp.get;
import static dev.roster.testing.LocalHttp.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.config.RosterSettings;
import dev.roster.model.Secret;
import dev.roster.simulator.Simulator;
import dev.roster.testing.LocalHttp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /hooks/git}: a signed push to the watched branch fetches at once and runs only the bots whose files
 * changed. The repository is a local folder (file://); the schedule never fires after the first runs.
 */
class DaemonGitHookTest {
    static final String SECRET = "git-hook-secret-0123456789";

    @TempDir
    Path dir;
    Simulator sim;
    Daemon daemon;
    GitUpstream upstream;
    final List<RunRecord> runs = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        sim = DaemonFixtures.simulator(0);
        upstream = GitUpstream.init(dir.resolve("upstream"));
        write("groups/sales.yaml", DaemonFixtures.salesFile("Sales Team"));
        write("groups/other.yaml", DaemonFixtures.desiredFile(OTHER_BOT, "board", "Board"));
        commit();
        String url = upstream.url();
        RosterSettings settings = DaemonFixtures.settings(sim, dir, "  schedule: \"0 0 0 1 1 ? 2099\"\n"
                + "  git: {url: \"" + url + "\", branch: main}\n"
                + "  hooks: {gitSecret: " + SECRET + ", debounce: 50ms}\n");
        daemon = Daemon.start(settings, DaemonFixtures.client(sim), Daemon.Options.of(List.of(Path.of("groups")))
                .withNode("hook").withHttpPort(0).withGitDir(dir.resolve("work")).withRunListener(runs::add));
        await("both bots ran once", 15, () -> runs.size() == 2);
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

    private void write(String file, String content) throws Exception {
        upstream.write(file, content);
    }

    private void commit() throws Exception {
        upstream.commit("edit");
    }

    static String pushBody(String branch) {
        return "{\"ref\":\"refs/heads/" + branch + "\",\"after\":\"0123\",\"commits\":[]}";
    }

    static String githubSignature(String secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(HookAuth.hmac(Secret.of(secret), body));
    }

    private LocalHttp.Response github(String body, String secret, String delivery) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return post(daemon.httpPort(), "/hooks/git", bytes, "X-GitHub-Event", "push", "X-GitHub-Delivery", delivery,
                "X-Hub-Signature-256", githubSignature(secret, bytes));
    }

    private long runsOf(dev.roster.model.BotId bot) {
        return runs.stream().filter(r -> r.bot().equals(bot)).count();
    }

    @Test
    void aSignedPushRunsOnlyTheBotWhoseFileChanged() throws Exception {
        write("groups/sales.yaml", DaemonFixtures.salesFile("Sales Crew") + "    previously: [Sales Team]\n");
        commit();

        assertThat(github(pushBody("main"), SECRET, UUID.randomUUID().toString()).status()).isEqualTo(202);

        await("the push is applied", 10, () -> sim.state().groups(BOT).get(0).subject().equals("Sales Crew"));
        Instant quiet = Instant.now().plusMillis(500);
        await("quiet", 5, () -> Instant.now().isAfter(quiet));
        assertThat(runsOf(BOT)).isEqualTo(2);
        assertThat(runsOf(OTHER_BOT)).as("the other bot's file did not change").isEqualTo(1);
        assertThat(get(daemon.httpPort(), "/metrics").body())
                .contains("roster_events_total{result=\"accepted\",source=\"git\"} 1.0");
    }

    @Test
    void unsignedForgedAndReplayedDeliveriesStartNothing() throws Exception {
        write("groups/sales.yaml", DaemonFixtures.salesFile("Sales Crew") + "    previously: [Sales Team]\n");
        commit();
        byte[] body = pushBody("main").getBytes(StandardCharsets.UTF_8);
        int port = daemon.httpPort();

        assertThat(post(port, "/hooks/git", body, "X-GitHub-Event", "push").status()).isEqualTo(401);
        assertThat(github(pushBody("main"), "wrong-secret", "d1").status()).isEqualTo(401);
        assertThat(post(port, "/hooks/git", body, "X-GitHub-Event", "push", "X-Hub-Signature-256",
                "sha256=zz").status()).isEqualTo(401);
        assertThat(post(port, "/hooks/git", body, "X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", "wrong")
                .status()).isEqualTo(401);
        assertThat(github(pushBody("feature"), SECRET, "d2").status()).as("another branch").isEqualTo(202);
        Instant quiet = Instant.now().plusMillis(800);
        await("quiet", 5, () -> Instant.now().isAfter(quiet));
        assertThat(runs).as("nothing ran").hasSize(2);

        assertThat(github(pushBody("main"), SECRET, "d3").status()).isEqualTo(202);
        await("the push runs the bot", 10, () -> runsOf(BOT) == 2);
        assertThat(github(pushBody("main"), SECRET, "d3").body()).contains("already received");
        assertThat(get(port, "/metrics").body())
                .contains("roster_events_total{result=\"unsigned\",source=\"git\"} 1.0")
                .contains("roster_events_total{result=\"bad_signature\",source=\"git\"} 3.0")
                .contains("roster_events_total{result=\"duplicate\",source=\"git\"} 1.0")
                .contains("roster_events_total{result=\"ignored\",source=\"git\"} 1.0");
    }

    @Test
    void gitLabGiteaAndForgejoPushesAreAcceptedAndAPingIsAnswered() {
        byte[] body = pushBody("main").getBytes(StandardCharsets.UTF_8);
        String hex = githubSignature(SECRET, body).substring(7);
        int port = daemon.httpPort();

        assertThat(post(port, "/hooks/git", body, "X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", SECRET)
                .status()).isEqualTo(202);
        assertThat(post(port, "/hooks/git", body, "X-Gitea-Event", "push", "X-Gitea-Signature", hex).status())
                .isEqualTo(202);
        assertThat(post(port, "/hooks/git", body, "X-Forgejo-Event", "push", "X-Forgejo-Signature", hex).status())
                .isEqualTo(202);
        byte[] ping = "{\"zen\":\"hi\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(post(port, "/hooks/git", ping, "X-GitHub-Event", "ping", "X-Hub-Signature-256",
                githubSignature(SECRET, ping)).body()).isEqualTo("pong\n");
    }
}
