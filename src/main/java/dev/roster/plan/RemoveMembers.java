package dev.roster.plan;

import dev.roster.model.Msisdn;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Remove these participants from the group. Never empty.
 *
 * @param permanent the provider bars a removed person from joining again by link
 *                  ({@link dev.roster.model.Capabilities#removalBarsRejoin()}): the removal is for good, and no
 *                  invite rotation precedes it
 */
public record RemoveMembers(SortedSet<Msisdn> numbers, boolean permanent) implements Change {
    public RemoveMembers {
        numbers = Collections.unmodifiableSortedSet(new TreeSet<>(numbers));
        if (numbers.isEmpty()) {
            throw new IllegalArgumentException("REMOVE_MEMBERS needs at least one number");
        }
    }

    /** A removal after which the person could rejoin by a link they still hold (hence the rotation before it). */
    public RemoveMembers(SortedSet<Msisdn> numbers) {
        this(numbers, false);
    }

    @Override
    public Action action() {
        return Action.REMOVE_MEMBERS;
    }
}
