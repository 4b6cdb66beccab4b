package dev.roster.model;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A group as the API reports it: what roster compares. The API's other fields (its creation time) are not read.
 */
public record LiveGroup(GroupId id, String subject, Msisdn creator, Set<Msisdn> admins, Set<Msisdn> members) {

    public LiveGroup {
        Objects.requireNonNull(id, "id");
        subject = subject == null ? "" : subject;
        admins = NumberSet.copyOf(admins);
        members = NumberSet.copyOf(members);
    }

    /** Everyone in the group: members, admins and the creator. */
    public SortedSet<Msisdn> participants() {
        SortedSet<Msisdn> all = new TreeSet<>(members);
        all.addAll(admins);
        if (creator != null) {
            all.add(creator);
        }
        return Collections.unmodifiableSortedSet(all);
    }

    public boolean isParticipant(Msisdn number) {
        return members.contains(number) || admins.contains(number) || number.equals(creator);
    }
}
