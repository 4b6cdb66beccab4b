package dev.roster.plan;

import java.util.Objects;

/** Change a group's description from its live one to the declared one (empty: no description). */
public record SetDescription(String from, String to) implements Change {
    public SetDescription {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    @Override
    public Action action() {
        return Action.SET_DESCRIPTION;
    }
}
