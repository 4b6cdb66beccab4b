package dev.roster.model;

import java.util.Locale;

/**
 * Whether people who open a group's invite link join at once or ask to join (YAML {@code joinApproval}; the Cloud
 * API's {@code join_approval_mode}).
 */
public enum JoinApproval {
    /** Each join is a request the business approves or rejects: {@code approval_required}. */
    REQUIRED("approval_required"),
    /** Whoever has the link joins: {@code auto_approve}. */
    AUTO("auto_approve");

    private final String cloudName;

    JoinApproval(String cloudName) {
        this.cloudName = cloudName;
    }

    /** The spelling in the YAML files and plans: {@code required}, {@code auto}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Cloud API's spelling: {@code approval_required}, {@code auto_approve}. */
    public String cloudName() {
        return cloudName;
    }

    /** The mode spelled {@code name} in YAML or by the Cloud API, or null for anything else. */
    public static JoinApproval parse(String name) {
        for (JoinApproval j : values()) {
            if (j.yamlName().equals(name) || j.cloudName.equals(name)) {
                return j;
            }
        }
        return null;
    }
}
