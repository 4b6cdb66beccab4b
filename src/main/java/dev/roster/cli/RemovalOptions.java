package dev.roster.cli;

import dev.roster.config.RosterSettings;
import dev.roster.plan.RemovalGuard;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** {@code --max-removal-percent} and {@code --allow-removal}: the removal guard of the settings, for one run. */
final class RemovalOptions {

    @Option(names = "--max-removal-percent", paramLabel = "N",
            description = "Refuse a group whose plan removes more than N%% of its participants, 0 to 100, for this "
                    + "run (overrides reconcile.maxRemovalPercent).")
    Integer maxRemovalPercent;

    @Option(names = "--allow-removal", paramLabel = "KEY",
            description = "Lift the removal guard for this group (KEY or BOT:KEY) in this run; repeatable.")
    List<String> allowed = List.of();

    RemovalGuard guard(RosterSettings settings) {
        int max = maxRemovalPercent != null ? maxRemovalPercent : settings.reconcile().maxRemovalPercent();
        if (max < 0 || max > 100) {
            throw new UserError("error: --max-removal-percent must be from 0 to 100, not " + max);
        }
        return new RemovalGuard(max, Set.copyOf(allowed));
    }
}
