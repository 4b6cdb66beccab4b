package dev.roster.daemon;

import dev.roster.config.RosterSettings;
import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.Secret;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhooks in: {@code POST /hooks/git} (a push to the watched branch fetches and runs the bots whose declared
 * groups changed) and {@code POST /hooks/sinch} (the provider's group events run the groups they name). Each checks
 * its secret before it reads anything else (401 and a counter otherwise), drops deliveries it has seen (both senders
 * redeliver), and answers at once: the work happens on the daemon's threads, never on the sender's time. Meta's
 * Cloud API webhook is {@link CloudHook}.
 */
final class Webhooks implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Webhooks.class);
    static final int MAX_GIT_BODY = 1024 * 1024;
    static final int MAX_SINCH_BODY = 256 * 1024;
    /** How many delivery ids are remembered, per source, to drop redeliveries. */
    private static final int SEEN = 10_000;

    private final Secret gitSecret;
    private final Secret sinchSecret;
    private final String branch;
    private final RunRequests requests;
    private final BotRunner runner;
    private final JobSync jobs;
    private final DaemonMetrics metrics;
    private final StatusBoard status;
    private final Clock clock;
    private final ExecutorService fetcher;
    private final AtomicBoolean fetchWaiting = new AtomicBoolean();
    private final Deliveries seen = new Deliveries(SEEN);

    Webhooks(RosterSettings.Daemon settings, RunRequests requests, BotRunner runner, JobSync jobs,
            DaemonMetrics metrics, StatusBoard status, Clock clock, ExecutorService fetcher) {
        this.gitSecret = settings.hooks().gitSecret();
        this.sinchSecret = settings.hooks().sinchSecret();
        this.branch = settings.git().branch();
        this.requests = requests;
        this.runner = runner;
        this.jobs = jobs;
        this.metrics = metrics;
        this.status = status;
        this.clock = clock;
        this.fetcher = fetcher;
    }

    Reply git(Router.Call call) {
        if (gitSecret == null) {
            return Reply.text(404, "the git webhook is off: set daemon.hooks.gitSecret\n");
        }
        GitPush.Checked checked = GitPush.check(call, gitSecret);
        if (checked.refusal() != null) {
            metrics.recordEvent("git", checked.refusal().name().toLowerCase(java.util.Locale.ROOT));
            return switch (checked.refusal()) {
                case UNSIGNED -> Reply.text(401, "no signature: X-Hub-Signature-256, X-Gitea-Signature,"
                        + " X-Forgejo-Signature or X-Gitlab-Token\n");
                case BAD_SIGNATURE -> Reply.text(401, "signature does not match\n");
                case NOT_JSON -> Reply.text(400, "the body is not a JSON object\n");
            };
        }
        GitPush push = checked.push();
        if (push.delivery() != null && !firstTime("git:" + push.delivery())) {
            metrics.recordEvent("git", "duplicate");
            return Reply.text(200, "delivery already received\n");
        }
        if (push.isPing()) {
            metrics.recordEvent("git", "ping");
            return Reply.text(200, "pong\n");
        }
        if (!push.isPush() || !push.pushes(branch)) {
            metrics.recordEvent("git", "ignored");
            return Reply.text(202, push.isPush() ? "not the watched branch (" + branch + "); ignored\n"
                    : "not a push; ignored\n");
        }
        metrics.recordEvent("git", "accepted");
        if (fetchWaiting.compareAndSet(false, true)) {
            fetcher.execute(this::fetchAndRun);
        }
        return Reply.text(202, "fetching " + branch + "\n");
    }

    Reply sinch(Router.Call call) {
        if (sinchSecret == null) {
            return Reply.text(404, "the provider webhook is off: set daemon.hooks.sinchSecret\n");
        }
        String given = call.query("secret") != null ? call.query("secret")
                : HookAuth.bearer(call.header("Authorization"));
        if (!HookAuth.sameSecret(sinchSecret, given)) {
            metrics.recordEvent("sinch", given == null ? "unsigned" : "bad_signature");
            return Reply.text(401, given == null ? "no secret: ?secret= or Authorization: Bearer\n"
                    : "secret does not match\n");
        }
        Optional<List<GroupEvent>> events = GroupEvent.parse(call.body());
        if (events.isEmpty()) {
            metrics.recordEvent("sinch", "not_json");
            return Reply.text(400, "the body is not JSON\n");
        }
        Snapshot desired = runner.lastValidLoad();
        Set<BotId> declared = desired == null ? Set.of() : desired.loaded().state().bots();
        int accepted = 0;
        for (GroupEvent event : events.get()) {
            String result = accept(event, declared);
            metrics.recordEvent("sinch", result);
            if (result.equals("accepted")) {
                accepted++;
            }
        }
        return Reply.json(200, "{\"events\":" + events.get().size() + ",\"accepted\":" + accepted + "}\n");
    }

    private String accept(GroupEvent event, Set<BotId> declared) {
        if (event.messageId() != null && !firstTime("sinch:" + event.bot() + ":" + event.messageId())) {
            return "duplicate";
        }
        if (!declared.contains(event.bot())) {
            return "unknown_bot";
        }
        if (!event.needsRun()) {
            return "ignored";
        }
        if (event.byTheBot()) {
            return "own_change"; // what roster itself did: the run that did it knows
        }
        if (event.ended()) {
            LOG.warn("bot {}: the provider says group {} ended", event.bot(), event.group());
        }
        status.recordEvent(event.bot(), event.group(), event.type(), clock.instant());
        requests.request(event.bot(), scopeOf(status, event.bot(), event.group()));
        return "accepted";
    }

    /**
     * The run an event naming {@code group} asks for: that declared group alone, or the whole bot for a group no full
     * run has matched yet (new, unmanaged, or before the first run) and for no group.
     */
    static RunScope scopeOf(StatusBoard status, BotId bot, GroupId group) {
        Optional<String> key = status.keyOf(bot, group);
        return key.map(k -> RunScope.of(k, group)).orElse(RunScope.ALL);
    }

    /** Fetches (or re-reads the files), updates the jobs, and runs each bot whose declared groups changed. */
    private void fetchAndRun() {
        fetchWaiting.set(false); // a push arriving from here on fetches again after this
        try {
            Set<BotId> bots = jobs.sync();
            Snapshot desired = runner.lastValidLoad();
            if (bots == null || desired == null) {
                LOG.warn("pushed desired state does not validate; nothing run");
                return;
            }
            for (BotId bot : bots) {
                if (!desired.loaded().state().groupsOf(bot).equals(runner.declaredAtLastRun(bot))) {
                    LOG.info("bot {}: its declared groups changed {}; running it", bot, desired.origin());
                    status.recordEvent(bot, null, "push to " + branch + ": declared groups changed", clock.instant());
                    requests.request(bot, RunScope.ALL);
                }
            }
        } catch (Exception e) {
            LOG.warn("after a push: {}", e.toString());
        }
    }

    /** Stops the fetch thread; a fetch in progress is interrupted. */
    @Override
    public void close() {
        fetcher.shutdownNow();
    }

    private boolean firstTime(String delivery) {
        return seen.firstTime(delivery);
    }
}
