package dev.roster.cli;

import dev.roster.api.GroupApi;
import dev.roster.api.ProgressListener;
import dev.roster.api.RunDeadline;
import dev.roster.apply.ApplyOptions;
import dev.roster.apply.ApplyReport;
import dev.roster.apply.Applier;
import dev.roster.apply.CreateRequests;
import dev.roster.daemon.RunOptions;
import dev.roster.apply.AuditLog;
import dev.roster.apply.GroupResult;
import dev.roster.apply.JsonlAuditLog;
import dev.roster.apply.Reconciler;
import dev.roster.apply.WriteLock;
import dev.roster.config.Durations;
import dev.roster.config.LoadResult;
import dev.roster.config.RosterSettings;
import dev.roster.model.BotId;
import dev.roster.plan.Plan;
import dev.roster.plan.PlannerOptions;
import dev.roster.plan.Targets;
import dev.roster.plan.SavedPlan;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Makes the live groups match the files (or applies a saved plan).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every group applied",
            "1:an error, a refused or stale group, api.runTimeout passed, no --yes without a terminal, "
                + "or another writer held a bot's write lock past the timeout"})
final class ApplyCommand implements Callable<Integer> {
    private static final Clock CLOCK = Clock.systemUTC();

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    @Mixin
    ApiLimits limits;

    @Mixin
    RemovalOptions removal;

    @Mixin
    TargetOptions target;

    @Parameters(arity = "0..*", paramLabel = "PATH",
            description = "Desired-state files or directories (with --plan, only with --sandbox: they pick the sandbox).")
    List<Path> paths = List.of();

    @Option(names = "--plan", paramLabel = "PLAN.json",
            description = "Apply a plan saved by `roster plan --out`: only unchanged, for the same API and tokens.")
    Path savedPlan;

    @Option(names = "--yes", description = "Apply without asking.")
    boolean yes;

    @Option(names = "--lock-timeout", paramLabel = "DURATION",
            description = "How long to wait for another writer of the same bot (e.g. 30s, 2m; 0 tries once; "
                    + "default: lock.timeout, 2m).")
    String lockTimeoutOption;

