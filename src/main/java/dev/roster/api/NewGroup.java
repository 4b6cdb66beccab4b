package dev.roster.api;

import dev.roster.model.JoinApproval;
import java.util.Objects;

/**
 * A group to create.
 *
 * @param description  its description, or null for none
 * @param joinApproval its join approval mode, or null for the provider's default
 */
public record NewGroup(String subject, String description, JoinApproval joinApproval) {
    public NewGroup {
        Objects.requireNonNull(subject, "subject");
    }
}
