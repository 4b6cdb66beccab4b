package dev.roster.daemon;

import dev.roster.apply.WriteLock;
import dev.roster.model.BotId;
import java.util.Optional;

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
}