    private Duration lockTimeout;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        if (savedPlan == null && paths.isEmpty()) {
            throw new UserError("error: give the desired-state PATHs to apply, or --plan PLAN.json");
        }
        // With --sandbox the PATHs pick the sandbox's state (as they did for `plan --out`), so they go with --plan.
        if (savedPlan != null && !paths.isEmpty() && !global.sandbox) {
            throw new UserError("error: give either PATHs or --plan, not both: a saved plan already says what to do");
        }
        if (savedPlan != null && paths.isEmpty() && global.sandbox) {
            throw new UserError("error: with --sandbox, give --plan the PATHs the plan was made from too: "
                    + "they pick the sandbox to apply it to");
        }
        RosterSettings settings = limits.applyTo(Inputs.loadSettings(global, err));
        lockTimeout = lockTimeout(settings);
        return savedPlan != null ? applySaved(settings, out, err) : planAndApply(settings, out, err);
    }

    private int planAndApply(RosterSettings settings, PrintWriter out, PrintWriter err) throws IOException {
        Connection.Pending connecting = Connection.prepare(global, settings);
        LoadResult desired = Inputs.loadDesired(paths, settings, err);
        Targets targets = target.resolve(desired.state());
        // the lock comes first: the live groups are read (and a sandbox's state loaded) only once no other writer
        // of these bots is at work; the run's time limit starts once it holds the lock
        WriteLock.Lease locked = BotLocks.acquire(settings, sandboxLocks(), targets.select(desired.state()).bots(),
                lockTimeout, err);
        RunDeadline deadline = RunDeadline.after(settings.api().runTimeout(), CLOCK);
        try (locked; Connection connection = connecting.open(paths, desired.state().bots(), err)) {
            Reconciler.Planned planned;
            try (Progress progress = Progress.start("Reading groups", err, true)) {
                PlannerOptions options = RunOptions.planner(settings, removal.guard(settings));
                planned = new Reconciler(deadline.bound(connection.api()), settings.api().maxConcurrency(), options)
                        .plan(targets.select(desired.state()), progress::update).narrowedTo(targets);
            }
            PlanFormat.text.render(planned.plan(), out, Terminal.colorAllowed(global));
            if (planned.readsCutByDeadline() > 0 || deadline.hasPassed()) {
                err.println("error: reading the groups took longer than api.runTimeout ("
                        + Durations.format(deadline.timeout()) + "), so nothing was applied; raise api.runTimeout, "
                        + "or find out why the API answers slowly");
                err.flush();
                return ExitCodes.ERROR;
            }
            boolean asked = planned.plan().hasChanges() && !yes;
            if (planned.plan().hasChanges() && !confirmed(out, err)) {
                return ExitCodes.ERROR;
            }
            // the time a person took to answer is not the run's: after a "yes" at the terminal the limit starts anew
            RunDeadline applying = asked ? RunDeadline.after(settings.api().runTimeout(), CLOCK) : deadline;
            ApplyReport report = run(connection, applying.bound(connection.api()), settings, err, (applier, progress) ->
                    applier.apply(planned.plan(), progress));
            printReport(report, out, planned.isComplete() ? null : planned.plan().problemsLine());
            reportDeadline(report, applying, err);
            return report.hasFailures() || !planned.isComplete() ? ExitCodes.ERROR : ExitCodes.OK;
        }
    }

    private int applySaved(RosterSettings settings, PrintWriter out, PrintWriter err) throws IOException {
        SavedPlan plan = SavedPlans.read(savedPlan, global, settings);
        if (plan.groups().isEmpty()) {
            out.println("The saved plan has no changes and nobody pending: nothing to do.");
            return ExitCodes.OK;
        }
        Set<BotId> bots = plan.groups().stream().map(g -> g.bot()).collect(Collectors.toSet());
        WriteLock.Lease locked = BotLocks.acquire(settings, sandboxLocks(), bots, lockTimeout, err);
        try (locked; Connection connection = Connection.open(global, settings, paths, bots, err)) {
            PlanFormat.text.render(plan.toPlan(), out, Terminal.colorAllowed(global));
            out.println("Applying " + savedPlan + ": " + plan.groups().size() + " group(s); each is re-read first "
                    + "and refused if it changed since the plan was made.");
            if (plan.hasChanges() && !confirmed(out, err)) {
                return ExitCodes.ERROR;
            }
            RunDeadline deadline = RunDeadline.after(settings.api().runTimeout(), CLOCK);
            ApplyReport report = run(connection, deadline.bound(connection.api()), settings, err, (applier, progress) ->
                    applier.applySaved(plan, progress));
            printReport(report, out, null);
            reportDeadline(report, deadline, err);
            return report.hasFailures() ? ExitCodes.ERROR : ExitCodes.OK;
        }
    }

    /** Says that the run's time limit stopped the apply, when it did. */
    private static void reportDeadline(ApplyReport report, RunDeadline deadline, PrintWriter err) {
        long notDone = report.count(GroupResult.Outcome.NOT_DONE);
        if (notDone > 0 || (deadline.hasPassed() && report.hasFailures())) {
            err.println("error: apply took longer than api.runTimeout (" + Durations.format(deadline.timeout())
                    + ") and was stopped: " + notDone + " group(s) not done; every call made is in the audit log; "
                    + "run apply again to finish");
            err.flush();
        }
    }

    /** With {@code --sandbox}, the sandbox's own lock folder beside its state; else null. */
    private Path sandboxLocks() {
        return global.sandbox ? SandboxHome.of(paths).lockDir() : null;
    }

    /** {@code --lock-timeout}, else {@code lock.timeout}. */
    private Duration lockTimeout(RosterSettings settings) {
        if (lockTimeoutOption == null) {
            return settings.lock().timeout();
        }
        Duration parsed = Durations.parse(lockTimeoutOption.strip());
        if (parsed == null) {
            throw new UserError("error: --lock-timeout must be a duration such as 30s or 2m, not '"
                    + lockTimeoutOption + "'");
        }
        return parsed;
    }

    /** Runs the applier with the audit log open and a progress bar on a terminal. */
    private ApplyReport run(Connection connection, GroupApi api, RosterSettings settings, PrintWriter err,
            BiFunction<Applier, ProgressListener, ApplyReport> work) {
        ApplyOptions options = RunOptions.applier(settings, removal.guard(settings), null);
        try (AuditLog audit = new JsonlAuditLog(connection.settings().audit().file());
                Progress progress = Progress.start("Applying", err, true)) {
            Applier applier = new Applier(api, options, audit, CLOCK)
                    .with(RunOptions.ledger(connection.settings()), new CreateRequests());
            return work.apply(applier, progress::update);
        }
    }

    /** True when the user said yes: --yes, or typed "yes" at the terminal. Never asks without a terminal. */
    private boolean confirmed(PrintWriter out, PrintWriter err) throws IOException {
        if (yes) {
            return true;
        }
        if (!Terminal.isInteractive()) {
            err.println("error: refusing to apply without --yes: there is no terminal to ask for confirmation");
            err.flush();
            return false;
        }
        out.print("\nApply these changes? Only 'yes' will be accepted: ");
        out.flush();
        String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (answer == null || !answer.trim().equals("yes")) {
            err.println("Apply cancelled.");
            err.flush();
            return false;
        }
        return true;
    }

    /** @param unplanned what the plan left out ({@link Plan#problemsLine}), or null when it left out nothing */
    private static void printReport(ApplyReport report, PrintWriter out, String unplanned) {
        out.println();
        for (GroupResult g : report.groups()) {
            String name = g.bot() + " " + (g.key() != null ? g.key() : String.valueOf(g.groupId()));
            switch (g.outcome()) {
                case APPLIED -> out.println("  applied   " + name + ": " + g.applied().size() + " change(s)");
                case UNCHANGED -> { }
                case FAILED -> out.println("  FAILED    " + name + ": " + g.message()
                        + (g.applied().isEmpty() ? "" : " (" + g.applied().size() + " change(s) applied before)"));
                case REFUSED -> out.println("  REFUSED   " + name + ": " + g.message());
                case STALE -> out.println("  STALE     " + name + ": " + g.message());
                case NOT_DONE -> out.println("  NOT DONE  " + name + ": " + g.message());
            }
            if (g.inviteLink() != null) {
                out.println("  invite    " + name + ": " + g.inviteLink() + " — waiting to join: "
                        + g.pending().stream().map(Object::toString).collect(Collectors.joining(", ")));
            }
        }
        long notDone = report.count(GroupResult.Outcome.NOT_DONE);
        long failed = report.groups().stream().filter(GroupResult::isFailure).count() - notDone;
        out.println();
        boolean planned = unplanned == null || unplanned.isEmpty();
        boolean complete = planned && failed == 0 && notDone == 0;
        // an incomplete apply names what went wrong, never "0 failed" beside exit 1
        out.println((complete ? "Apply complete: " : "Apply incomplete: ")
                + report.changesApplied() + " change(s) applied, "
                + report.count(GroupResult.Outcome.APPLIED) + " group(s) changed"
                + (complete || failed > 0 ? ", " + failed + " failed or refused" : "")
                + (notDone > 0 ? ", " + notDone + " not done (api.runTimeout passed)" : "")
                + (planned ? "." : "; not planned, so nothing applied for it: " + unplanned + " (see above)."));
        out.flush();
    }
}
