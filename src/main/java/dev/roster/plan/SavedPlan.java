package dev.roster.plan;

import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.Msisdn;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A plan as saved by {@code roster plan --out} and read back for {@code roster apply --plan}: the groups
 * with changes or pending people, in plan order, and per bot the ids of every group it had when the
 * plan was made. It holds no desired or live state: each group is re-read and checked against its
 * fingerprint before it is applied, and a group to create is refused when a group with its subject
 * appeared among ids not in {@code knownGroups}.
 */
public record SavedPlan(List<SavedGroupPlan> groups, Map<BotId, SortedSet<GroupId>> knownGroups) {
    public SavedPlan {
        groups = List.copyOf(groups);
        Map<BotId, SortedSet<GroupId>> copy = new TreeMap<>();
        knownGroups.forEach((bot, ids) -> copy.put(bot, Collections.unmodifiableSortedSet(new TreeSet<>(ids))));
        knownGroups = Collections.unmodifiableMap(copy);
    }

    /** The groups of {@code plan} that have changes or pending people. */
    public static SavedPlan of(Plan plan) {
        return new SavedPlan(plan.groups().stream()
                .filter(g -> g.hasChanges() || !g.pending().isEmpty())
                .map(SavedGroupPlan::of)
                .toList(), plan.knownGroups());
    }

    public boolean hasChanges() {
        return groups.stream().anyMatch(SavedGroupPlan::hasChanges);
    }

    /**
     * This plan as a {@link Plan}, for the renderers: without live state or file locations. The people it leaves
     * in or brings in (pending people, promotions, approved join requests, invites) come from the files and count as
     * declared; the people it removes, demotes or turns away may not, so public renderings mask them.
     */
    public Plan toPlan() {
        SortedSet<Msisdn> declared = new TreeSet<>();
        List<GroupPlan> plans = new ArrayList<>();
        for (SavedGroupPlan g : groups) {
            declared.addAll(g.pending());
            g.changes().stream()
                    .filter(c -> c instanceof AddAdmins || c instanceof ApproveJoinRequests || c instanceof SendInvites)
                    .forEach(c -> declared.addAll(c.numbers()));
            plans.add(new GroupPlan(g.bot(), g.key(), null, g.groupId(), null, g.changes(), g.pending(),
                    g.pendingAdmins()));
        }
        declared.addAll(knownGroups.keySet().stream().map(Planner::botNumber).filter(Objects::nonNull).toList());
        return new Plan(plans, List.of(), List.of(), List.of(), declared);
    }

    /** The ids the bot had when the plan was made. */
    public SortedSet<GroupId> knownGroups(BotId bot) {
        return knownGroups.getOrDefault(bot, Collections.emptySortedSet());
    }
}
