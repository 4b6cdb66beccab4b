package dev.roster.plan;

import dev.roster.model.Msisdn;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SortedSet;

/** One write that a plan asks for, on one group. Records in this package; data only. */
public sealed interface Change
        permits CreateGroup, SetSubject, SetDescription, RemoveMembers, RotateInvite, RemoveAdmins, AddAdmins, LeaveGroup,
        DeleteGroup, ApproveJoinRequests, RejectJoinRequests, SendInvites {

    Action action();

    /**
     * The people the change is about: removed, demoted or promoted; empty for changes about the group
     * itself. {@link RemoveMembers}, {@link RemoveAdmins} and {@link AddAdmins} override it with their own.
     */
    default SortedSet<Msisdn> numbers() {
        return Collections.emptySortedSet();
    }

    /** {@code changes} sorted by {@link Action} order, the order the applier runs them in; unmodifiable. */
    static List<Change> inApplyOrder(List<Change> changes) {
        if (changes.size() < 2) {
            return List.copyOf(changes);
        }
        List<Change> sorted = new ArrayList<>(changes);
        sorted.sort(Comparator.comparing(Change::action));
        return List.copyOf(sorted);
    }
}
