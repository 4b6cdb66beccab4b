package dev.roster.simulator;

import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.LiveGroup;
import dev.roster.model.Msisdn;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulator's groups, per bot, in memory. Thread-safe: bots live in concurrent maps and each group is
 * changed under its own lock, so requests on different groups never wait for each other.
 *
 * <p>The model follows the Sinch v1 API: a group has a creator (the bot that created it), admins and
 * members. <b>{@code members} holds only participants who are not admins</b>; the creator is an admin. A
 * promoted member moves from members to admins, a demoted admin moves back to members. People cannot be
 * added by the bot; they {@link #join} as if through the invite link. A group the bot has {@link #leave left}
 * is gone for that bot.
 *
 * <p>The methods that mirror API writes apply the API's rules and throw {@link SimulatorRejection} (400 or
 * 404, and 401 for an unknown bot) exactly when the API would answer with that status. The rules on the
 * shape of a request (1 to 20 numbers, malformed bodies) belong to the HTTP layer, so tests can set up
 * drift here with any number of people.
 */
public final class SimulatorState {
    /** The longest subject the API accepts, in characters. */
    public static final int MAX_SUBJECT_LENGTH = 25;

    private static final String INVITE_PREFIX = "https://chat.whatsapp.com/";
    private static final String INVITE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final ConcurrentMap<BotId, BotGroups> bots = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Random inviteRandom;
    private final Stats stats = new Stats();
    private final CloudGroups cloud;

    public SimulatorState() {
        this(Clock.systemUTC(), 1);
    }

