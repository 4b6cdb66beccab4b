package dev.roster.plan;

import dev.roster.model.JoinApproval;
import java.util.Objects;

/**
 * Create a group with this subject; the bot becomes its creator and only admin.
 *
 * @param description  the description to create it with, or null for none
 * @param joinApproval the join approval mode to create it with, or null for the provider's default
 */
public record CreateGroup(String subject, String description, JoinApproval joinApproval) implements Change {
    public CreateGroup {
        Objects.requireNonNull(subject, "subject");
    }

    /** A group with a subject only. */
    public CreateGroup(String subject) {
        this(subject, null, null);
    }

    @Override
    public Action action() {
        return Action.CREATE_GROUP;
    }
}
