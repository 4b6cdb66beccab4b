package dev.roster.api;

import java.util.Objects;

/**
 * The approved template message that carries a group's invite link (settings {@code invites.template} and
 * {@code invites.language}); for the Cloud API, Meta's "group invite link" utility template or a copy of it.
 */
public record InviteTemplate(String name, String language) {
    public InviteTemplate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(language, "language");
    }
}
