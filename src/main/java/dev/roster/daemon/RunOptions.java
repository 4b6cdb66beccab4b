package dev.roster.daemon;

import dev.roster.api.InviteTemplate;
import dev.roster.apply.ApplyLedger;
import dev.roster.apply.ApplyOptions;
import dev.roster.config.RosterSettings;
import dev.roster.plan.PlannerOptions;
import dev.roster.plan.RemovalGuard;
import java.nio.file.Path;

/** The planner's and the applier's options as the settings give them, the same for commands and the daemon. */
public final class RunOptions {
    private RunOptions() {
    }

    /** Prune, the removal guard, each bot's provider capabilities, deletes and invite messages. */
    public static PlannerOptions planner(RosterSettings settings, RemovalGuard guard) {
        return new PlannerOptions(settings.reconcile().prune(), guard, settings::capabilitiesOf,
                settings.reconcile().pruneDeletes(), settings.invites().send());
    }

    /** The applier's guards, the create timeout and the invite template (null when invites are off). */
    public static ApplyOptions applier(RosterSettings settings, RemovalGuard guard, String commit) {
        RosterSettings.Invites invites = settings.invites();
        return new ApplyOptions(settings.api().maxConcurrency(), guard, settings.reconcile().prune(), commit,
                settings.reconcile().pruneDeletes(), settings.api().cloud().createTimeout(),
                invites.send() ? new InviteTemplate(invites.template(), invites.language()) : null,
                invites.dailyCap());
    }

    /** The ledger of creates in flight and invites sent: {@code ledger/} beside the audit log. */
    public static ApplyLedger ledger(RosterSettings settings) {
        Path audit = settings.audit().file().toAbsolutePath();
        return ApplyLedger.in(audit.getParent().resolve("ledger"));
    }
}
