package dev.roster.plan;

import dev.roster.model.Msisdn;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/** Remove these participants from the group. Never empty. */
public record RemoveMembers(SortedSet<Msisdn> numbers) implements Change {
    public RemoveMembers {
        numbers = Collections.unmodifiableSortedSet(new TreeSet<>(numbers));
        if (numbers.isEmpty()) {
            throw new IllegalArgumentException("REMOVE_MEMBERS needs at least one number");
        }
    }

    @Override
    public Action action() {
        return Action.REMOVE_MEMBERS;
    }
}
