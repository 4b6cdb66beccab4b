package dev.roster.apply;

import java.util.List;

/** The result of an apply: one entry per group, in plan order. */
public record ApplyReport(List<GroupResult> groups) {
    public ApplyReport {
        groups = List.copyOf(groups);
    }

    public boolean hasFailures() {
        return groups.stream().anyMatch(GroupResult::isFailure);
    }

    /** Changes that took effect. */
    public int changesApplied() {
        return groups.stream().mapToInt(g -> g.applied().size()).sum();
    }

    public long count(GroupResult.Outcome outcome) {
        return groups.stream().filter(g -> g.outcome() == outcome).count();
    }
}
