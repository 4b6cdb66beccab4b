package dev.roster.plan;

import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import java.util.Collections;
import java.util.List;
import java.util.Map;
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

    /** The ids the bot had when the plan was made. */
    public SortedSet<GroupId> knownGroups(BotId bot) {
        return knownGroups.getOrDefault(bot, Collections.emptySortedSet());
    }
}
