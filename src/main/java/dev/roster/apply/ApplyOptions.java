package dev.roster.apply;

import dev.roster.api.InviteTemplate;
import dev.roster.plan.RemovalGuard;
import java.time.Duration;
import java.util.Objects;

/**
 * @param maxConcurrency groups applied at once
 * @param removalGuard   refuses a group whose plan removes more than its share of the participants
 * @param prune          whether leaving unmanaged groups is allowed at all
 * @param commit         the git commit the desired state came from, for the audit log; may be null
 * @param pruneDeletes   whether prune may delete unmanaged groups where the provider cannot leave them
 * @param createTimeout  how long a create answered with a request id is waited for (the group to appear)
 * @param invites        the template of invite messages, or null when none are sent
 * @param inviteDailyCap most invite messages per bot per day (UTC)
 */
public record ApplyOptions(int maxConcurrency, RemovalGuard removalGuard, boolean prune, String commit,
        boolean pruneDeletes, Duration createTimeout, InviteTemplate invites, int inviteDailyCap) {

    public static final Duration DEFAULT_CREATE_TIMEOUT = Duration.ofSeconds(60);

    public ApplyOptions {
        Objects.requireNonNull(removalGuard, "removalGuard");
        createTimeout = createTimeout == null ? DEFAULT_CREATE_TIMEOUT : createTimeout;
    }

    /** Without deletes or invite messages. */
    public ApplyOptions(int maxConcurrency, RemovalGuard removalGuard, boolean prune, String commit) {
        this(maxConcurrency, removalGuard, prune, commit, false, DEFAULT_CREATE_TIMEOUT, null, 0);
    }

    /** With the removal guard of {@code reconcile.maxRemovalPercent} alone. */
    public ApplyOptions(int maxConcurrency, int maxRemovalPercent, boolean prune, String commit) {
        this(maxConcurrency, RemovalGuard.of(maxRemovalPercent), prune, commit);
    }
}
