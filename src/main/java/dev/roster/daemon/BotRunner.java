package dev.roster.daemon;

import dev.roster.api.ProgressListener;
import dev.roster.api.GroupApi;
import dev.roster.api.RunDeadline;
import dev.roster.apply.Applier;
import dev.roster.apply.ApplyLedger;
import dev.roster.apply.CreateRequests;
import dev.roster.apply.ApplyOptions;
import dev.roster.apply.ApplyReport;
import dev.roster.apply.AuditLog;
import dev.roster.apply.GroupResult;
import dev.roster.apply.InviteLinkMemory;
import dev.roster.apply.Reconciler;
import dev.roster.config.RosterSettings;
import dev.roster.model.BotId;
import dev.roster.model.DesiredState;
import dev.roster.model.GroupId;
import dev.roster.model.GroupSpec;
import dev.roster.model.Msisdn;
import dev.roster.plan.Action;
import dev.roster.plan.Change;
import dev.roster.plan.GroupPlan;
import dev.roster.plan.Plan;
import dev.roster.plan.PlanProblem;
import dev.roster.plan.PlannerOptions;
import dev.roster.plan.RemovalGuard;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.SortedSet;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run for one bot: take the bot's fence, read the desired state, keep the bot's groups, read the
 * live groups and plan, then (in {@code apply} mode) apply with every guard of the Applier; record the
 * outcome in the metrics and the status board. Errors are data: a run never throws, and a failure of
 * one bot touches no other bot. The next tick retries.
 *
 * <p>Every run has a deadline, {@code api.runTimeout} after it took the fence: no call starts after it, a call in
 * flight is cut at it, and the run is recorded as failed (with {@code roster_run_timeouts_total}). So a bot's run
 * never holds the bot, and its next tick, longer than that.
 */
public final class BotRunner {
    private static final Logger LOG = LoggerFactory.getLogger(BotRunner.class);

    private final String node;
    private final DesiredSource source;
    private final GroupApi api;
    private final RosterSettings settings;
    private final boolean applyMode;
    private final BotFence fence;
    private final AuditLog audit;
    private final DaemonMetrics metrics;
    private final StatusBoard status;
    private final Clock clock;
    private final Consumer<RunRecord> listener;
    private final Set<BotId> running = ConcurrentHashMap.newKeySet();
    private final Map<BotId, List<GroupSpec>> declaredAtLastRun = new ConcurrentHashMap<>();
    private volatile Snapshot lastValid;
    /** The invite links audited so far: a run audits a group's link only when it is handed out anew. */
    private final InviteLinkMemory inviteLinks = InviteLinkMemory.create();
    private final ApplyLedger ledger;
    private final CreateRequests createRequests;

    public BotRunner(String node, DesiredSource source, GroupApi api, RosterSettings settings, BotFence fence,
            AuditLog audit, DaemonMetrics metrics, StatusBoard status, Clock clock, Consumer<RunRecord> listener) {
        this(node, source, api, settings, fence, audit, metrics, status, clock, listener, new CreateRequests());
    }

    /** @param createRequests the outcomes of asynchronous creates, as the provider's webhook reports them */
    public BotRunner(String node, DesiredSource source, GroupApi api, RosterSettings settings, BotFence fence,
            AuditLog audit, DaemonMetrics metrics, StatusBoard status, Clock clock, Consumer<RunRecord> listener,
            CreateRequests createRequests) {
        this.ledger = RunOptions.ledger(settings);
        this.createRequests = createRequests;
        this.node = node;
        this.source = source;
        this.api = api;
        this.settings = settings;
        this.applyMode = !"report".equals(settings.daemon().mode());
        this.fence = fence;
        this.audit = audit;
        this.metrics = metrics;
        this.status = status;
        this.clock = clock;
        this.listener = listener;
    }

    /** Runs the whole bot once and returns what happened (also recorded in metrics and status). */
    public RunRecord run(BotId bot, Instant scheduledFor) {
        return run(bot, scheduledFor, RunScope.ALL);
    }

