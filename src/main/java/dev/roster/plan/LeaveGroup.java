package dev.roster.plan;

/** The bot leaves an unmanaged group (only planned with prune on). */
public record LeaveGroup() implements Change {
    @Override
    public Action action() {
        return Action.LEAVE_GROUP;
    }
}
