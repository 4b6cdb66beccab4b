package dev.roster.plan;

import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.GroupSpec;
import dev.roster.model.LiveGroup;
import dev.roster.model.Msisdn;
import dev.roster.model.SourceLocation;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The plan for one declared group, or for one unmanaged group the bot is to leave or delete (then {@code key}
 * and {@code spec} are null and the only change is {@link LeaveGroup} or {@link DeleteGroup}).
 *
 * @param groupId         the live group, or null when it is to be created
 * @param live            the live group as read, or null when it is to be created; a group the provider
 *                        {@linkplain LiveGroup#suspended() suspended} has no changes
 * @param changes         empty when the group has converged; kept in apply order ({@link Action} order), whatever
 *                        order they are given in
 * @param pending         declared participants who are not live participants: they can only join by
 *                        invite link, so they are not a change
 * @param pendingAdmins   the pending people declared as admin, promoted on a later run after joining
 * @param refused         why apply will refuse this group ({@link RemovalGuard}), or null
 */
public record GroupPlan(
        BotId bot,
        String key,
        GroupSpec spec,
        GroupId groupId,
        LiveGroup live,
        List<Change> changes,
        SortedSet<Msisdn> pending,
        SortedSet<Msisdn> pendingAdmins,
        String refused) {

    public GroupPlan {
        Objects.requireNonNull(bot, "bot");
        changes = Change.inApplyOrder(changes);
        pending = Collections.unmodifiableSortedSet(new TreeSet<>(pending));
        pendingAdmins = Collections.unmodifiableSortedSet(new TreeSet<>(pendingAdmins));
    }

    /** A plan that no guard refuses. */
    public GroupPlan(BotId bot, String key, GroupSpec spec, GroupId groupId, LiveGroup live, List<Change> changes,
            SortedSet<Msisdn> pending, SortedSet<Msisdn> pendingAdmins) {
        this(bot, key, spec, groupId, live, changes, pending, pendingAdmins, null);
    }

    /** This plan, marked as refused by {@code guard} when it removes more than the guard allows. */
    public GroupPlan guardedBy(RemovalGuard guard) {
        if (live == null) {
            return this;
        }
        int removals = change(RemoveMembers.class).map(r -> r.numbers().size()).orElse(0);
        String why = guard.refusal(bot, key, removals, live.participants().size());
        return why == null ? this : new GroupPlan(bot, key, spec, groupId, live, changes, pending, pendingAdmins, why);
    }

    public boolean isRefused() {
        return refused != null;
    }

    /**
     * {@link LiveFingerprint#of} the live group this plan was made against, or null for a group to create. Worked
     * out on demand: only a saved plan needs it.
     */
    public String liveFingerprint() {
        return live == null ? null : LiveFingerprint.of(live);
    }

    public boolean hasChanges() {
        return !changes.isEmpty();
    }

    public boolean isCreate() {
        return changes.stream().anyMatch(c -> c instanceof CreateGroup);
    }

    public boolean isLeave() {
        return changes.stream().anyMatch(c -> c instanceof LeaveGroup);
    }

    public boolean isDelete() {
        return changes.stream().anyMatch(c -> c instanceof DeleteGroup);
    }

    /** The provider suspended the live group: no write to it can succeed, so the plan has none. */
    public boolean isSuspended() {
        return live != null && live.suspended();
    }

    /** Where the group is declared, or null for an unmanaged group. */
    public SourceLocation location() {
        return spec == null ? null : spec.location();
    }

    /** The changes of one kind (at most one per group). */
    public <T extends Change> java.util.Optional<T> change(Class<T> type) {
        return changes.stream().filter(type::isInstance).map(type::cast).findFirst();
    }
}