    /** Runs the bot once, over {@code scope} only, and returns what happened. */
    RunRecord run(BotId bot, Instant scheduledFor, RunScope scope) {
        Instant started = clock.instant();
        Optional<BotFence.Lease> lease;
        try {
            lease = fence.tryAcquire(bot);
        } catch (RuntimeException e) {
            return finish(failed(bot, scheduledFor, started, null, List.of(e.getMessage())), scope);
        }
        if (lease.isEmpty()) {
            LOG.info("bot {}: another run (on this or another node) holds it; skipped", bot);
            return finish(record(bot, scheduledFor, started, null, RunResult.SKIPPED, Map.of(), 0, 0, Map.of(),
                    List.of()), scope);
        }
        RunRecord run;
        Instant locked = clock.instant(); // a run's time is the time it held the fence: runs never overlap
        running.add(bot);
        try {
            run = runLocked(bot, scheduledFor, locked, scope);
        } catch (RuntimeException e) {
            LOG.warn("bot {}: run failed: {}", bot, e.toString());
            run = failed(bot, scheduledFor, locked, null, List.of(String.valueOf(e.getMessage())));
        } finally {
            running.remove(bot);
            lease.get().close();
        }
        return finish(run, scope);
    }

    /** True while this node runs the bot. */
    boolean isRunning(BotId bot) {
        return running.contains(bot);
    }

    /**
     * The bot's declared groups as its last run on this node read them (empty before its first run): a push whose
     * files give the bot other groups than these needs a run of the bot.
     */
    List<GroupSpec> declaredAtLastRun(BotId bot) {
        return declaredAtLastRun.getOrDefault(bot, List.of());
    }

    /** The latest valid desired state this runner loaded, or null before the first. */
    Snapshot lastValidLoad() {
        return lastValid;
    }

    /** Reads the desired state for the status board and readiness, without running any bot. */
    public Snapshot load() {
        Snapshot snapshot = source.read();
        if (snapshot.isValid()) {
            lastValid = snapshot;
        }
        status.recordLoad(snapshot, clock.instant());
        metrics.recordLoad(snapshot);
        return snapshot;
    }

    private RunRecord runLocked(BotId bot, Instant scheduledFor, Instant started, RunScope scope) {
        RunDeadline deadline = RunDeadline.after(settings.api().runTimeout(), clock);
        GroupApi api = deadline.bound(this.api);
        Snapshot snapshot = load();
        if (!snapshot.isValid()) {
            LOG.warn("bot {}: desired state {} is invalid; nothing applied: {}", bot, snapshot.origin(),
                    masked(String.join("; ", snapshot.errors())));
            return record(bot, scheduledFor, started, snapshot.commit(), RunResult.INVALID, Map.of(), 0, 0, Map.of(),
                    snapshot.errors());
        }
        List<GroupSpec> declared = snapshot.loaded().state().groupsOf(bot);
        DesiredState desired = new DesiredState(declared);
        PlannerOptions plannerOptions = RunOptions.planner(settings,
                RemovalGuard.of(settings.reconcile().maxRemovalPercent()));
        Reconciler reconciler = new Reconciler(api, settings.api().maxConcurrency(), plannerOptions, ledger);
        Reconciler.Planned planned;
        if (scope.isAll()) {
            declaredAtLastRun.put(bot, declared);
            planned = reconciler.plan(desired, ProgressListener.NONE);
        } else {
            Map<GroupId, GroupSpec> known = new LinkedHashMap<>();
            scope.groups().forEach((key, id) -> declared.stream().filter(g -> g.key().equals(key)).findFirst()
                    .ifPresent(spec -> known.put(id, spec)));
            planned = reconciler.planGroups(bot, known);
        }
        if (planned.readsCutByDeadline() > 0 || deadline.hasPassed()) {
            // nothing is applied after the deadline: every write would be refused anyway
            List<String> errors = new ArrayList<>();
            errors.add(timedOut(bot, deadline, "while reading the groups; nothing applied"));
            planned.plan().problems().stream().map(PlanProblem::toString).forEach(errors::add);
            return record(bot, scheduledFor, started, snapshot.commit(), RunResult.FAILED, Map.of(), 0, 0, Map.of(),
                    errors);
        }
        Plan plan = planned.plan();
        int drift = plan.groups().stream().mapToInt(g -> g.changes().size()).sum();
        int pending = plan.groups().stream().mapToInt(g -> g.pending().size()).sum();
        Map<String, SortedSet<Msisdn>> pendingNumbers = new LinkedHashMap<>();
        for (GroupPlan g : plan.groups()) {
            if (!g.pending().isEmpty() && g.key() != null) {
                pendingNumbers.put(g.key(), g.pending());
            }
        }
        List<String> errors = new ArrayList<>();
        plan.problems().stream().map(PlanProblem::toString).forEach(errors::add);
        Map<Action, Integer> applied = new EnumMap<>(Action.class);
        ApplyReport report = null;
        RunResult result;
        if (!applyMode) {
            result = !errors.isEmpty() ? RunResult.FAILED : drift > 0 ? RunResult.DRIFT : RunResult.OK;
        } else {
            ApplyOptions options = RunOptions.applier(settings,
                    RemovalGuard.of(settings.reconcile().maxRemovalPercent()), snapshot.commit());
            report = new Applier(api, options, audit, clock, inviteLinks).with(ledger, createRequests)
                    .apply(plan, ProgressListener.NONE);
            if (report.hasFailures() && deadline.hasPassed()) {
                errors.add(timedOut(bot, deadline, "while applying: " + report.count(GroupResult.Outcome.NOT_DONE)
                        + " group(s) not done; every call made is in the audit log"));
            }
            for (GroupResult g : report.groups()) {
                for (Change c : g.applied()) {
                    applied.merge(c.action(), 1, Integer::sum);
                }
                if (g.isFailure()) {
                    errors.add("group " + (g.key() != null ? g.key() : String.valueOf(g.groupId())) + " "
                            + g.outcome().name().toLowerCase(Locale.ROOT) + ": " + g.message());
                }
            }
            result = errors.isEmpty() ? RunResult.OK : RunResult.FAILED;
        }
        status.history().recordLive(bot, plan, report, started);
        // a run of some groups, or of a bot whose groups could not be listed: the groups known from earlier runs stay
        boolean partial = !scope.isAll() || planned.readFailures().stream().anyMatch(f -> f.group() == null);
        return record(bot, scheduledFor, started, snapshot.commit(), result, applied, drift, pending, pendingNumbers,
                errors).withGroups(GroupStatus.of(bot, desired, plan, report), plan.unmanaged(), partial);
    }