    /** @param seed seeds the invite links, so a single-threaded run is repeatable */
    public SimulatorState(Clock clock, long seed) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.inviteRandom = new Random(seed ^ 0x5DEECE66DL);
        this.cloud = new CloudGroups(clock);
    }

    /** Makes {@code bot} known (its token is the simulator's token). Adding a known bot changes nothing. */
    public void addBot(BotId bot) {
        bots.computeIfAbsent(bot, BotGroups::new);
    }

    public boolean hasBot(BotId bot) {
        return bots.containsKey(bot);
    }

    /** The known bots, sorted. */
    public List<BotId> bots() {
        return bots.keySet().stream().sorted().toList();
    }

    /**
     * Creates a group as the API would: the bot is creator and only admin. Ids are
     * {@code group:<bot>-<epochSeconds>}, bumped by one second when needed so that they stay unique.
     */
    public GroupId createGroup(BotId bot, String subject) {
        requireValidSubject(subject);
        BotGroups owner = bot(bot);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        long seconds = owner.nextSeconds(now.getEpochSecond());
        GroupId id = GroupId.of("group:" + bot.value() + "-" + seconds);
        Msisdn creator = botNumber(bot);
        SimGroup group = new SimGroup(id, subject, creator, now);
        group.admins.add(creator);
        owner.groups.put(id, group);
        return id;
    }

    /** The ids of the groups the bot is in, sorted. */
    public List<GroupId> groupIds(BotId bot) {
        return List.copyOf(bot(bot).groups.keySet());
    }

    /** A snapshot of one group, or empty when the bot is unknown or not in it. */
    public Optional<LiveGroup> group(BotId bot, GroupId id) {
        BotGroups owner = bots.get(bot);
        SimGroup group = owner == null ? null : owner.groups.get(id);
        return group == null ? Optional.empty() : Optional.of(group.snapshot());
    }

    /** Snapshots of every group the bot is in, sorted by id. */
    public List<LiveGroup> groups(BotId bot) {
        BotGroups owner = bots.get(bot);
        if (owner == null) {
            return List.of();
        }
        return owner.groups.values().stream().map(SimGroup::snapshot).toList();
    }

    /** PATCH group: changes the subject, with the API's validation. */
    public void setSubject(BotId bot, GroupId id, String subject) {
        requireValidSubject(subject);
        setSubjectDirect(bot, id, subject);
    }

    /** Changes the subject without validation, e.g. to simulate a rename made in the WhatsApp app. */
    public void setSubjectDirect(BotId bot, GroupId id, String subject) {
        SimGroup group = existing(bot, id);
        synchronized (group) {
            group.subject = Objects.requireNonNull(subject, "subject");
            group.changed();
        }
    }

    /** DELETE group: the bot leaves; the group disappears from its list and later calls on it answer 404. */
    public void leave(BotId bot, GroupId id) {
        BotGroups owner = bot(bot);
        if (owner.groups.remove(id) == null) {
            throw notFound();
        }
    }

    /**
     * Removes participants (members or admins). Numbers that are not participants are ignored. Removing the
     * bot itself or the creator is a validation error, and then nobody is removed.
     *
     * @return the participants removed, in the order given
     */
    public List<Msisdn> remove(BotId bot, GroupId id, Collection<Msisdn> numbers) {
        SimGroup group = existing(bot, id);
        synchronized (group) {
            requireNotProtected(bot, group, numbers, "remove");
            return group.removeAll(numbers);
        }
    }

    /**
     * Simulator only: participants leave the group by themselves, as in the WhatsApp app. Numbers that are not
     * participants are ignored. The bot cannot leave this way (that is {@link #leave}): a validation error, and
     * then nobody leaves.
     *
     * @return the participants who left, in the order given
     */
    public List<Msisdn> depart(BotId bot, GroupId id, Collection<Msisdn> numbers) {
        SimGroup group = existing(bot, id);
        Msisdn self = botNumber(bot);
        synchronized (group) {
            if (numbers.contains(self)) {
                throw SimulatorRejection.validation("The bot " + self.digits() + " leaves through the API");
            }
            return group.removeAll(numbers);
        }
    }

    /** Simulator only: the group ends; like {@link #leave}, it disappears from the bot's list. */
    public void end(BotId bot, GroupId id) {
        leave(bot, id);
    }

    /**
     * Makes participants admins. Each must be a participant already, else nobody is promoted.
     *
     * @return the members who became admins (not those who were admins already)
     */
    public List<Msisdn> promote(BotId bot, GroupId id, Collection<Msisdn> numbers) {
        SimGroup group = existing(bot, id);
        synchronized (group) {
            for (Msisdn n : numbers) {
                if (!group.isParticipant(n)) {
                    throw SimulatorRejection.validation("Number " + n.digits() + " is not a participant of the group");
                }
            }
            List<Msisdn> promoted = new ArrayList<>();
            for (Msisdn n : numbers) {
                if (group.members.remove(n)) {
                    group.admins.add(n);
                    promoted.add(n);
                }
            }
            group.changed();
            return promoted;
        }
    }

    /**
     * Demotes admins to members; numbers that are not admins are ignored. The bot and creator cannot be demoted.
     *
     * @return the admins who became members
     */
    public List<Msisdn> demote(BotId bot, GroupId id, Collection<Msisdn> numbers) {
        SimGroup group = existing(bot, id);
        synchronized (group) {
            requireNotProtected(bot, group, numbers, "demote");
            List<Msisdn> demoted = new ArrayList<>();
            for (Msisdn n : numbers) {
                if (group.admins.remove(n)) {
                    group.members.add(n);
                    demoted.add(n);
                }
            }
            group.changed();
            return demoted;
        }
    }

    /**
     * Simulator only: the numbers join as members, as if through the invite link. Participants stay as they are.
     *
     * @return the numbers who joined (not those who were participants already)
     */
    public List<Msisdn> join(BotId bot, GroupId id, Collection<Msisdn> numbers) {
        SimGroup group = existing(bot, id);
        synchronized (group) {
            List<Msisdn> joined = new ArrayList<>();
            for (Msisdn n : numbers) {
                if (!group.isParticipant(n)) {
                    group.members.add(n);
                    joined.add(n);
                }
            }
            group.changed();
            return joined;
        }
    }

    /** The current invite link, made on first use and stable until {@link #revokeInvite}. */
    public String inviteLink(BotId bot, GroupId id) {
        SimGroup group = existing(bot, id);
        synchronized (group) {
            if (group.invite == null) {
                group.invite = newInviteLink();
            }
            return group.invite;
        }
    }

    /** When the group was created (or, for a group from a state file without {@code created}, loaded). */
    public Instant creationTime(BotId bot, GroupId id) {
        return existing(bot, id).created;
    }

    /** Revokes the invite link; the next {@link #inviteLink} makes a new one. */
    public void revokeInvite(BotId bot, GroupId id) {
        SimGroup group = existing(bot, id);
        synchronized (group) {
            group.invite = null;
        }
    }

    /** Request counters of the HTTP layer. */
    public Stats stats() {
        return stats;
    }

    // ---- for StateFile -------------------------------------------------------------------------------

    /** The groups of the Cloud API dialect, kept apart from the v1 groups (see {@link CloudGroups}). */
    CloudGroups cloud() {
        return cloud;
    }

    /**
     * A group with its creation time (null: the time it is loaded) and invite link (null when none was made yet),
     * as stored in a state file.
     */
    record StoredGroup(LiveGroup group, Instant created, String invite) {}

    /** Every bot and its groups, consistent per group. */
    Map<BotId, List<StoredGroup>> dump() {
        Map<BotId, List<StoredGroup>> all = new LinkedHashMap<>();
        for (BotId bot : bots()) {
            List<StoredGroup> stored = new ArrayList<>();
            BotGroups owner = bots.get(bot);
            if (owner != null) {
                for (SimGroup g : owner.groups.values()) {
                    synchronized (g) {
                        stored.add(new StoredGroup(g.snapshot(), g.created, g.invite));
                    }
                }
            }
            all.put(bot, stored);
        }
        return all;
    }

    /**
     * Adds a group as read from a state file. The creator (the bot when null) is an admin; the bot is made an
     * admin when it is not a participant; members who are also admins count as admins only.
     */
    void restore(BotId bot, StoredGroup stored) {
        LiveGroup g = stored.group();
        BotGroups owner = bots.computeIfAbsent(bot, BotGroups::new);
        Msisdn creator = g.creator() != null ? g.creator() : botNumber(bot);
        Instant created = stored.created() != null ? stored.created() : clock.instant();
        SimGroup group = new SimGroup(g.id(), g.subject(), creator, created);
        group.admins.add(creator);
        group.admins.addAll(g.admins());
        Msisdn self = botNumber(bot);
        if (!group.admins.contains(self) && !g.members().contains(self)) {
            group.admins.add(self);
        }
        for (Msisdn m : g.members()) {
            if (!group.admins.contains(m)) {
                group.members.add(m);
            }
        }
        group.invite = stored.invite();
        owner.noteExistingId(g.id());
        owner.groups.put(g.id(), group);
    }

    // ---- internals -----------------------------------------------------------------------------------

    private BotGroups bot(BotId bot) {
        BotGroups owner = bots.get(bot);
        if (owner == null) {
            throw new SimulatorRejection(401, "Unauthorized bot");
        }
        return owner;
    }

    private SimGroup existing(BotId bot, GroupId id) {
        SimGroup group = bot(bot).groups.get(id);
        if (group == null) {
            throw notFound();
        }
        return group;
    }

    private static SimulatorRejection notFound() {
        return SimulatorRejection.notFound("Group not found");
    }

    private static void requireValidSubject(String subject) {
        if (subject == null || subject.isBlank()) {
            throw SimulatorRejection.validation("Field [subject] can not be empty");
        }
        if (subject.codePointCount(0, subject.length()) > MAX_SUBJECT_LENGTH) {
            throw SimulatorRejection.validation(
                    "Field [subject] can not be longer than " + MAX_SUBJECT_LENGTH + " characters");
        }
    }

    private static void requireNotProtected(BotId bot, SimGroup group, Collection<Msisdn> numbers, String verb) {
        Msisdn self = botNumber(bot);
        for (Msisdn n : numbers) {
            if (n.equals(self) || n.equals(group.creator)) {
                throw SimulatorRejection.validation("Cannot " + verb + " the group creator " + n.digits());
            }
        }
    }

    private static Msisdn botNumber(BotId bot) {
        return Msisdn.parse(bot.value());
    }

    private String newInviteLink() {
        StringBuilder code = new StringBuilder(INVITE_PREFIX);
        synchronized (inviteRandom) {
            for (int i = 0; i < 22; i++) {
                code.append(INVITE_ALPHABET.charAt(inviteRandom.nextInt(INVITE_ALPHABET.length())));
            }
        }
        return code.toString();
    }

    /** One bot's groups, sorted by id, and the last epoch second used in a new group id. */
    private static final class BotGroups {
        final ConcurrentNavigableMap<GroupId, SimGroup> groups = new ConcurrentSkipListMap<>();
        final AtomicLong lastSeconds = new AtomicLong(Long.MIN_VALUE);
        final String idPrefix;

        BotGroups(BotId bot) {
            this.idPrefix = "group:" + bot.value() + "-";
        }

        long nextSeconds(long now) {
            return lastSeconds.updateAndGet(last -> Math.max(now, last + 1));
        }

        void noteExistingId(GroupId id) {
            if (id.value().startsWith(idPrefix)) {
                try {
                    long seconds = Long.parseLong(id.value().substring(idPrefix.length()));
                    lastSeconds.accumulateAndGet(seconds, Math::max);
                } catch (NumberFormatException notOurShape) {
                    // an id of another shape cannot collide with the ones we make
                }
            }
        }
    }

    /** A group's mutable state; guarded by its own monitor. Every change calls {@link #changed()}. */
    private static final class SimGroup {
        final GroupId id;
        final Msisdn creator;
        final Instant created;
        final Set<Msisdn> admins = new LinkedHashSet<>();
        final Set<Msisdn> members = new LinkedHashSet<>();
        String subject;
        String invite;
        /** The last snapshot, while nothing changed since: a read-mostly fleet is not copied on every GET. */
        private LiveGroup snapshot;

        SimGroup(GroupId id, String subject, Msisdn creator, Instant created) {
            this.id = id;
            this.subject = subject;
            this.creator = creator;
            this.created = created;
        }

        boolean isParticipant(Msisdn n) {
            return admins.contains(n) || members.contains(n) || n.equals(creator);
        }

        /** Removes the participants among {@code numbers} (each once); returns them. */
        List<Msisdn> removeAll(Collection<Msisdn> numbers) {
            List<Msisdn> removed = new ArrayList<>();
            for (Msisdn n : numbers) {
                if (members.remove(n) | admins.remove(n)) {
                    removed.add(n);
                }
            }
            changed();
            return removed;
        }

        synchronized LiveGroup snapshot() {
            if (snapshot == null) {
                snapshot = new LiveGroup(id, subject, creator, admins, members);
            }
            return snapshot;
        }

        void changed() {
            snapshot = null;
        }
    }
}
