package dev.roster.daemon;

import dev.roster.model.BotId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each bot's status after its latest run, shared by the nodes of a cluster in the job store's PostgreSQL (table
 * {@value #TABLE}), so that {@code /status} on any node shows the latest run of every bot, whichever node ran it.
 * A node writes a bot's entry after each of its runs, numbers masked (the table never holds a number in clear); an
 * entry is replaced only by one of a later run. Failures are logged and never fail a run or {@code /status}: the
 * database is used from one thread of this class, writes are queued (at most {@value #QUEUE}, the oldest dropped)
 * so a run never waits for it, and {@code /status} waits at most {@value #TIMEOUT_SECONDS} s for a read (then it
 * shows the node's own view; one read at a time, an answer reused for a second).
 */
final class SharedStatus implements AutoCloseable {
    static final String TABLE = "roster_bot_status";
    private static final Logger LOG = LoggerFactory.getLogger(SharedStatus.class);
    private static final int TIMEOUT_SECONDS = 2;
    private static final int QUEUE = 100;
    private static final long FRESH_MILLIS = 1_000;

    /** One bot's entry: the node whose run it was, when that run ended, and the bot's {@code /status} JSON. */
    record Entry(String node, Instant finished, String json) {}

    private final DataSource database;
    private final ThreadPoolExecutor worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE), r -> {
                Thread t = new Thread(r, "roster-shared-status");
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.DiscardOldestPolicy());
    private Future<Map<BotId, Entry>> reading;
    private long readAt;

    SharedStatus(DataSource database) {
        this.database = database;
    }

    /**
     * Creates the table when it is missing (every node may, at once).
     *
     * @throws DaemonException when the database refuses
     */
    void prepare() {
        try (Connection c = database.getConnection(); Statement st = c.createStatement()) {
            st.setQueryTimeout(TIMEOUT_SECONDS * 5);
            st.execute("create table if not exists " + TABLE + " (bot text primary key, node text not null,"
                    + " finished timestamptz not null, status text not null)");
            commit(c);
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState()) && !"42P07".equals(e.getSQLState())) { // another node made it
                throw new DaemonException("cannot create the table " + TABLE + ": " + e.getMessage(), e);
            }
        }
    }

    /** Queues the bot's entry for the table; returns at once. */
    void save(BotId bot, String node, Instant finished, String json) {
        worker.execute(() -> write(bot, node, finished, json));
    }

    private void write(BotId bot, String node, Instant finished, String json) {
        String upsert = "insert into " + TABLE + " (bot, node, finished, status) values (?, ?, ?, ?)"
                + " on conflict (bot) do update set node = excluded.node, finished = excluded.finished,"
                + " status = excluded.status where " + TABLE + ".finished <= excluded.finished";
        try (Connection c = database.getConnection(); PreparedStatement st = c.prepareStatement(upsert)) {
            st.setQueryTimeout(TIMEOUT_SECONDS);
            st.setString(1, bot.value());
            st.setString(2, node);
            st.setTimestamp(3, Timestamp.from(finished));
            st.setString(4, json);
            st.executeUpdate();
            commit(c);
        } catch (SQLException e) {
            LOG.warn("bot {}: cannot share its status with the cluster: {}", bot, e.getMessage());
        }
    }

    /** The job store's pool hands out connections without auto-commit (Quartz manages its transactions). */
    private static void commit(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    /** Every bot's entry; empty when the database does not answer within the timeout. */
    synchronized Map<BotId, Entry> read() {
        long now = System.nanoTime() / 1_000_000;
        if (reading == null || reading.isDone() && now - readAt > FRESH_MILLIS) {
            reading = worker.submit(this::query);
            readAt = now;
        }
        try {
            return reading.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.warn("the cluster's status did not come within {} s; this node's own view is shown", TIMEOUT_SECONDS);
            return Map.of();
        } catch (ExecutionException | java.util.concurrent.RejectedExecutionException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }

    private Map<BotId, Entry> query() {
        Map<BotId, Entry> entries = new LinkedHashMap<>();
        try (Connection c = database.getConnection(); Statement st = c.createStatement()) {
            st.setQueryTimeout(TIMEOUT_SECONDS);
            try (ResultSet rs = st.executeQuery("select bot, node, finished, status from " + TABLE)) {
                while (rs.next()) {
                    entries.put(BotId.of(rs.getString(1)), new Entry(rs.getString(2), rs.getTimestamp(3).toInstant(),
                            rs.getString(4)));
                }
            }
        } catch (SQLException e) {
            LOG.warn("cannot read the cluster's status: {}", e.getMessage());
        }
        return entries;
    }
}