    /** The error that says {@code api.runTimeout} stopped the run; the run is counted in the metrics as such. */
    private String timedOut(BotId bot, RunDeadline deadline, String what) {
        metrics.recordRunTimeout(bot);
        LOG.warn("bot {}: the run took longer than api.runTimeout ({}) and was stopped", bot, deadline.describe());
        return "the run took longer than api.runTimeout (" + deadline.describe() + ") and was stopped " + what;
    }

    private RunRecord failed(BotId bot, Instant scheduledFor, Instant started, String commit, List<String> errors) {
        return record(bot, scheduledFor, started, commit, RunResult.FAILED, Map.of(), 0, 0, Map.of(), errors);
    }

    private RunRecord record(BotId bot, Instant scheduledFor, Instant started, String commit, RunResult result,
            Map<Action, Integer> applied, int drift, int pending, Map<String, SortedSet<Msisdn>> pendingNumbers,
            List<String> errors) {
        Duration duration = Duration.between(started, clock.instant());
        return new RunRecord(bot, node, scheduledFor, started, duration.isNegative() ? Duration.ZERO : duration,
                commit, result, applied, drift, pending, pendingNumbers, errors);
    }

    private RunRecord finish(RunRecord run, RunScope scope) {
        metrics.recordRun(run);
        status.recordRun(run);
        status.history().recordRun(run, scope);
        listener.accept(run);
        if (run.result() != RunResult.SKIPPED) {
            LOG.info("bot {}: {} {} in {} ms: {} change(s) applied, drift {}, pending {}{}", run.bot(),
                    run.result().label(), Snapshot.origin(run.commit()), run.duration().toMillis(),
                    run.changesApplied(), run.drift(), run.pending(), run.errors().isEmpty() ? ""
                            : ", " + run.errors().size() + " error(s), the first: "
                                    + masked(run.errors().get(0)));
        }
        return run;
    }

    /** {@code text} with people's numbers masked as {@code /status} masks them (unless {@code showNumbers}). */
    private String masked(String text) {
        return status.mask(text, settings.daemon().http().showNumbers());
    }
}
