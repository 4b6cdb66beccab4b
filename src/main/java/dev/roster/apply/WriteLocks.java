package dev.roster.apply;

import dev.roster.model.BotId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Takes the write locks of several bots for one writer, waiting for a holder to finish up to a timeout. Bots are
 * locked one after the other in a fixed order (sorted by id), so two writers that need overlapping bots never
 * hold one each and wait for the other's.
 */
public final class WriteLocks {
    /** How long a waiting writer pauses between two tries. */
    static final Duration POLL = Duration.ofMillis(200);

    /** Waits between two tries; tests pass one that only advances their clock. */
    @FunctionalInterface
    public interface Pause {
        Pause SYSTEM = d -> Thread.sleep(Math.max(1, d.toMillis()));

        void pause(Duration duration) throws InterruptedException;
    }

    /** No holder let go of a bot's lock within the timeout. */
    public static final class TimeoutException extends RuntimeException {
        private final BotId bot;
        private final String holder;

        TimeoutException(BotId bot, String holder, Duration timeout) {
            super("gave up after " + format(timeout) + " waiting for the write lock of bot " + bot
                    + ", held by " + holder);
            this.bot = bot;
            this.holder = holder;
        }

        public BotId bot() {
            return bot;
        }

        public String holder() {
            return holder;
        }
    }

    private final WriteLock lock;
    private final Clock clock;
    private final Pause pause;

    public WriteLocks(WriteLock lock, Clock clock, Pause pause) {
        this.lock = lock;
        this.clock = clock;
        this.pause = pause;
    }

    /**
     * Holds every bot's lock, or none: waits while another writer holds one, telling {@code waiting} who it is
     * (once per holder), and gives up when {@code timeout} has passed since the call.
     *
     * @throws TimeoutException      when a bot's lock stayed held for the whole timeout (nothing is held then)
     * @throws IllegalStateException when the lock cannot be reached at all
     */
    public WriteLock.Lease acquire(Collection<BotId> bots, Duration timeout, Consumer<String> waiting)
            throws InterruptedException {
        Instant deadline = clock.instant().plus(timeout);
        List<WriteLock.Lease> held = new ArrayList<>();
        try {
            for (BotId bot : new TreeSet<>(bots)) {
                held.add(acquire(bot, deadline, timeout, waiting));
            }
        } catch (RuntimeException | InterruptedException e) {
            releaseAll(held);
            throw e;
        }
        return () -> releaseAll(held);
    }

    private WriteLock.Lease acquire(BotId bot, Instant deadline, Duration timeout, Consumer<String> waiting)
            throws InterruptedException {
        String told = null;
        while (true) {
            Optional<WriteLock.Lease> lease = lock.tryAcquire(bot);
            if (lease.isPresent()) {
                return lease.get();
            }
            String holder = lock.holder(bot).orElse("another writer");
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                throw new TimeoutException(bot, holder, timeout);
            }
            if (!holder.equals(told)) {
                waiting.accept("waiting for the write lock of bot " + bot + ", held by " + holder
                        + " (giving up after " + format(timeout) + ")");
                told = holder;
            }
            pause.pause(left.compareTo(POLL) < 0 ? left : POLL);
        }
    }

    /** {@code 90s}, {@code 1500ms}: as a setting would write it. */
    static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    private static void releaseAll(List<WriteLock.Lease> held) {
        for (int i = held.size() - 1; i >= 0; i--) {
            held.get(i).close();
        }
    }
}
