package dev.roster.apply;

import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.Msisdn;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The invite link last written to the audit log per group, so that a process that applies again and again (the
 * daemon, every few seconds) writes a group's link only when it is handed out anew: when the link is new (it was
 * rotated, or this process has not written it yet), when it is handed to someone it was not handed to before, or
 * when the run changed the group. Kept in memory: a new process writes each link once more. Thread-safe.
 */
public final class InviteLinkMemory {
    private final boolean remembers;
    private final Map<Key, Handed> last = new ConcurrentHashMap<>();

    private record Key(BotId bot, GroupId group) {}

    private record Handed(URI link, Set<Msisdn> people) {}

    private InviteLinkMemory(boolean remembers) {
        this.remembers = remembers;
    }

    /** A memory that keeps the links it is told of. */
    public static InviteLinkMemory create() {
        return new InviteLinkMemory(true);
    }

    /** No memory: every link handed out is written (a one-off apply). */
    public static InviteLinkMemory none() {
        return new InviteLinkMemory(false);
    }

    /**
     * Whether handing {@code link} to {@code people} must be written: always without memory; else when the link or
     * someone among {@code people} is new to the group's last written line, or when {@code changed} (the run changed
     * the group).
     */
    boolean mustAudit(BotId bot, GroupId group, URI link, Set<Msisdn> people, boolean changed) {
        if (!remembers || changed) {
            return true;
        }
        Handed before = last.get(new Key(bot, group));
        return before == null || !before.link().equals(link) || !before.people().containsAll(people);
    }

    /** {@code link} was written for {@code people} of the group. */
    void written(BotId bot, GroupId group, URI link, Set<Msisdn> people) {
        if (remembers) {
            last.put(new Key(bot, group), new Handed(link, Set.copyOf(people)));
        }
    }
}
