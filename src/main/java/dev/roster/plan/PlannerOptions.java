package dev.roster.plan;

/** @param prune leave unmanaged live groups (setting {@code reconcile.prune}) */
public record PlannerOptions(boolean prune) {
    public static PlannerOptions defaults() {
        return new PlannerOptions(false);
    }
}
