package dev.roster.plan;

import dev.roster.model.Msisdn;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/** Promote these participants to admin; each is already a participant. Never empty. */
public record AddAdmins(SortedSet<Msisdn> numbers) implements Change {
    public AddAdmins {
        numbers = Collections.unmodifiableSortedSet(new TreeSet<>(numbers));
        if (numbers.isEmpty()) {
            throw new IllegalArgumentException("ADD_ADMINS needs at least one number");
        }
    }

    @Override
    public Action action() {
        return Action.ADD_ADMINS;
    }
}
