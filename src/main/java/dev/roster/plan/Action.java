package dev.roster.plan;

import java.util.Locale;

/**
 * The kinds of change roster makes. The declaration order is the order in which the applier runs a
 * group's changes (DESIGN.md, "Changes").
 */
public enum Action {
    CREATE_GROUP,
    SET_SUBJECT,
    REMOVE_MEMBERS,
    ROTATE_INVITE,
    REMOVE_ADMINS,
    ADD_ADMINS,
    LEAVE_GROUP;

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
