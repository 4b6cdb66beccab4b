package dev.roster.daemon;

import dev.roster.apply.WriteLock;
import dev.roster.model.BotId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Makes sure at most one writer works on a bot at a time, whatever the scheduler believes. A run goes
 * ahead only with a lease, and holds it until it ends; a run that finds the bot held is skipped, not queued.
 * The daemon's fence is the bot's {@link WriteLock}, so that a {@code roster apply} and a run exclude each other.
 */
public interface BotFence extends WriteLock {

    /** The fence of a write lock. */
    static BotFence of(WriteLock lock) {
        return new BotFence() {
            @Override
            public Optional<Lease> tryAcquire(BotId bot) {
                return lock.tryAcquire(bot);
            }

            @Override
            public Optional<String> holder(BotId bot) {
                return lock.holder(bot);
            }
        };
    }

    /** One run of a bot at a time within this process only (scheduled or started by hand). */
    static BotFence local() {
        Map<BotId, Semaphore> held = new ConcurrentHashMap<>();
        return bot -> {
            Semaphore s = held.computeIfAbsent(bot, b -> new Semaphore(1));
            return s.tryAcquire() ? Optional.of(s::release) : Optional.empty();
        };
    }
}
