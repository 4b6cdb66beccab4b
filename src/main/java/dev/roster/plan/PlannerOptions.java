package dev.roster.plan;

import dev.roster.model.BotId;
import dev.roster.model.Capabilities;
import java.util.Objects;
import java.util.function.Function;

/**
 * @param prune        remove unmanaged live groups from the bot (setting {@code reconcile.prune}): leave them where
 *                     the provider can leave, delete them where it can only delete and {@code pruneDeletes} is on
 * @param removalGuard the guard apply will enforce; the plan marks the groups it refuses
 * @param capabilities what each bot's provider can do
 * @param pruneDeletes prune may delete groups on a provider without leave (setting {@code reconcile.pruneDeletes});
 *                     otherwise their unmanaged groups are only reported
 * @param sendInvites  bots whose provider can send invite messages send them to pending people (setting
 *                     {@code invites.send})
 */
public record PlannerOptions(boolean prune, RemovalGuard removalGuard, Function<BotId, Capabilities> capabilities,
        boolean pruneDeletes, boolean sendInvites) {

    /** Every bot on the v1 API with its default subject limit. */
    public static final Function<BotId, Capabilities> ALL_SINCH = bot -> Capabilities.sinch(25);

    public PlannerOptions {
        Objects.requireNonNull(removalGuard, "removalGuard");
        Objects.requireNonNull(capabilities, "capabilities");
    }

    /** Every bot on the v1 API. */
    public PlannerOptions(boolean prune, RemovalGuard removalGuard) {
        this(prune, removalGuard, ALL_SINCH, false, false);
    }

    /** Without a removal guard (tests and benchmarks of the planner alone). */
    public PlannerOptions(boolean prune) {
        this(prune, RemovalGuard.NONE);
    }

    public static PlannerOptions defaults() {
        return new PlannerOptions(false);
    }

    /** These options with prune set to {@code value}. */
    public PlannerOptions withPrune(boolean value) {
        return new PlannerOptions(value, removalGuard, capabilities, pruneDeletes, sendInvites);
    }

    /** These options with other capabilities per bot. */
    public PlannerOptions withCapabilities(Function<BotId, Capabilities> value) {
        return new PlannerOptions(prune, removalGuard, value, pruneDeletes, sendInvites);
    }
}
