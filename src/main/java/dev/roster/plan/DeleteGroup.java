package dev.roster.plan;

/**
 * Delete an unmanaged group, which removes every participant (planned only with {@code reconcile.prune} and
 * {@code reconcile.pruneDeletes} on, for a provider where the bot cannot leave).
 */
public record DeleteGroup() implements Change {
    @Override
    public Action action() {
        return Action.DELETE_GROUP;
    }
}
