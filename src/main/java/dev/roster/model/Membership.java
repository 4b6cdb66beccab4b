package dev.roster.model;

/** How strictly a group's declared people are enforced. */
public enum Membership {
    /** Participants who are not declared are removed. The default. */
    EXACT,
    /** Nobody is ever removed; declared people are only added (by invitation) and promoted. */
    ADDITIVE;

    /** The spelling used in YAML and JSON. */
    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
