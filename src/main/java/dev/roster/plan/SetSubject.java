package dev.roster.plan;

import java.util.Objects;

/** Rename a group from its live subject to the declared one. */
public record SetSubject(String from, String to) implements Change {
    public SetSubject {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    @Override
    public Action action() {
        return Action.SET_SUBJECT;
    }
}
