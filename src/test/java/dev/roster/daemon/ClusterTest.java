package dev.roster.daemon;

import static dev.roster.daemon.DaemonFixtures.BOT;
import static dev.roster.daemon.DaemonFixtures.OTHER_BOT;
import static dev.roster.testing.LocalHttp.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.config.RosterSettings;
import dev.roster.model.BotId;
import dev.roster.simulator.Simulator;
import dev.roster.testing.ChildJvm;
import dev.roster.testing.LocalHttp;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cluster mode on a real PostgreSQL that the test starts itself (no installed server, no Docker). */
class ClusterTest {
    static EmbeddedPostgres pg;
    static int databases;

    @TempDir
    Path dir;
    final List<AutoCloseable> cleanup = new ArrayList<>();

    @BeforeAll
    static void startPostgres() throws Exception {
        pg = EmbeddedPostgres.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        pg.close();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
    }

    /** A fresh, empty database, so that tests do not share Quartz's tables. */
    static String newDatabase() throws SQLException {
        String name = "roster" + (++databases);
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("create database " + name);
        }
        return pg.getJdbcUrl("postgres", name);
    }

    private Daemon node(Simulator sim, String jdbcUrl, String name, Path desired, List<RunRecord> runs)
            throws Exception {
        Path nodeDir = Files.createDirectories(dir.resolve(name));
        RosterSettings settings = DaemonFixtures.settings(sim, nodeDir, "  schedule: \"0/1 * * * * ?\"\n"
                + "  jobStore: {url: \"" + jdbcUrl + "\", user: postgres}\n");
        Daemon d = Daemon.start(settings, DaemonFixtures.client(sim), Daemon.Options.of(List.of(desired))
                .withNode(name).withHttpPort(0).withQuartz(new QuartzSetup.Options(4, 1000))
                .withRunListener(runs::add));
        cleanup.add(d);
        return d;
    }

    /** A node on a one-second schedule with the desired state of {@link #salesOnly()}; not added to clean-up. */
    private Daemon soloNode(Simulator sim, String jdbcUrl, String name, List<RunRecord> runs, boolean runAtStart)
            throws Exception {
        Path nodeDir = Files.createDirectories(dir.resolve(name));
        RosterSettings settings = DaemonFixtures.settings(sim, nodeDir, "  schedule: \"0/1 * * * * ?\"\n"
                + "  jobStore: {url: \"" + jdbcUrl + "\", user: postgres}\n");
        return Daemon.start(settings, DaemonFixtures.client(sim), Daemon.Options.of(List.of(salesOnly()))
                .withNode(name).withHttpPort(0).withQuartz(new QuartzSetup.Options(4, 1000))
                .withRunListener(runs::add).withRunAtStart(runAtStart));
    }

    private Path salesOnly() throws Exception {
        Path desired = dir.resolve("sales.yaml");
        if (!Files.exists(desired)) {
            Files.writeString(desired, DaemonFixtures.salesFile("Sales Team"));
        }
        return desired;
    }

    /**
     * The runs of {@link DaemonFixtures#BOT} that began after {@code since} and were due no later than the first of
     * them began: the first run itself plus any fire replayed for a tick missed before it.
     */
    private static List<RunRecord> catchUpRuns(List<RunRecord> runs, Instant since) {
        List<RunRecord> after = runs.stream().filter(r -> r.bot().equals(BOT) && r.scheduledFor() != null
                && r.started().isAfter(since)).sorted((x, y) -> x.started().compareTo(y.started())).toList();
        if (after.isEmpty()) {
            return List.of();
        }
        Instant first = after.get(0).started();
        return after.stream().filter(r -> !r.scheduledFor().isAfter(first)).toList();
    }

    private static long runsAfter(List<RunRecord> runs, Instant since) {
        return runs.stream().filter(r -> r.bot().equals(BOT) && r.scheduledFor() != null
                && r.started().isAfter(since)).count();
    }

    @Test
    void aNodeStoppedOrPausedForSeveralTicksCatchesUpWithOneRunNotABurst() throws Exception {
        Simulator sim = DaemonFixtures.simulator(0);
        cleanup.add(sim);
        String url = newDatabase();
        List<RunRecord> runs = new CopyOnWriteArrayList<>();
        Daemon first = soloNode(sim, url, "node-a", runs, true);
        await("three runs", 60, () -> runsAfter(runs, Instant.EPOCH) >= 3);
        first.close();

        Thread.sleep(5_000); // five ticks of the schedule pass with no node running
        Instant restarted = Instant.now();
        Daemon again = soloNode(sim, url, "node-a", runs, true);
        cleanup.add(again);
        await("three runs after the restart", 60, () -> runsAfter(runs, restarted) >= 3);
        assertThat(catchUpRuns(runs, restarted)).as("runs due before the first run after the restart")
                .hasSize(1);

        again.scheduler().standby();
        await("runs in flight end", 10, () -> idle(again));
        Thread.sleep(5_000); // five more ticks pass while the scheduler is paused
        Instant resumed = Instant.now();
        again.scheduler().start();
        await("three runs after the pause", 60, () -> runsAfter(runs, resumed) >= 3);
        assertThat(catchUpRuns(runs, resumed)).as("runs due before the first run after the pause").hasSize(1);
        assertThat(sim.state().groups(BOT)).hasSize(1);
    }

    @Test
    void aDatabaseStoppedForSeveralTicksLeadsToOneCatchUpRunNotABurst() throws Exception {
        Simulator sim = DaemonFixtures.simulator(0);
        cleanup.add(sim);
        int port = LocalHttp.freePort();
        Path data = dir.resolve("pgdata");
        EmbeddedPostgres own = EmbeddedPostgres.builder().setPort(port).setDataDirectory(data)
                .setCleanDataDirectory(false).start();
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        List<RunRecord> runs = new CopyOnWriteArrayList<>();
        Daemon node = soloNode(sim, url, "node-a", runs, true);
        try {
            await("three runs", 60, () -> runsAfter(runs, Instant.EPOCH) >= 3);
            own.close();
            Thread.sleep(8_000); // eight ticks pass while the database is away
            Instant back = Instant.now();
            own = EmbeddedPostgres.builder().setPort(port).setDataDirectory(data).setCleanDataDirectory(false).start();
            await("three runs after the database is back", 90, () -> runsAfter(runs, back) >= 3);
            assertThat(catchUpRuns(runs, back)).as("runs due before the first run after the database came back")
                    .hasSize(1);
        } finally {
            node.close();
            own.close();
        }
    }

    @Test
    void aNodeStartedBeforeItsDatabaseWaitsAndJoinsOnceTheDatabaseIsUp() throws Exception {
        ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                DatabaseWait.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> events =
                new ch.qos.logback.core.read.ListAppender<>();
        events.start();
        log.addAppender(events);
        ch.qos.logback.classic.Level previous = log.getLevel();
        log.setLevel(ch.qos.logback.classic.Level.INFO);
        try {
            Simulator sim = DaemonFixtures.simulator(0);
            cleanup.add(sim);
            int port = LocalHttp.freePort();
            String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
            List<RunRecord> runs = new CopyOnWriteArrayList<>();
            CompletableFuture<Daemon> starting = CompletableFuture.supplyAsync(() -> {
                try {
                    return soloNode(sim, url, "early", runs, true);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            await("two failed attempts logged", 30, () -> events.list.size() >= 2);
            assertThat(starting).as("the start waits for the database").isNotDone();

            EmbeddedPostgres late = EmbeddedPostgres.builder().setPort(port).start();
            cleanup.add(late);
            Daemon node = starting.get(120, java.util.concurrent.TimeUnit.SECONDS);
            cleanup.add(node);
            await("a run on the node", 60, () -> runs.stream().anyMatch(r -> r.result() == RunResult.OK));

            assertThat(events.list).allSatisfy(e -> assertThat(e.getThrowableProxy()).as("stack trace at INFO")
                    .isNull());
            assertThat(events.list).filteredOn(e -> e.getFormattedMessage().contains("is not reachable"))
                    .hasSizeGreaterThanOrEqualTo(2);
            assertThat(events.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("reachable now"));
        } finally {
            log.detachAppender(events);
            log.setLevel(previous);
        }
    }

    private Path desiredForTwoBots() throws Exception {
        Path desired = Files.createDirectories(dir.resolve("groups"));
        Files.writeString(desired.resolve("a.yaml"), DaemonFixtures.desiredFile(BOT, "sales", "Sales"));
        Files.writeString(desired.resolve("b.yaml"), DaemonFixtures.desiredFile(OTHER_BOT, "support", "Support"));
        return desired;
    }

    @Test
    void advisoryLockAdmitsOneHolderAndIsFreedWhenItsSessionDies() throws Exception {
        String url = newDatabase();
        List<Connection> opened = new CopyOnWriteArrayList<>();
        AdvisoryLockFence first = new AdvisoryLockFence(() -> {
            Connection c = DriverManager.getConnection(url, "postgres", "");
            opened.add(c);
            return c;
        });
        AdvisoryLockFence second = new AdvisoryLockFence(() -> DriverManager.getConnection(url, "postgres", ""));

        Optional<BotFence.Lease> held = first.tryAcquire(BOT);
        assertThat(held).isPresent();
        assertThat(second.tryAcquire(BOT)).as("same bot, other node").isEmpty();
        Optional<BotFence.Lease> other = second.tryAcquire(OTHER_BOT);
        assertThat(other).as("another bot is not fenced").isPresent();
        other.get().close();

        held.get().close();
        Optional<BotFence.Lease> afterRelease = second.tryAcquire(BOT);
        assertThat(afterRelease).isPresent();
        afterRelease.get().close();

        assertThat(first.tryAcquire(BOT)).isPresent(); // never released: its node "dies"
        opened.get(opened.size() - 1).close();
        assertThat(second.tryAcquire(BOT)).as("a dead session frees its lock").isPresent();
    }

    @Test
    void statusOnAnyNodeShowsEachBotsLatestRunWhicheverNodeRanIt() throws Exception {
        String url = newDatabase();
        try (Simulator sim = DaemonFixtures.simulator(0)) {
            Daemon[] nodes = new Daemon[2];
            for (int i = 0; i < 2; i++) {
                Path nodeDir = Files.createDirectories(dir.resolve("status-" + i));
                RosterSettings settings = DaemonFixtures.settings(sim, nodeDir, "  schedule: \"0 0 0 1 1 ? 2099\"\n"
                        + "  jobStore: {url: \"" + url + "\", user: postgres}\n");
                nodes[i] = Daemon.start(settings, DaemonFixtures.client(sim), Daemon.Options.of(List.of(salesOnly()))
                        .withNode("status-" + i).withHttpPort(0).withRunAtStart(false));
                cleanup.add(nodes[i]);
            }

            RunRecord run = nodes[0].runner().run(BOT, null);
            assertThat(run.result()).isEqualTo(RunResult.OK);

            await("the run is shared", 10, () -> LocalHttp.get(nodes[1].httpPort(), "/status").body()
                    .contains("reported_by"));
            String other = LocalHttp.get(nodes[1].httpPort(), "/status").body();
            assertThat(other).contains("\"" + BOT + "\"").contains("\"reported_by\" : \"status-0\"")
                    .contains("\"node\" : \"status-0\"").contains("\"key\" : \"sales-team\"");
            assertThat(other).as("numbers are masked in the shared entry").doesNotContain("46732002244");
            String own = LocalHttp.get(nodes[0].httpPort(), "/status").body();
            assertThat(own).contains("\"node\" : \"status-0\"").doesNotContain("reported_by");

            nodes[1].runner().run(BOT, null);
            await("the later run, from the other node, is shown", 10, () -> LocalHttp.get(nodes[0].httpPort(),
                    "/status").body().contains("\"reported_by\" : \"status-1\""));
        }
    }

    @Test
    void quartzTablesAreCreatedWhenAbsentAndNeverDropped() throws Exception {
        String url = newDatabase();
        try (var pool = QuartzSetup.pool(new RosterSettings.JobStore(url, "postgres", null), "tables")) {
            QuartzSetup.createTablesIfAbsent(pool);
            try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
                st.execute("insert into qrtz_locks (sched_name, lock_name) values ('roster', 'KEEP_ME')");
                c.commit();
            }
            QuartzSetup.createTablesIfAbsent(pool);
            try (Connection c = pool.getConnection(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("select count(*) from qrtz_locks where lock_name = 'KEEP_ME'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void eachTickRunsOnExactlyOneNodeAndTwoNodesNeverRunOneBotAtOnce() throws Exception {
        Simulator sim = DaemonFixtures.simulator(100);
        cleanup.add(sim);
        String url = newDatabase();
        Path desired = desiredForTwoBots();
        List<RunRecord> runs = new CopyOnWriteArrayList<>();
        Daemon a = node(sim, url, "node-a", desired, runs);
        Daemon b = node(sim, url, "node-b", desired, runs);

        await("ten scheduled runs", 40, () -> runs.stream()
                .filter(r -> r.scheduledFor() != null && r.result() != RunResult.SKIPPED).count() >= 10);
        a.scheduler().standby();
        b.scheduler().standby();
        // a trigger acquired just before standby may still fire: wait until neither node runs anything
        await("runs in flight end", 10, () -> idle(a) && idle(b) && lockHolders(url).isEmpty());

        List<RunRecord> done = runs.stream().filter(r -> r.result() != RunResult.SKIPPED).toList();
        Set<String> ticks = new HashSet<>();
        for (RunRecord r : done) {
            if (r.scheduledFor() != null) {
                assertThat(ticks.add(r.bot() + "@" + r.scheduledFor())).as("tick ran twice: " + r).isTrue();
            }
        }
        for (BotId bot : List.of(BOT, OTHER_BOT)) {
            List<RunRecord> ofBot = done.stream().filter(r -> r.bot().equals(bot))
                    .sorted((x, y) -> x.started().compareTo(y.started())).toList();
            for (int i = 1; i < ofBot.size(); i++) {
                Instant previousEnd = ofBot.get(i - 1).started().plus(ofBot.get(i - 1).duration());
                assertThat(ofBot.get(i).started()).as("runs of " + bot + " overlap").isAfterOrEqualTo(previousEnd);
            }
        }
        assertThat(sim.state().groups(BOT)).hasSize(1);
        assertThat(sim.state().groups(OTHER_BOT)).hasSize(1);
        System.out.println("runs per node: " + done.stream().collect(java.util.stream.Collectors.groupingBy(
                RunRecord::node, java.util.stream.Collectors.counting())));

        // Even outside Quartz (as if it misjudged a node as dead), the advisory lock admits one run of a bot.
        CyclicBarrier together = new CyclicBarrier(2);
        CompletableFuture<RunRecord> onA = CompletableFuture.supplyAsync(() -> runTogether(a, together));
        CompletableFuture<RunRecord> onB = CompletableFuture.supplyAsync(() -> runTogether(b, together));
        List<RunResult> results = List.of(onA.get().result(), onB.get().result());
        assertThat(results).containsOnlyOnce(RunResult.SKIPPED);
    }

    private static boolean idle(Daemon node) {
        try {
            return node.scheduler().getCurrentlyExecutingJobs().isEmpty();
        } catch (org.quartz.SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RunRecord runTogether(Daemon node, CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return node.runner().run(BOT, null);
    }

    @Test
    void aNodeKilledMidRunIsTakenOverByTheOther() throws Exception {
        Simulator sim = DaemonFixtures.simulator(1500);
        cleanup.add(sim);
        String url = newDatabase();
        Path desired = dir.resolve("sales.yaml");
        Files.writeString(desired, DaemonFixtures.salesFile("Sales Team"));
        Path aDir = Files.createDirectories(dir.resolve("node-a"));
        Path settings = DaemonFixtures.settingsFile(sim, aDir, "  schedule: \"0/2 * * * * ?\"\n"
                + "  jobStore: {url: \"" + url + "\", user: postgres}\n");
        Process a = ChildJvm.daemon(List.of("-Xmx256m"), "--config", settings.toString(), "--node", "node-a",
                        "--http-port", Integer.toString(LocalHttp.freePort()), desired.toString())
                .redirectErrorStream(true).redirectOutput(aDir.resolve("daemon.log").toFile()).start();
        cleanup.add(a::destroyForcibly);

        await("node-a is mid-run (holds the bot's lock)", 60, () -> lockHolders(url).contains("roster-node-a"));
        List<RunRecord> runs = new CopyOnWriteArrayList<>();
        Daemon b = node(sim, url, "node-b", desired, runs);
        a.destroyForcibly(); // SIGKILL: no clean-up of any kind
        assertThat(a.waitFor(30, TimeUnit.SECONDS)).as("node-a ended").isTrue();
        Instant killed = Instant.now();
        await("PostgreSQL frees node-a's lock", 30, () -> !lockHolders(url).contains("roster-node-a"));

        await("node-b runs the bot to success", 60, () -> runs.stream()
                .anyMatch(r -> r.bot().equals(BOT) && r.result() == RunResult.OK));
        assertThat(b.status().lastRun(BOT).node()).isEqualTo("node-b");
        assertThat(sim.state().groups(BOT)).as("one group, never a duplicate create").hasSize(1);
        await("two more runs on node-b", 60, () -> runsAfter(runs, killed) >= 3);
        assertThat(catchUpRuns(runs, killed)).as("runs due before node-b's first run after the kill").hasSize(1);
    }

    /** The application names of the sessions holding advisory locks. */
    private static Set<String> lockHolders(String url) {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select a.application_name from pg_locks l join pg_stat_activity a"
                        + " on a.pid = l.pid where l.locktype = 'advisory' and l.granted")) {
            Set<String> names = new HashSet<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        } catch (SQLException e) {
            return Set.of();
        }
    }
}
