package dev.roster.plan;

import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.Msisdn;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One group of a saved plan: what to do to it, and the fingerprint of the live group it was planned
 * against. Before applying, the applier re-reads the group and refuses it as stale when
 * {@link LiveFingerprint#of} the current group differs from {@code liveFingerprint}.
 *
 * @param key             the declared key, null for an unmanaged group to leave
 * @param groupId         null for a group to create
 * @param liveFingerprint null for a group to create
 * @param changes         kept in apply order ({@link Action} order), whatever order they are given in (plans saved
 *                        by rosters before signed plans listed the removals before the rotation)
 */
public record SavedGroupPlan(
        BotId bot,
        String key,
        GroupId groupId,
        String liveFingerprint,
        List<Change> changes,
        SortedSet<Msisdn> pending,
        SortedSet<Msisdn> pendingAdmins) {

    public SavedGroupPlan {
        Objects.requireNonNull(bot, "bot");
        changes = Change.inApplyOrder(changes);
        pending = Collections.unmodifiableSortedSet(new TreeSet<>(pending));
        pendingAdmins = Collections.unmodifiableSortedSet(new TreeSet<>(pendingAdmins));
    }

    public static SavedGroupPlan of(GroupPlan g) {
        return new SavedGroupPlan(g.bot(), g.key(), g.groupId(), g.liveFingerprint(), g.changes(), g.pending(),
                g.pendingAdmins());
    }

    public boolean hasChanges() {
        return !changes.isEmpty();
    }
}
