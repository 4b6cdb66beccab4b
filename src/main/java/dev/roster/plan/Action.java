package dev.roster.plan;

import java.util.Locale;

/**
 * The kinds of change roster makes. The declaration order is the order in which the applier runs a
 * group's changes ({@link GroupPlan} and {@link SavedGroupPlan} keep their changes in it).
 *
 * <p>The invite link is rotated <em>before</em> anybody is removed, and people to be removed are demoted before
 * that. A removal whose answer is lost, or a process killed at any point, then never leaves a removed person with
 * a valid link: if the removal did not happen, the person is still a participant and the next run rotates again and
 * removes; if it did happen, the link had already been rotated. Demoting first keeps a leaving admin from reading
 * the new link (admins can see it in the app) in the moment between the rotation and the removal.
 *
 * <p>Join requests are settled after the removals, so that a group at its provider's participant limit has room
 * for the people let in; requests turned away go first. Invites go out last among a group's changes, once the
 * link they carry is final.
 */
public enum Action {
    CREATE_GROUP,
    SET_SUBJECT,
    SET_DESCRIPTION,
    REMOVE_ADMINS,
    ROTATE_INVITE,
    REMOVE_MEMBERS,
    REJECT_JOIN_REQUESTS,
    APPROVE_JOIN_REQUESTS,
    ADD_ADMINS,
    SEND_INVITES,
    LEAVE_GROUP,
    DELETE_GROUP;

    /** The spelling used in plan JSON: {@code create_group}, {@code set_subject}, ... */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The action whose {@link #jsonName()} is {@code name}; throws {@link IllegalArgumentException} otherwise. */
    public static Action fromJsonName(String name) {
        for (Action a : values()) {
            if (a.jsonName().equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown action: " + name);
    }
}
