package dev.roster.daemon;

import dev.roster.model.BotId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fences bot runs with PostgreSQL session advisory locks ({@code pg_try_advisory_lock}), one key per bot.
 * Each lease holds its own dedicated connection for the whole run: if the node dies, the database
 * closes the session and the lock is free again, so a crashed node can never block a bot for good.
 */
public final class AdvisoryLockFence implements BotFence {
    private static final Logger LOG = LoggerFactory.getLogger(AdvisoryLockFence.class);

    /** Opens a new, dedicated connection (not one shared through a pool). */
    @FunctionalInterface
    public interface ConnectionOpener {
        Connection open() throws SQLException;
    }

    private final ConnectionOpener opener;

    public AdvisoryLockFence(ConnectionOpener opener) {
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
    static long lockKey(BotId bot) {
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
