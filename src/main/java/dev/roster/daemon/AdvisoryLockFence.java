package dev.roster.daemon;

import dev.roster.apply.AdvisoryWriteLock;
import dev.roster.model.BotId;
import java.util.Optional;

/**
 * Fences bot runs with PostgreSQL session advisory locks, one key per bot: the {@link AdvisoryWriteLock} that a
 * {@code roster apply} with a lock database takes too. Each lease holds its own dedicated connection for the whole
 * run: if the node dies, the database closes the session and the lock is free again, so a crashed node can never
 * block a bot for good.
 */
public final class AdvisoryLockFence implements BotFence {
    private final AdvisoryWriteLock lock;

    public AdvisoryLockFence(AdvisoryWriteLock.ConnectionOpener opener) {
        this.lock = new AdvisoryWriteLock(opener);
    }

    @Override
    public Optional<Lease> tryAcquire(BotId bot) {
        return lock.tryAcquire(bot);
    }

    @Override
    public Optional<String> holder(BotId bot) {
        return lock.holder(bot);
    }

    /** A stable 64-bit key per bot, the same for every writer. */
    static long lockKey(BotId bot) {
        return AdvisoryWriteLock.lockKey(bot);
    }
}
