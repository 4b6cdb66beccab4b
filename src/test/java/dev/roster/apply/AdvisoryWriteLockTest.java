package dev.roster.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.roster.model.BotId;
import dev.roster.testing.LocalHttp;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import org.assertj.core.api.InstanceOfAssertFactories;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL write lock against a real server the test starts (one for the class): sessions exclude each
 * other per bot, a waiting writer learns which session holds the bot, and no attempt leaves a session behind.
 */
class AdvisoryWriteLockTest {
    static final BotId BOT = BotId.of("447506616260");
    static final BotId OTHER = BotId.of("447506616261");

    static EmbeddedPostgres pg;

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.start();
        stopWithThisJvm(pg.getPort());
    }

    /**
     * Stops the server should this JVM end without closing it: the server is no child of the JVM, and PIT ends the
     * JVM of a mutant that timed out without running its shutdown hooks, which would leave the server running on a
     * shared machine. A shell waits for this JVM to end; if the server's data directory is still there (closing
     * deletes it), it stops the server and deletes the directory.
     */
    static void stopWithThisJvm(int port) throws IOException {
        ProcessHandle server = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("/bin/postgres -D ")
                        && c.contains(" -p " + port + " ")).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("no PostgreSQL on port " + port));
        Matcher data = Pattern.compile(" -D (\\S+) ").matcher(server.info().commandLine().orElseThrow());
        if (!data.find()) {
            throw new IllegalStateException("no data directory: " + server.info().commandLine());
        }
        String script = "while kill -0 " + ProcessHandle.current().pid() + " 2>/dev/null; do sleep 1; done; "
                + "if [ -f '" + data.group(1) + "/postmaster.pid' ]; then kill -INT " + server.pid() + "; "
                + "while kill -0 " + server.pid() + " 2>/dev/null; do sleep 1; done; rm -rf '" + data.group(1) + "'; fi";
        new ProcessBuilder("sh", "-c", script).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    /** A lock whose sessions are named {@code name}, as roster names a daemon node's or an apply's sessions. */
    static AdvisoryWriteLock lock(String name) {
        return lock("jdbc:postgresql://localhost:" + pg.getPort() + "/postgres", "postgres", name);
    }

    static AdvisoryWriteLock lock(String url, String user, String name) {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("ApplicationName", name);
        return new AdvisoryWriteLock(() -> DriverManager.getConnection(url, p));
    }

    /** The open sessions named {@code name}. */
    static int sessions(String name) {
        try (Connection c = pg.getPostgresDatabase().getConnection();
                PreparedStatement st = c.prepareStatement(
                        "select count(*) from pg_stat_activity where application_name = ?")) {
            st.setString(1, name);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void awaitNoSession(String name) {
        LocalHttp.await("no session named " + name, 5, () -> sessions(name) == 0);
    }

    @Test
    void oneSessionHoldsABotAtATimeAndOtherBotsStayFree() {
        AdvisoryWriteLock node = lock("roster-node-a");
        AdvisoryWriteLock apply = lock("roster apply on ci pid 7");

        Optional<WriteLock.Lease> held = node.tryAcquire(BOT);
        assertThat(held).isPresent();
        assertThat(apply.tryAcquire(BOT)).as("the same bot from another session").isEmpty();
        Optional<WriteLock.Lease> other = apply.tryAcquire(OTHER);
        assertThat(other).as("another bot").isPresent();
        assertThat(node.tryAcquire(OTHER)).isEmpty();

        held.get().close();
        Optional<WriteLock.Lease> after = apply.tryAcquire(BOT);
        assertThat(after).as("free once its holder let go").isPresent();
        after.get().close();
        other.get().close();
    }

    @Test
    void aWaitingWriterLearnsTheHoldingSessionsNameProcessClientAndStart() throws SQLException {
        AdvisoryWriteLock node = lock("roster-node-b");
        AdvisoryWriteLock apply = lock("roster apply on ci pid 8");
        assertThat(apply.holder(BOT)).as("nobody holds it").isEmpty();

        WriteLock.Lease held = node.tryAcquire(BOT).orElseThrow();
        try {
            String holder = apply.holder(BOT).orElseThrow();
            Matcher m = Pattern.compile("roster-node-b \\(PostgreSQL session (\\d+) from (127\\.0\\.0\\.1|::1), since "
                    + "(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ)\\)").matcher(holder);
            assertThat(m.matches()).as(holder).isTrue();
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("select pid, date_trunc('second', backend_start) from "
                            + "pg_stat_activity where application_name = 'roster-node-b'")) {
                assertThat(rs.next()).isTrue();
                assertThat(m.group(1)).isEqualTo(String.valueOf(rs.getInt(1)));
                assertThat(m.group(3)).isEqualTo(rs.getTimestamp(2).toInstant().toString());
            }
            assertThat(apply.holder(OTHER)).as("another bot is held by nobody").isEmpty();
        } finally {
            held.close();
        }
        assertThat(apply.holder(BOT)).isEmpty();
    }

    @Test
    void aSessionWithoutANameIsCalledUnnamed() {
        WriteLock.Lease held = lock("").tryAcquire(BOT).orElseThrow();
        try {
            assertThat(lock("roster apply on ci pid 9").holder(BOT)).get(InstanceOfAssertFactories.STRING)
                    .startsWith("an unnamed session (PostgreSQL session ");
        } finally {
            held.close();
        }
    }

    @Test
    void noSessionOutlivesALeaseOrAnAttemptThatFoundTheBotHeld() {
        WriteLock.Lease held = lock("roster-node-c").tryAcquire(BOT).orElseThrow();
        assertThat(sessions("roster-node-c")).as("the lease holds its own session").isEqualTo(1);

        assertThat(lock("roster-waiting").tryAcquire(BOT)).isEmpty();
        awaitNoSession("roster-waiting");

        held.close();
        awaitNoSession("roster-node-c");
    }

    @Test
    void aDatabaseThatDoesNotAnswerIsAnErrorNotABusyLock() throws Exception {
        AdvisoryWriteLock nowhere = lock("jdbc:postgresql://127.0.0.1:" + LocalHttp.freePort() + "/postgres",
                "postgres", "roster apply");

        IllegalStateException e = catchThrowableOfType(IllegalStateException.class, () -> nowhere.tryAcquire(BOT));

        assertThat(e).hasMessageStartingWith("cannot take the lock for bot " + BOT + ": ")
                .hasMessageContaining("refused").hasCauseInstanceOf(SQLException.class);
        assertThat(nowhere.holder(BOT)).get(InstanceOfAssertFactories.STRING)
                .startsWith("another session (cannot tell which: ").contains("refused");
    }

    @Test
    void aUserWhoMayNotTakeAdvisoryLocksGetsAnErrorAndLeavesNoSession() throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("create role plain login");
            st.execute("create database nolocks");
        }
        String url = "jdbc:postgresql://localhost:" + pg.getPort() + "/nolocks";
        try (Connection c = DriverManager.getConnection(url, "postgres", null); Statement st = c.createStatement()) {
            st.execute("revoke execute on function pg_try_advisory_lock(bigint) from public");
        }

        IllegalStateException e = catchThrowableOfType(IllegalStateException.class,
                () -> lock(url, "plain", "roster-no-rights").tryAcquire(BOT));

        assertThat(e).hasMessageStartingWith("cannot take the lock for bot " + BOT + ": ")
                .hasMessageContaining("permission denied");
        awaitNoSession("roster-no-rights");
    }

    @Test
    void theKeyOfABotNeverChangesSoEveryVersionInAClusterTakesTheSameLock() {
        assertThat(AdvisoryWriteLock.lockKey(BOT)).isEqualTo(KEY_OF_BOT);
        assertThat(AdvisoryWriteLock.lockKey(OTHER)).isNotEqualTo(KEY_OF_BOT);
    }

    /** The first 8 bytes of SHA-256("roster:447506616260"), as a signed long. */
    static final long KEY_OF_BOT = 0x246b49e48899c5b4L;
}
