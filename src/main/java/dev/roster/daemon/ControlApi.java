package dev.roster.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.daemon.web.Console.Outcome;
import dev.roster.model.BotId;
import dev.roster.model.Secret;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control endpoints, on only when {@code daemon.http.token} is set and each call carries it as
 * {@code Authorization: Bearer}: {@code POST /api/v1/bots/{bot}/sync} (and {@code .../groups/{key}/sync}) runs now,
 * {@code .../pause} and {@code .../resume} stop and restart the bot's runs (scheduled and event-driven; in a cluster
 * the pause is kept in the job store, so it holds on every node). A sync with {@code ?wait=true} answers when the
 * run it asked for has finished, with its outcome.
 */
final class ControlApi {
    private static final Logger LOG = LoggerFactory.getLogger(ControlApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Secret token;
    private final Scheduler scheduler;
    private final BotRunner runner;
    private final StatusBoard status;
    private final RunRequests requests;
    private final RunWaiters waiters;
    private final Duration waitAtMost;
    private final Clock clock;

    ControlApi(Secret token, Scheduler scheduler, BotRunner runner, StatusBoard status, RunRequests requests,
            RunWaiters waiters, Duration waitAtMost, Clock clock) {
        this.token = token;
        this.scheduler = scheduler;
        this.runner = runner;
        this.status = status;
        this.requests = requests;
        this.waiters = waiters;
        this.waitAtMost = waitAtMost;
        this.clock = clock;
    }

    Reply sync(Router.Call call) {
        return authorized(call, bot -> {
            if (isPaused(scheduler, bot)) {
                return error(409, pausedMessage(bot));
            }
            String key = call.param("key");
            RunScope scope = RunScope.ALL;
            if (key != null) {
                Snapshot desired = runner.lastValidLoad();
                if (desired.loaded().state().groupsOf(bot).stream().noneMatch(g -> g.key().equals(key))) {
                    return error(404, "bot " + bot + " declares no group " + key);
                }
                // a group no whole run has matched yet is run with the whole bot
                scope = status.groupOf(bot, key).map(id -> RunScope.of(key, id)).orElse(RunScope.ALL);
            }
            var next = request(bot, scope, key == null ? "" : " of group " + key);
            if (!"true".equals(call.query("wait"))) {
                return answer(202, bot, "sync requested");
            }
            try {
                RunRecord run = next.get(waitAtMost.toMillis(), TimeUnit.MILLISECONDS);
                ObjectNode body = JSON.createObjectNode().put("bot", bot.value()).put("result", run.result().label())
                        .put("started", run.started().toString()).put("duration_ms", run.duration().toMillis())
                        .put("changes_applied", run.changesApplied()).put("drift", run.drift())
                        .put("pending", run.pending()).put("errors", run.errors().size());
                return Reply.json(200, body + "\n");
            } catch (TimeoutException e) {
                return answer(202, bot, "sync requested; the run did not finish within " + waitAtMost.toSeconds()
                        + " s");
            } catch (ExecutionException e) {
                return error(500, "the run could not be followed");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return error(503, "stopping");
            }
        });
    }

    Reply pause(Router.Call call) {
        return authorized(call, bot -> {
            Outcome done = pause(bot);
            return done.done() ? answer(200, bot, "paused") : error(503, done.message());
        });
    }

    Reply resume(Router.Call call) {
        return authorized(call, bot -> {
            Outcome done = resume(bot);
            return done.done() ? answer(200, bot, "resumed") : error(503, done.message());
        });
    }

    /** Asks for a run of the whole bot now, unless it is paused (the same as {@code POST .../sync}). */
    Outcome sync(BotId bot) {
        if (isPaused(scheduler, bot)) {
            return new Outcome(false, pausedMessage(bot));
        }
        request(bot, RunScope.ALL, "");
        return new Outcome(true, "sync of bot " + bot + " requested");
    }

    /** Stops the bot's runs (the same as {@code POST .../pause}). */
    Outcome pause(BotId bot) {
        try {
            scheduler.pauseJob(JobSync.jobKey(bot));
        } catch (SchedulerException e) {
            return new Outcome(false, "cannot pause: " + e.getMessage());
        }
        status.setPaused(bot, true);
        LOG.info("bot {}: paused over HTTP", bot);
        return new Outcome(true, "bot " + bot + " paused");
    }

    /** Restarts the bot's runs (the same as {@code POST .../resume}). */
    Outcome resume(BotId bot) {
        try {
            scheduler.resumeJob(JobSync.jobKey(bot));
        } catch (SchedulerException e) {
            return new Outcome(false, "cannot resume: " + e.getMessage());
        }
        status.setPaused(bot, false);
        LOG.info("bot {}: resumed over HTTP", bot);
        return new Outcome(true, "bot " + bot + " resumed");
    }

    /** True when the files declare the bot (a control call on another bot answers 404). */
    boolean isDeclared(BotId bot) {
        Snapshot desired = runner.lastValidLoad();
        return desired != null && desired.loaded().state().bots().contains(bot);
    }

    /** True when {@code given} is {@code daemon.http.token} (false when none is set), in constant time. */
    boolean isToken(String given) {
        return token != null && HookAuth.sameSecret(token, given);
    }

    boolean isOn() {
        return token != null;
    }

    private java.util.concurrent.CompletableFuture<RunRecord> request(BotId bot, RunScope scope, String what) {
        var next = waiters.next(bot, clock.instant());
        requests.request(bot, scope);
        LOG.info("bot {}: sync{} asked for over HTTP", bot, what);
        return next;
    }

    private static String pausedMessage(BotId bot) {
        return "bot " + bot + " is paused; resume it first";
    }

    /** True when the bot's scheduled trigger is paused (in the job store: the same on every node). */
    static boolean isPaused(Scheduler scheduler, BotId bot) {
        try {
            return scheduler.getTriggerState(TriggerKey.triggerKey(bot.value(), JobSync.BOTS))
                    == Trigger.TriggerState.PAUSED;
        } catch (SchedulerException e) {
            return false;
        }
    }

    private interface BotAction {
        Reply apply(BotId bot);
    }

    private Reply authorized(Router.Call call, BotAction action) {
        if (token == null) {
            return error(404, "the control endpoints are off: set daemon.http.token");
        }
        if (!isToken(HookAuth.bearer(call.header("Authorization")))) {
            return error(401, "missing or wrong bearer token");
        }
        BotId bot = BotId.of(call.param("bot"));
        if (!isDeclared(bot)) {
            return error(404, "no bot " + bot + " is declared");
        }
        return action.apply(bot);
    }

    private static Reply answer(int status, BotId bot, String what) {
        return Reply.json(status, JSON.createObjectNode().put("bot", bot.value()).put("status", what) + "\n");
    }

    private static Reply error(int status, String message) {
        return Reply.json(status, JSON.createObjectNode().put("error", message) + "\n");
    }
}
