package dev.roster.plan;

/** One write that a plan asks for, on one group. Records in this package; data only. */
public sealed interface Change
        permits CreateGroup, SetSubject, RemoveMembers, RotateInvite, RemoveAdmins, AddAdmins, LeaveGroup {

    Action action();
}
