package dev.roster.apply;

import dev.roster.api.ApiException;
import dev.roster.api.ProgressListener;
import dev.roster.api.GroupApi;
import dev.roster.api.LiveStateReader;
import dev.roster.model.BotId;
import dev.roster.model.DesiredState;
import dev.roster.model.GroupId;
import dev.roster.model.GroupSpec;
import dev.roster.model.Msisdn;
import dev.roster.plan.Change;
import dev.roster.plan.GroupPlan;
import dev.roster.plan.Plan;
import dev.roster.plan.SendInvites;
import java.net.URI;
import java.util.SortedSet;
import java.util.TreeSet;
import dev.roster.plan.PlanProblem;
import dev.roster.plan.Planner;
import dev.roster.plan.PlannerOptions;
import dev.roster.plan.Targets;
import dev.roster.plan.PlansAhead;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One reconcile pass up to the plan: read the live groups, then plan. A bot whose groups could not be
 * listed is left out of the plan entirely (planning it against an empty list would re-create every
 * group). Failed reads are also problems of the plan, so renderers show them.
 */
public final class Reconciler {
    private final GroupApi api;
    private final int maxConcurrency;
    private final PlannerOptions plannerOptions;
    private final ApplyLedger ledger;

    public Reconciler(GroupApi api, int maxConcurrency, PlannerOptions plannerOptions) {
        this(api, maxConcurrency, plannerOptions, null);
    }

    /**
     * @param ledger the invite messages sent so far, so that the plan invites only people who were not sent the
     *               group's current link; null when unknown (then every pending person is to be invited)
     */
    public Reconciler(GroupApi api, int maxConcurrency, PlannerOptions plannerOptions, ApplyLedger ledger) {
        this.api = api;
        this.maxConcurrency = maxConcurrency;
        this.plannerOptions = plannerOptions;
        this.ledger = ledger;
    }

    /** A plan and the reads that failed on the way; groups affected by a failed read are not in the plan. */
    public record Planned(Plan plan, List<LiveStateReader.Failure> readFailures) {
        public boolean isComplete() {
            return readFailures.isEmpty() && !plan.hasProblems();
        }

        /** This result limited to {@code targets} ({@link Targets#narrow}). */
        public Planned narrowedTo(Targets targets) {
            return new Planned(targets.narrow(plan), readFailures);
        }

        /** Reads not made because the run's deadline had passed (or cut off by it). */
        public long readsCutByDeadline() {
            return readFailures.stream().filter(f -> f.error() instanceof ApiException.RunDeadlineExceeded).count();
        }
    }

    public Planned plan(DesiredState desired, ProgressListener progress) {
        // each group is planned as it is read, against the declared group it likely is; the planner's pass takes
        // those plans where it decides on the same pairing, so little is left to do after the last answer
        PlansAhead ahead = new PlansAhead(plannerOptions);
        LiveStateReader.Result live = new LiveStateReader(api, maxConcurrency, plannerOptions.prune())
                .read(desired, progress, ahead::plan);
        Set<BotId> unlisted = live.failures().stream()
                .filter(f -> f.group() == null)
                .map(LiveStateReader.Failure::bot)
                .collect(Collectors.toSet());
        DesiredState plannable = unlisted.isEmpty() ? desired
                : new DesiredState(desired.groups().stream().filter(g -> !unlisted.contains(g.bot())).toList());
        Plan plan = withoutInvitesSent(Planner.plan(plannable, live.state(), plannerOptions, ahead));
        return new Planned(withReadFailures(plan, live.failures()), live.failures());
    }

    /**
     * Plans only some live groups of one bot, each against the declared group it is known to be (a run started by
     * an event: the event names the live group, and the last full run matched it to a declared group). No list
     * call, one get per group; each declared group is pinned to its live group for this plan, so a group renamed by
     * hand is renamed back, never matched by subject to another group or created anew. A group that is gone (404)
     * is not listed, so the plan reports it as a problem (a pinned group is never re-created). The bot's other
     * groups and its unmanaged groups are not planned, and none is left.
     */
    public Planned planGroups(BotId bot, Map<GroupId, GroupSpec> known) {
        List<GroupSpec> pinned = new ArrayList<>();
        known.forEach((id, spec) -> pinned.add(spec.withId(id)));
        LiveStateReader.Result live = new LiveStateReader(api, maxConcurrency, false).readOnly(bot, known.keySet());
        PlannerOptions scoped = plannerOptions.withPrune(false);
        Plan plan = withoutInvitesSent(Planner.plan(new DesiredState(pinned), live.state(), scoped));
        return new Planned(withReadFailures(plan, live.failures()), live.failures());
    }

