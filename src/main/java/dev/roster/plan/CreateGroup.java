package dev.roster.plan;

import java.util.Objects;

/** Create a group with this subject; the bot becomes its creator and only admin. */
public record CreateGroup(String subject) implements Change {
    public CreateGroup {
        Objects.requireNonNull(subject, "subject");
    }

    @Override
    public Action action() {
        return Action.CREATE_GROUP;
    }
}
