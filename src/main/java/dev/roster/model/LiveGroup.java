package dev.roster.model;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A group as the API reports it: what roster compares. The API's other fields (its creation time) are not read.
 *
 * @param description  the group's description, or null where the provider has none
 * @param joinApproval the group's join approval mode, or null where the provider has none
 * @param suspended    the provider has suspended the group: no write to it can succeed
 * @param joinRequests the requests to join that wait for approval, sorted by number
 */
public record LiveGroup(GroupId id, String subject, Msisdn creator, Set<Msisdn> admins, Set<Msisdn> members,
        String description, JoinApproval joinApproval, boolean suspended, List<JoinRequest> joinRequests) {

    public LiveGroup {
        Objects.requireNonNull(id, "id");
        subject = subject == null ? "" : subject;
        admins = NumberSet.copyOf(admins);
        members = NumberSet.copyOf(members);
        joinRequests = joinRequests == null || joinRequests.isEmpty() ? List.of()
                : joinRequests.stream().sorted().toList();
    }

    /** A group of a provider without descriptions, join approval or suspension (the v1 API). */
    public LiveGroup(GroupId id, String subject, Msisdn creator, Set<Msisdn> admins, Set<Msisdn> members) {
        this(id, subject, creator, admins, members, null, null, false, List.of());
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
