package dev.roster.plan;

/** One write that a plan asks for, on one group. Records in this package; data only. */
public sealed interface Change
        permits CreateGroup, SetSubject, RemoveMembers, RotateInvite, RemoveAdmins, AddAdmins, LeaveGroup {

    Action action();

    /**
     * The people the change is about: removed, demoted or promoted; empty for changes about the group
     * itself. {@link RemoveMembers}, {@link RemoveAdmins} and {@link AddAdmins} override it with their own.
     */
    default java.util.SortedSet<dev.roster.model.Msisdn> numbers() {
        return java.util.Collections.emptySortedSet();
    }
}
