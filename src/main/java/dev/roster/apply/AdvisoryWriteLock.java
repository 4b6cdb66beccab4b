package dev.roster.apply;

import dev.roster.model.BotId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write lock in PostgreSQL: a session advisory lock ({@code pg_try_advisory_lock}), one key per bot, the
 * same key for a {@code roster apply} with {@code lock.url} and for every daemon node of a cluster, so they
 * exclude each other. Each lease holds its own dedicated connection for as long as it is held: if the holder
 * dies, the database closes the session and the lock is free again. The holder is named by its session's
 * {@code application_name} (set by the caller's connection properties) and the time its session started.
 */
public final class AdvisoryWriteLock implements WriteLock {
    private static final Logger LOG = LoggerFactory.getLogger(AdvisoryWriteLock.class);

    /** Opens a new, dedicated connection (not one shared through a pool). */
    @FunctionalInterface
    public interface ConnectionOpener {
        Connection open() throws SQLException;
    }

    private final ConnectionOpener opener;

    public AdvisoryWriteLock(ConnectionOpener opener) {
        this.opener = opener;
    }

    @Override
    public Optional<Lease> tryAcquire(BotId bot) {
        long key = lockKey(bot);
        Connection connection = null;
        try {
            connection = opener.open();
            connection.setAutoCommit(true);
            boolean locked;
            try (PreparedStatement st = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
                st.setLong(1, key);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    locked = rs.getBoolean(1);
                }
            }
            if (!locked) {
                closeQuietly(connection);
                return Optional.empty();
            }
            Connection held = connection;
            return Optional.of(() -> release(held, key, bot));
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new IllegalStateException("cannot take the lock for bot " + bot + ": " + e.getMessage(), e);
        }
    }

    /**
     * The session holding the bot's key: its {@code application_name}, server process id, client address and
     * start. A 64-bit advisory key shows in {@code pg_locks} as {@code classid} (high half) and {@code objid}
     * (low half) with {@code objsubid = 1}.
     */
    @Override
    public Optional<String> holder(BotId bot) {
        long key = lockKey(bot);
        String sql = "select a.application_name, a.pid, host(a.client_addr), a.backend_start"
                + " from pg_locks l join pg_stat_activity a on a.pid = l.pid"
                + " where l.locktype = 'advisory' and l.granted and l.objsubid = 1"
                + " and l.classid::bigint = ? and l.objid::bigint = ? limit 1";
        try (Connection connection = opener.open();
                PreparedStatement st = connection.prepareStatement(sql)) {
            st.setLong(1, key >>> 32);
            st.setLong(2, key & 0xFFFF_FFFFL);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String name = rs.getString(1);
                Timestamp since = rs.getTimestamp(4);
                String client = rs.getString(3);
                return Optional.of((name == null || name.isBlank() ? "an unnamed session" : name)
                        + " (PostgreSQL session " + rs.getInt(2) + (client == null ? "" : " from " + client)
                        + (since == null ? "" : ", since " + since.toInstant().truncatedTo(
                                java.time.temporal.ChronoUnit.SECONDS)) + ")");
            }
        } catch (SQLException e) {
            return Optional.of("another session (cannot tell which: " + e.getMessage() + ")");
        }
    }

    private static void release(Connection connection, long key, BotId bot) {
        try (PreparedStatement st = connection.prepareStatement("select pg_advisory_unlock(?)")) {
            st.setLong(1, key);
            st.execute();
        } catch (SQLException e) {
            LOG.warn("cannot release the lock of bot {} ({}); closing its connection releases it", bot,
                    e.getMessage());
        } finally {
            closeQuietly(connection);
        }
    }

    /** A stable 64-bit key per bot: the first 8 bytes of SHA-256("roster:" + bot). */
    public static long lockKey(BotId bot) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("roster:" + bot.value()).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the session ends either way
            }
        }
    }
}
