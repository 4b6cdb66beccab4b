package dev.roster.plan;

import dev.roster.model.Msisdn;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Demote these admins to plain members: those who stay, and those about to be removed (demoted before the invite
 * link is rotated, so they cannot read the new one). Never empty.
 */
public record RemoveAdmins(SortedSet<Msisdn> numbers) implements Change {
    public RemoveAdmins {
        numbers = Collections.unmodifiableSortedSet(new TreeSet<>(numbers));
        if (numbers.isEmpty()) {
            throw new IllegalArgumentException("REMOVE_ADMINS needs at least one number");
        }
    }

    @Override
    public Action action() {
        return Action.REMOVE_ADMINS;
    }
}
