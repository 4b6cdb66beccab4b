package dev.roster.daemon;

import dev.roster.apply.ApplyReport;
import dev.roster.apply.GroupResult;
import dev.roster.model.BotId;
import dev.roster.model.DesiredState;
import dev.roster.model.GroupId;
import dev.roster.model.GroupSpec;
import dev.roster.model.Msisdn;
import dev.roster.model.SourceLocation;
import dev.roster.plan.Action;
import dev.roster.plan.Change;
import dev.roster.plan.GroupPlan;
import dev.roster.plan.Plan;
import dev.roster.plan.PlanProblem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One declared group of a bot as a run saw it, for {@code /status} and the group metrics.
 *
 * @param key        the declared key
 * @param groupId    the live group (after a create, the new one), or null when none matched or the create failed
 * @param subject    the declared subject
 * @param declaredAt where the group is declared (null only in tests)
 * @param planned    the changes the run's plan held for the group
 * @param waiting    the planned changes that did not take effect (in report mode, every planned change)
 * @param members    participants of the live group as the run read it, before its changes (admins included); 0 for
 *                   a group to create
 * @param admins     admins of the live group as the run read it
 * @param pending    declared people not in the group (they join by the invite link; no change)
 * @param compared   false when the group could not be planned ({@link PlanProblem}): its sync is not known
 * @param failure    why the group's last apply failed or was refused (in report mode: why a guard would refuse it),
 *                   or why it could not be planned; null when none. May name people's numbers.
 */
public record GroupStatus(
        String key,
        GroupId groupId,
        String subject,
        SourceLocation declaredAt,
        List<Change> planned,
        List<Change> waiting,
        int members,
        int admins,
        SortedSet<Msisdn> pending,
        boolean compared,
        String failure) {

    public GroupStatus {
        Objects.requireNonNull(key, "key");
        planned = List.copyOf(planned);
        waiting = List.copyOf(waiting);
        pending = Collections.unmodifiableSortedSet(new TreeSet<>(pending));
    }

    public boolean failed() {
        return failure != null;
    }

    /** The waiting changes counted per action, in apply order. */
    public Map<Action, Integer> waitingByAction() {
        Map<Action, Integer> counts = new EnumMap<>(Action.class);
        waiting.forEach(c -> counts.merge(c.action(), 1, Integer::sum));
        return counts;
    }

    /** The planned changes counted per action. */
    public Map<Action, Integer> plannedByAction() {
        Map<Action, Integer> counts = new EnumMap<>(Action.class);
        planned.forEach(c -> counts.merge(c.action(), 1, Integer::sum));
        return counts;
    }

    /** The group's own sync, before the bot's state (invalid files) is taken into account. */
    public SyncStatus sync() {
        return !compared ? SyncStatus.UNKNOWN : waiting.isEmpty() ? SyncStatus.SYNCED : SyncStatus.OUT_OF_SYNC;
    }

    /** The group's own health, before the bot's state (paused, invalid files) is taken into account. */
    public HealthStatus health() {
        return failed() ? HealthStatus.DEGRADED : pending.isEmpty() ? HealthStatus.HEALTHY : HealthStatus.PROGRESSING;
    }

    /**
     * The declared groups of {@code bot} that {@code plan} planned or could not plan, in declaration order; a
     * declared group the plan does not hold (its bot's groups could not be listed, or the plan was narrowed to some
     * groups) is left out.
     *
     * @param report the apply's report, or null when nothing was applied (report mode)
     */
    public static List<GroupStatus> of(BotId bot, DesiredState desired, Plan plan, ApplyReport report) {
        List<GroupStatus> out = new ArrayList<>();
        for (GroupSpec spec : desired.groupsOf(bot)) {
            GroupPlan g = plan.groups().stream().filter(p -> spec.key().equals(p.key())).findFirst().orElse(null);
            if (g != null) {
                out.add(of(spec, g, report == null ? null : resultOf(report, spec.key())));
                continue;
            }
            plan.problems().stream().filter(p -> bot.equals(p.bot()) && spec.key().equals(p.key())).findFirst()
                    .ifPresent(p -> out.add(new GroupStatus(spec.key(), spec.id(), spec.subject(), spec.location(),
                            List.of(), List.of(), 0, 0, Collections.emptySortedSet(), false, p.message())));
        }
        return out;
    }

    /** @param result the group's apply result; null in report mode, or when the apply had nothing to do for it */
    private static GroupStatus of(GroupSpec spec, GroupPlan g, GroupResult result) {
        List<Change> waiting = new ArrayList<>(g.changes());
        String failure = g.refused();
        GroupId id = g.groupId();
        if (result != null) {
            waiting.removeAll(result.applied());
            failure = result.isFailure() ? failure(result) : null;
            id = result.groupId() != null ? result.groupId() : id;
        }
        int members = g.live() == null ? 0 : g.live().participants().size();
        int admins = g.live() == null ? 0 : g.live().admins().size();
        return new GroupStatus(spec.key(), id, spec.subject(), spec.location(), g.changes(), waiting, members, admins,
                g.pending(), true, failure);
    }

    /** The outcome and its message ({@code failed: ...}), the outcome once when the message starts with it. */
    private static String failure(GroupResult result) {
        String outcome = result.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        String message = String.valueOf(result.message());
        return message.startsWith(outcome) ? message : outcome + ": " + message;
    }

    private static GroupResult resultOf(ApplyReport report, String key) {
        return report.groups().stream().filter(r -> key.equals(r.key())).findFirst().orElse(null);
    }
}
