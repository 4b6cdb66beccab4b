package dev.roster.model;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One declared group of one bot.
 *
 * @param key        stable key, unique per bot ({@code [a-z0-9][a-z0-9._-]*})
 * @param id         the live group this spec is pinned to, or null to match by subject
 * @param previously earlier subjects, so that a rename is matched as a rename
 * @param admins     declared admins; admins are participants too
 * @param members    declared members (may overlap with admins)
 * @param protect    never leave this group, whatever {@code prune} says
 * @param location   where the group's key was declared
 * @param description  the declared description, or null when roster leaves it alone (providers with
 *                     {@link Capabilities#descriptionMaxLength()} 0 have none)
 * @param joinApproval whether joining needs approval, or null when roster leaves it alone
 */
public record GroupSpec(
        BotId bot,
        String key,
        String subject,
        GroupId id,
        List<String> previously,
        Set<Msisdn> admins,
        Set<Msisdn> members,
        Membership membership,
        boolean protect,
        SourceLocation location,
        String description,
        JoinApproval joinApproval) {

    public GroupSpec {
        Objects.requireNonNull(bot, "bot");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(subject, "subject");
        previously = List.copyOf(previously);
        admins = NumberSet.copyOf(admins);
        members = NumberSet.copyOf(members);
        membership = membership == null ? Membership.EXACT : membership;
    }

    /** A group without a description or join approval of its own (every Sinch group). */
    public GroupSpec(BotId bot, String key, String subject, GroupId id, List<String> previously, Set<Msisdn> admins,
            Set<Msisdn> members, Membership membership, boolean protect, SourceLocation location) {
        this(bot, key, subject, id, previously, admins, members, membership, protect, location, null, null);
    }

    /** This spec pinned to {@code newId}. */
    public GroupSpec withId(GroupId newId) {
        return new GroupSpec(bot, key, subject, newId, previously, admins, members, membership, protect, location,
                description, joinApproval);
    }

    /** Everyone who should be in the group: members and admins. */
    public SortedSet<Msisdn> participants() {
        SortedSet<Msisdn> all = new TreeSet<>(members);
        all.addAll(admins);
        return Collections.unmodifiableSortedSet(all);
    }

    /** The subject and every earlier subject: the names by which a live group can be matched. */
    public List<String> knownSubjects() {
        java.util.ArrayList<String> all = new java.util.ArrayList<>(previously.size() + 1);
        all.add(subject);
        all.addAll(previously);
        return all;
    }
}
