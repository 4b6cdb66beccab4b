package dev.roster.daemon;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits at a node's start until PostgreSQL accepts a connection, so that a node started before its database
 * (a reboot, a container that comes up first) joins the cluster when the database is up instead of exiting. Only a
 * database that cannot be reached yet is waited for (SQLState class 08, connection exception, and 57P03, starting
 * up); a refused password or a missing database fails at once. Attempts back off from {@link #FIRST_PAUSE} doubling
 * to {@link #LONGEST_PAUSE}; after pauses adding up to {@code maxWait} the start fails. Each attempt is one INFO line,
 * without a stack trace (that is at DEBUG).
 */
final class DatabaseWait {
    static final Duration FIRST_PAUSE = Duration.ofMillis(500);
    static final Duration LONGEST_PAUSE = Duration.ofSeconds(15);
    /** How long a node's start waits for its database in all. */
    static final Duration MAX_WAIT = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseWait.class);

    /** Opens one connection (closed again by the caller of {@link #await}). */
    interface Connector {
        Connection connect() throws SQLException;
    }

    /** Pauses the calling thread; a test may count the pauses instead. */
    interface Sleeper {
        void sleep(Duration pause) throws InterruptedException;
    }

    private DatabaseWait() {}

    /**
     * Returns once {@code connector} gives a connection (which is closed again).
     *
     * @param where the database as shown in messages (no credentials)
     * @return the number of failed attempts before the one that connected
     * @throws IllegalStateException when the database refuses outright, or is still unreachable after
     *                               {@code maxWait}, or the wait is interrupted
     */
    @SuppressWarnings("try") // the connection is opened to see that it opens, and closed at once
    static int await(String where, Connector connector, Duration maxWait, Sleeper sleeper) {
        Duration waited = Duration.ZERO;
        Duration pause = FIRST_PAUSE;
        int failures = 0;
        while (true) {
            try (Connection c = connector.connect()) {
                if (failures > 0) {
                    LOG.info("PostgreSQL at {} is reachable now, after {} failed attempts", where, failures);
                }
                return failures;
            } catch (SQLException e) {
                if (!isUnreachable(e)) {
                    throw new IllegalStateException("cannot connect to PostgreSQL at " + where + ": " + e.getMessage(),
                            e);
                }
                failures++;
                if (waited.compareTo(maxWait) >= 0) {
                    throw new IllegalStateException("PostgreSQL at " + where + " is still unreachable after "
                            + maxWait.toSeconds() + " s (" + failures + " attempts): " + e.getMessage(), e);
                }
                LOG.info("PostgreSQL at {} is not reachable ({}); trying again in {} ms", where, e.getMessage(),
                        pause.toMillis());
                LOG.debug("connection attempt {} to {}", failures, where, e);
                try {
                    sleeper.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for PostgreSQL at " + where, e);
                }
                waited = waited.plus(pause);
                pause = pause.multipliedBy(2);
                if (pause.compareTo(LONGEST_PAUSE) > 0) {
                    pause = LONGEST_PAUSE;
                }
            }
        }
    }

    /** A connection that failed because the server is not there (yet), not because it said no. */
    static boolean isUnreachable(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.equals("57P03"));
    }

    /** The JDBC URL without its query part (which may hold a password). */
    static String describe(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }
}
