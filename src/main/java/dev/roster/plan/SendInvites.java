package dev.roster.plan;

import dev.roster.model.Msisdn;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Send the group's invite link to these pending people as a message (setting {@code invites.send}). The applier
 * sends each person one message per link: people already sent the current link are skipped, as are those past
 * the daily cap. Never empty.
 */
public record SendInvites(SortedSet<Msisdn> numbers) implements Change {
    public SendInvites {
        numbers = Collections.unmodifiableSortedSet(new TreeSet<>(numbers));
        if (numbers.isEmpty()) {
            throw new IllegalArgumentException("SEND_INVITES needs at least one number");
        }
    }

    @Override
    public Action action() {
        return Action.SEND_INVITES;
    }
}
