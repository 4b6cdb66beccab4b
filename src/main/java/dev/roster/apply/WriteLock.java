package dev.roster.apply;

import dev.roster.model.BotId;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The per-bot write lock: writers to one bot (a {@code roster apply}, a daemon node) never overlap. Held from
 * before the live groups are read until the last change is applied, so a second writer plans against what the
 * first one made and never creates a group twice. Implementations: {@link FileWriteLock} (one machine, no
 * database) and {@link AdvisoryWriteLock} (PostgreSQL, shared with a daemon cluster).
 */
public interface WriteLock {

    /** A held lock; closing releases it. */
    interface Lease extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * The lease, or empty when another writer holds the bot right now. Never waits.
     *
     * @throws IllegalStateException when the lock itself cannot be reached (a folder that cannot be written,
     *                               a database that does not answer)
     */
    Optional<Lease> tryAcquire(BotId bot);

    /** Who holds the bot's lock, in words ("roster apply on host h, pid 12, since ..."); empty when unknown. */
    default Optional<String> holder(BotId bot) {
        return Optional.empty();
    }

    /**
     * Who takes a lock, as a holder is described to a waiting writer.
     *
     * @param what the kind of writer, e.g. {@code roster apply} or {@code roster daemon node-1}
     */
    record Owner(String what, String host, long pid, Instant since) {

        /** This process, now. */
        public static Owner current(String what, Instant now) {
            return new Owner(what, hostName(), ProcessHandle.current().pid(), now.truncatedTo(ChronoUnit.SECONDS));
        }

        /** "roster apply on host h, pid 12, since 2026-11-30T18:20:01Z". */
        public String describe() {
            return what + " on host " + host + ", pid " + pid + ", since " + since;
        }

        static String hostName() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                String env = System.getenv("HOSTNAME");
                return env != null && !env.isBlank() ? env : "unknown";
            }
        }
    }
}
