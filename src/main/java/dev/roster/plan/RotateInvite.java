package dev.roster.plan;

/** Revoke the group's invite link, so that people just removed cannot rejoin through the old one. */
public record RotateInvite() implements Change {
    @Override
    public Action action() {
        return Action.ROTATE_INVITE;
    }
}
