package dev.roster.daemon;

import dev.roster.model.BotId;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs asked for outside the schedule (provider events, pushes, {@code sync}), gathered per bot: the first request
 * for a bot waits {@code debounce}, and every request for that bot meanwhile merges into it, so a burst of events
 * becomes one run. While the bot runs on this node the gathered requests keep waiting and merge into the run after
 * it: none is lost because a run was in progress, and one bot never gets two runs at once from here (the job
 * itself never runs twice at once either: {@link ReconcileJob} disallows it).
 */
final class RunRequests {
    private static final Logger LOG = LoggerFactory.getLogger(RunRequests.class);

    /** Starts a run (a one-off trigger of the bot's job). */
    interface Starter {
        void start(BotId bot, RunScope scope) throws Exception;
    }

    private final Duration debounce;
    private final ScheduledExecutorService timer;
    private final Predicate<BotId> running;
    private final Starter starter;
    private final Map<BotId, RunScope> waiting = new HashMap<>();

    RunRequests(Duration debounce, ScheduledExecutorService timer, Predicate<BotId> running, Starter starter) {
        this.debounce = debounce;
        this.timer = timer;
        this.running = running;
        this.starter = starter;
    }

    /** Asks for a run of {@code scope}; it starts after the debounce, merged with what else was asked meanwhile. */
    void request(BotId bot, RunScope scope) {
        boolean first;
        synchronized (this) {
            RunScope before = waiting.get(bot);
            first = before == null;
            waiting.put(bot, first ? scope : before.merge(scope));
        }
        if (first) {
            later(bot);
        }
    }

    /** How many bots have a run waiting. */
    synchronized int waiting() {
        return waiting.size();
    }

    private void later(BotId bot) {
        try {
            timer.schedule(() -> flush(bot), debounce.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            LOG.debug("bot {}: not run, the daemon is stopping", bot);
        }
    }

    private void flush(BotId bot) {
        if (running.test(bot)) {
            later(bot); // merged into the run after this one
            return;
        }
        RunScope scope;
        synchronized (this) {
            scope = waiting.remove(bot);
        }
        if (scope == null) {
            return;
        }
        try {
            starter.start(bot, scope);
        } catch (Exception e) {
            LOG.warn("bot {}: cannot start the run asked for: {}", bot, e.toString());
        }
    }
}
