package dev.roster.apply;

import dev.roster.plan.RemovalGuard;
import java.util.Objects;

/**
 * @param maxConcurrency groups applied at once
 * @param removalGuard   refuses a group whose plan removes more than its share of the participants
 * @param prune          whether leaving unmanaged groups is allowed at all
 * @param commit         the git commit the desired state came from, for the audit log; may be null
 */
public record ApplyOptions(int maxConcurrency, RemovalGuard removalGuard, boolean prune, String commit) {
    public ApplyOptions {
        Objects.requireNonNull(removalGuard, "removalGuard");
    }

    /** With the removal guard of {@code reconcile.maxRemovalPercent} alone. */
    public ApplyOptions(int maxConcurrency, int maxRemovalPercent, boolean prune, String commit) {
        this(maxConcurrency, RemovalGuard.of(maxRemovalPercent), prune, commit);
    }
}
