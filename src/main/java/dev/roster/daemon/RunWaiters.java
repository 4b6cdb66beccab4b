package dev.roster.daemon;

import dev.roster.model.BotId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Futures of the next run of a bot that starts at or after a moment; told of every run this node finishes. A run
 * skipped because another writer held the bot's lock counts: the caller learns that nothing ran.
 */
final class RunWaiters implements Consumer<RunRecord> {
    private record Waiter(BotId bot, Instant notBefore, CompletableFuture<RunRecord> future) {}

    private final List<Waiter> waiters = new ArrayList<>();

    /** The first run of {@code bot} that began (or was skipped) at or after {@code notBefore}. */
    synchronized CompletableFuture<RunRecord> next(BotId bot, Instant notBefore) {
        CompletableFuture<RunRecord> future = new CompletableFuture<>();
        waiters.add(new Waiter(bot, notBefore, future));
        return future;
    }

    @Override
    public synchronized void accept(RunRecord run) {
        waiters.removeIf(w -> {
            if (w.future().isDone()) {
                return true;
            }
            if (w.bot().equals(run.bot()) && !run.started().isBefore(w.notBefore())) {
                w.future().complete(run);
                return true;
            }
            return false;
        });
    }
}
