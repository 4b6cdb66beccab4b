package dev.roster.plan;

import java.util.List;

/**
 * A plan as saved by {@code roster plan --out} and read back for {@code roster apply --plan}: the groups
 * with changes or pending people, in plan order. It holds no desired or live state: each group is
 * re-read and checked against its fingerprint before it is applied.
 */
public record SavedPlan(List<SavedGroupPlan> groups) {
    public SavedPlan {
        groups = List.copyOf(groups);
    }

    /** The groups of {@code plan} that have changes or pending people. */
    public static SavedPlan of(Plan plan) {
        return new SavedPlan(plan.groups().stream()
                .filter(g -> g.hasChanges() || !g.pending().isEmpty())
                .map(SavedGroupPlan::of)
                .toList());
    }

    public boolean hasChanges() {
        return groups.stream().anyMatch(SavedGroupPlan::hasChanges);
    }
}
