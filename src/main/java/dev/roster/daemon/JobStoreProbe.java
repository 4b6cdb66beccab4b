package dev.roster.daemon;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * Whether the JDBC job store answers: a fresh connection with connect, login and socket timeouts of
 * {@code timeout} and a validity check. The answer is kept for {@code cacheFor}, so frequent probes of
 * {@code /readyz} open at most one connection per period. The reason never holds the password.
 */
final class JobStoreProbe {
    private final String url;
    private final Properties properties;
    private final Duration timeout;
    private final Duration cacheFor;
    private final Clock clock;
    private Instant checkedAt;
    private Optional<String> last = Optional.empty();

    JobStoreProbe(String url, Properties connectionProperties, Duration timeout, Duration cacheFor, Clock clock) {
        this.url = url;
        this.properties = new Properties();
        this.properties.putAll(connectionProperties);
        int seconds = (int) Math.max(1, timeout.toSeconds());
        this.properties.setProperty("connectTimeout", Integer.toString(seconds));
        this.properties.setProperty("loginTimeout", Integer.toString(seconds));
        this.properties.setProperty("socketTimeout", Integer.toString(seconds));
        this.timeout = timeout;
        this.cacheFor = cacheFor;
        this.clock = clock;
    }

    /** Empty when the job store answered; otherwise why not. */
    synchronized Optional<String> problem() {
        Instant now = clock.instant();
        if (checkedAt != null && now.isBefore(checkedAt.plus(cacheFor)) && !now.isBefore(checkedAt)) {
            return last;
        }
        last = check();
        checkedAt = clock.instant();
        return last;
    }

    private Optional<String> check() {
        try (Connection c = DriverManager.getConnection(url, properties)) {
            return c.isValid((int) Math.max(1, timeout.toSeconds())) ? Optional.empty()
                    : Optional.of("job store not answering");
        } catch (SQLException e) {
            return Optional.of("job store unreachable: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
