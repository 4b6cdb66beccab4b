package dev.roster.api;

import dev.roster.model.GroupSpec;
import dev.roster.model.LiveGroup;

/**
 * Told of each group read that some declared group likely is (same {@code id}, else a subject it is known by),
 * on the thread that read it, while other groups are still being read. {@code likely} is a guess: which declared
 * group a live group belongs to is decided by the planner once every group is read.
 */
@FunctionalInterface
public interface GroupReadListener {
    void read(GroupSpec likely, LiveGroup group);

    GroupReadListener NONE = (likely, group) -> { };
}
