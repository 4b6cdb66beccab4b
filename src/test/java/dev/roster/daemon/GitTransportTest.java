package dev.roster.daemon;

import static dev.roster.testing.LocalHttp.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import dev.roster.config.DesiredStateLoader;
import dev.roster.config.RosterSettings;
import dev.roster.model.Secret;
import dev.roster.simulator.Simulator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** How the daemon reaches a git server: timeout, credentials, ssh. Every server is on loopback. */
class GitTransportTest {
    private static final String TOKEN = "tok-git-7f3a9c";

    @TempDir
    Path dir;
    Git upstream;
    DesiredStateLoader loader = new DesiredStateLoader(RosterSettings.defaults());
    final List<AutoCloseable> cleanup = new CopyOnWriteArrayList<>();

    @BeforeEach
    void repository() throws Exception {
        upstream = Git.init().setDirectory(dir.resolve("upstream").toFile()).setInitialBranch("main").call();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
        upstream.close();
    }

    private RevCommit commit(String subject) throws Exception {
        Path path = upstream.getRepository().getWorkTree().toPath().resolve("groups/sales.yaml");
        Files.createDirectories(path.getParent());
        Files.writeString(path, DaemonFixtures.salesFile(subject));
        upstream.add().addFilepattern(".").call();
        return upstream.commit().setMessage("subject " + subject).setAuthor("t", "t@example.org")
                .setCommitter("t", "t@example.org").setSign(false).call();
    }

    private static RosterSettings.Git git(String url, String user, Secret password, Path key, Path knownHosts,
            Duration timeout) {
        return new RosterSettings.Git(url, "main", user, password, key, knownHosts, timeout, false);
    }

