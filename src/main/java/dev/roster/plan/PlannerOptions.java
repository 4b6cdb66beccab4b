package dev.roster.plan;

import java.util.Objects;

/**
 * @param prune        leave unmanaged live groups (setting {@code reconcile.prune})
 * @param removalGuard the guard apply will enforce; the plan marks the groups it refuses
 */
public record PlannerOptions(boolean prune, RemovalGuard removalGuard) {
    public PlannerOptions {
        Objects.requireNonNull(removalGuard, "removalGuard");
    }

    /** Without a removal guard (tests and benchmarks of the planner alone). */
    public PlannerOptions(boolean prune) {
        this(prune, RemovalGuard.NONE);
    }

    public static PlannerOptions defaults() {
        return new PlannerOptions(false);
    }
}