    /** What to check when a bot's groups cannot be listed at all. */
    private static String hint(ApiException error) {
        if (error instanceof ApiException.Unauthorized) {
            return " (the API refused the token: check this bot's token, SINCH_API_TOKEN or api.tokens, and that"
                    + " api.baseUrl is the token's region; a token of one region gets 401 in another)";
        }
        if (error instanceof ApiException.Forbidden) {
            return " (the token may not manage this bot's groups: check the bot id and the token's rights)";
        }
        if (error instanceof ApiException.Unreachable) {
            return " (check api.baseUrl and the network)";
        }
        return "";
    }

    /**
     * The plan without the invite messages the ledger says were sent with the group's current link. The link is read
     * only for groups where someone was sent one before.
     */
    private Plan withoutInvitesSent(Plan plan) {
        if (ledger == null || plan.groups().stream().noneMatch(g -> g.change(SendInvites.class).isPresent())) {
            return plan;
        }
        List<GroupPlan> groups = new ArrayList<>();
        for (GroupPlan g : plan.groups()) {
            SendInvites invites = g.change(SendInvites.class).orElse(null);
            if (invites == null || g.groupId() == null
                    || invites.numbers().stream().noneMatch(n -> ledger.invitedBefore(g.bot(), g.groupId(), n))) {
                groups.add(g);
                continue;
            }
            URI link;
            try {
                link = api.inviteLink(g.bot(), g.groupId());
            } catch (ApiException e) {
                groups.add(g); // the applier reads the link again and skips whoever has it
                continue;
            }
            SortedSet<Msisdn> toSend = new TreeSet<>(invites.numbers());
            toSend.removeIf(n -> ledger.invited(g.bot(), g.groupId(), n, link));
            List<Change> changes = new ArrayList<>(g.changes());
            changes.remove(invites);
            if (!toSend.isEmpty()) {
                changes.add(new SendInvites(toSend));
            }
            groups.add(new GroupPlan(g.bot(), g.key(), g.spec(), g.groupId(), g.live(), changes, g.pending(),
                    g.pendingAdmins(), g.refused()));
        }
        return new Plan(groups, plan.unmanaged(), plan.problems(), plan.warnings(), plan.declaredNumbers());
    }

    /** Failed reads become plan problems, so that every renderer shows them. */
    private static Plan withReadFailures(Plan plan, List<LiveStateReader.Failure> failures) {
        if (failures.isEmpty()) {
            return plan;
        }
        List<PlanProblem> problems = new ArrayList<>();
        Map<BotId, List<LiveStateReader.Failure>> outOfTime = new LinkedHashMap<>();
        for (LiveStateReader.Failure f : failures) {
            if (f.group() != null && f.error() instanceof ApiException.RunDeadlineExceeded) {
                outOfTime.computeIfAbsent(f.bot(), b -> new ArrayList<>()).add(f);
                continue;
            }
            problems.add(new PlanProblem(f.bot(), null, null, f.group() == null
                    ? "bot " + f.bot() + ": could not list its groups, so none of its groups is planned: "
                            + f.error().getMessage() + hint(f.error())
                    : "could not read group " + f.group() + ": " + f.error().getMessage()));
        }
        // one problem per bot for the reads the run's deadline stopped, not one per group
        outOfTime.forEach((bot, cut) -> problems.add(new PlanProblem(bot, null, null, cut.size() == 1
                ? "could not read group " + cut.get(0).group() + ": " + cut.get(0).error().getMessage()
                : cut.size() + " groups were not read before the run's deadline, so they are not planned (the "
                        + "first, " + cut.get(0).group() + ": " + cut.get(0).error().getMessage() + ")")));
        problems.addAll(plan.problems());
        return new Plan(plan.groups(), plan.unmanaged(), problems, plan.warnings(), plan.declaredNumbers());
    }
}