    /** Accepts connections on loopback and holds them open without ever sending a byte. */
    private ServerSocket silentServer(List<Socket> accepted) throws Exception {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        cleanup.add(server);
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    Socket s = server.accept();
                    accepted.add(s);
                    cleanup.add(s);
                }
            } catch (Exception closed) {
                // the test is over
            }
        }, "silent-git-server");
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }

    @Test
    void aRemoteThatAcceptsAndNeverAnswersFailsTheFetchAfterTheTimeoutAndTheDaemonStillStarts() throws Exception {
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        ServerSocket server = silentServer(accepted);
        String url = "http://127.0.0.1:" + server.getLocalPort() + "/groups.git";

        Snapshot snapshot = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try (GitSource source = new GitSource(git(url, null, null, null, null, Duration.ofSeconds(1)),
                    dir.resolve("work"), List.of(Path.of("groups")), loader)) {
                return source.read();
            }
        });
        assertThat(accepted).as("the fetch reached the server").isNotEmpty();
        assertThat(snapshot.isValid()).isFalse();
        assertThat(snapshot.errors()).singleElement().asString().isEqualTo("cannot fetch branch main of " + url + ": no answer within 1 s (daemon.git.timeout)");

        Simulator sim = DaemonFixtures.simulator(0);
        cleanup.add(sim);
        RosterSettings settings = DaemonFixtures.settings(sim, dir, "  schedule: \"0 0 0 1 1 ? 2099\"\n"
                + "  git: {url: \"" + url + "\", timeout: 1s}\n");
        Daemon daemon = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Daemon.start(settings,
                DaemonFixtures.client(sim), Daemon.Options.of(List.of(Path.of("groups"))).withNode("silent")
                        .withHttpPort(0).withGitDir(dir.resolve("daemon-work"))));
        cleanup.add(daemon);
        assertThat(get(daemon.httpPort(), "/healthz").status()).isEqualTo(200);
        assertThat(get(daemon.httpPort(), "/status").body()).contains("cannot fetch branch main");
    }

    @Test
    void credentialsFromTheSettingsAreSentToTheServerAndNeverShown() throws Exception {
        List<String> authorizations = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth == null) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
                exchange.sendResponseHeaders(401, -1);
            } else {
                authorizations.add(auth);
                exchange.sendResponseHeaders(403, -1);
            }
            exchange.close();
        });
        server.start();
        cleanup.add(() -> server.stop(0));
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/groups.git";

        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        Level previous = root.getLevel();
        root.addAppender(events);
        root.setLevel(Level.DEBUG);
        Snapshot snapshot;
        try (GitSource source = new GitSource(git(url, "roster-bot", Secret.of(TOKEN), null, null,
                Duration.ofSeconds(10)), dir.resolve("work"), List.of(), loader)) {
            snapshot = source.read();
        } finally {
            root.detachAppender(events);
            root.setLevel(previous);
        }

        String basic = "Basic " + Base64.getEncoder().encodeToString(("roster-bot:" + TOKEN)
                .getBytes(StandardCharsets.UTF_8));
        assertThat(authorizations).as("the credentials provider was asked and used").contains(basic);
        assertThat(snapshot.isValid()).isFalse();
        String shown = String.join("\n", snapshot.errors()) + events.list.stream()
                .map(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? ""
                        : e.getThrowableProxy().getMessage()))
                .reduce("", (a, b) -> a + "\n" + b);
        assertThat(events.list).isNotEmpty();
        assertThat(shown).doesNotContain(TOKEN).doesNotContain(basic.substring("Basic ".length()));
        assertThat(GitSource.credentials(git(url, "roster-bot", Secret.of(TOKEN), null, null,
                Duration.ofSeconds(1))).toString()).doesNotContain(TOKEN);
    }

    @Test
    void aRepositoryIsFetchedOverSshShallowWithTheKeyFileAndKnownHosts() throws Exception {
        RevCommit first = commit("Sales Team");
        GitSshServer ssh = new GitSshServer(upstream.getRepository(), Files.createDirectories(dir.resolve("ssh")));
        cleanup.add(ssh);
        Path work = dir.resolve("work");
        try (GitSource source = new GitSource(git(ssh.url(), null, null, ssh.clientKey, ssh.knownHosts,
                Duration.ofSeconds(20)), work, List.of(Path.of("groups")), loader)) {
            Snapshot snapshot = source.read();
            assertThat(snapshot.errors()).isEmpty();
            assertThat(snapshot.commit()).isEqualTo(first.getName());

            commit("Sales Team");
            RevCommit third = commit("Sales Crew");
            Snapshot again = source.read();
            assertThat(again.commit()).isEqualTo(third.getName());
            assertThat(again.loaded().state().groups()).singleElement()
                    .satisfies(g -> assertThat(g.subject()).isEqualTo("Sales Crew"));
        }
        assertThat(work.resolve(".git/shallow")).as("fetched with depth 1").isRegularFile();
        try (Git clone = Git.open(work.toFile())) {
            assertThat(clone.getRepository().getRefDatabase().getRefsByPrefix("refs/remotes/origin/"))
                    .as("only the branch is fetched").extracting(r -> r.getName())
                    .containsExactly("refs/remotes/origin/main");
        }
    }

    @Test
    void anSshServerWhoseKeyIsNotInKnownHostsIsRefused() throws Exception {
        commit("Sales Team");
        GitSshServer ssh = new GitSshServer(upstream.getRepository(), Files.createDirectories(dir.resolve("ssh")));
        cleanup.add(ssh);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        Path otherHosts = dir.resolve("other_known_hosts");
        Files.writeString(otherHosts, "[127.0.0.1]:" + ssh.port() + " "
                + PublicKeyEntry.toString(generator.generateKeyPair().getPublic()) + "\n");
        Path emptyHosts = Files.writeString(dir.resolve("empty_known_hosts"), "");

        for (Path knownHosts : List.of(otherHosts, emptyHosts)) {
            try (GitSource source = new GitSource(git(ssh.url(), null, null, ssh.clientKey, knownHosts,
                    Duration.ofSeconds(20)), dir.resolve("work-" + knownHosts.getFileName()), List.of(), loader)) {
                Snapshot snapshot = source.read();
                assertThat(snapshot.isValid()).as(knownHosts.getFileName().toString()).isFalse();
                assertThat(snapshot.errors()).singleElement().asString().contains("cannot fetch branch main");
            }
        }
    }
}
