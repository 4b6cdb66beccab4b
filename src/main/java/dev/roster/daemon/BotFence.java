package dev.roster.daemon;

import dev.roster.model.BotId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Makes sure at most one node works on a bot at a time, whatever the scheduler believes. A run goes
 * ahead only with a lease, and holds it until it ends.
 */
public interface BotFence {

    /** A held lock; closing releases it. */
    interface Lease extends AutoCloseable {
        @Override
        void close();
    }

    /** The lease, or empty when another holder has the bot right now. */
    Optional<Lease> tryAcquire(BotId bot);

    /** For a single node: one run of a bot at a time within this process (scheduled or started by hand). */
    static BotFence local() {
        Map<BotId, Semaphore> held = new ConcurrentHashMap<>();
        return bot -> {
            Semaphore s = held.computeIfAbsent(bot, b -> new Semaphore(1));
            return s.tryAcquire() ? Optional.of(s::release) : Optional.empty();
        };
    }
}
