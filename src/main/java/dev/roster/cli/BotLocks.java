package dev.roster.cli;

import dev.roster.apply.AdvisoryWriteLock;
import dev.roster.apply.FileWriteLock;
import dev.roster.apply.WriteLock;
import dev.roster.apply.WriteLocks;
import dev.roster.config.RosterSettings;
import dev.roster.model.BotId;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Properties;

/**
 * The write locks an apply holds from before it reads the live groups until its last change: PostgreSQL advisory
 * locks when a lock database is configured ({@code lock.url}, else {@code daemon.jobStore}), so that a CI apply and
 * a daemon cluster exclude each other; else the lock files under {@code lock.dir}, which a daemon on this machine
 * takes too. A waiting apply says on stderr who holds the lock, and gives up after the timeout (exit 1).
 */
final class BotLocks {
    private BotLocks() {}

    /**
     * @param sandboxLocks with {@code --sandbox}, the sandbox's lock folder (its bots are not the real ones, so
     *                     neither {@code lock.dir} nor a lock database applies); else null
     */
    static WriteLock.Lease acquire(RosterSettings settings, Path sandboxLocks, Collection<BotId> bots,
            Duration timeout, PrintWriter err) {
        Clock clock = Clock.systemUTC();
        WriteLock lock = sandboxLocks != null
                ? new FileWriteLock(sandboxLocks, () -> WriteLock.Owner.current("roster apply", clock.instant()))
                : lock(settings, clock);
        try {
            return new WriteLocks(lock, clock, WriteLocks.Pause.SYSTEM).acquire(bots, timeout, line -> {
                err.println(line);
                err.flush();
            });
        } catch (WriteLocks.TimeoutException e) {
            throw new UserError("error: " + e.getMessage() + "; nothing was applied");
        } catch (IllegalStateException e) {
            throw new UserError("error: " + e.getMessage() + "; nothing was applied");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("error: interrupted while waiting for the write lock; nothing was applied");
        }
    }

    private static WriteLock lock(RosterSettings settings, Clock clock) {
        RosterSettings.JobStore database = settings.lockDatabase();
        WriteLock.Owner owner = WriteLock.Owner.current("roster apply", clock.instant());
        if (database == null) {
            return new FileWriteLock(settings.lock().dir(), () -> WriteLock.Owner.current("roster apply",
                    clock.instant()));
        }
        Properties p = new Properties();
        if (database.user() != null) {
            p.setProperty("user", database.user());
        }
        if (database.password() != null) {
            p.setProperty("password", database.password().reveal());
        }
        // what a waiting writer (or an operator in pg_stat_activity) sees of this database connection
        p.setProperty("ApplicationName", "roster apply on " + owner.host() + " pid " + owner.pid());
        p.setProperty("connectTimeout", "10");
        return new AdvisoryWriteLock(() -> DriverManager.getConnection(database.url(), p));
    }
}
