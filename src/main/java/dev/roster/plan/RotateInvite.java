package dev.roster.plan;

/**
 * Revoke the group's invite link, so that the people removed cannot rejoin through the one they knew. Runs before
 * the removals (see {@link Action}), so that no lost answer or killed run leaves a removed person a valid link.
 */
public record RotateInvite() implements Change {
    @Override
    public Action action() {
        return Action.ROTATE_INVITE;
    }
}
