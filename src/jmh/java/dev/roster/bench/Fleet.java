package dev.roster.bench;

import dev.roster.model.BotId;
import dev.roster.model.DesiredState;
import dev.roster.model.GroupId;
import dev.roster.model.GroupSpec;
import dev.roster.model.LiveBot;
import dev.roster.model.LiveGroup;
import dev.roster.model.LiveState;
import dev.roster.model.Membership;
import dev.roster.model.Msisdn;
import dev.roster.model.SourceLocation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A synthetic fleet for benchmarks: one bot, {@code groups} groups of {@value #PARTICIPANTS} participants
 * each, or fewer when asked for (the bot as creator, {@value #ADMINS} declared admins, the rest members), declared
 * without {@code id} so that every group is matched by subject, as in the worst case for reading and planning.
 *
 * <p>Drift, when asked for: every {@value #DRIFT_EVERY}-th group has {@value #EXTRA_MEMBERS} undeclared live
 * members (one {@code remove_members} of two calls, one {@code rotate_invite}), and every
 * {@value #RENAME_EVERY}-th group still has its previous subject (one {@code set_subject}).
 *
 * <p>Numbers are valid Swedish mobile numbers: participant {@code j} of group {@code i} is number
 * {@code k = i * 256 + j}, written {@code +4670}, {@code +4672} or {@code +4673} (by {@code k / 10^7}) and seven
 * digits, so every number is distinct up to 117,187 groups; undeclared members are {@code +4679...}; the bot is
 * {@code +46769999999}.
 */
public final class Fleet {
    public static final BotId BOT = BotId.of("46769999999");
    public static final int PARTICIPANTS = 256;
    public static final int ADMINS = 2;
    public static final int DRIFT_EVERY = 100;
    public static final int EXTRA_MEMBERS = 25;
    public static final int RENAME_EVERY = 200;
    private static final long FIRST_SECOND = 1_700_000_000L;
    /** Swedish mobile ranges 070, 072, 073 (valid numbers, as the YAML loader checks), ten million each. */
    private static final String MOBILE_PREFIXES = "023";

    private final int groups;
    private final int participants;

    public Fleet(int groups) {
        this(groups, PARTICIPANTS);
    }

    /** {@code participants} per group, the bot included ({@value #ADMINS} + 2 to {@value #PARTICIPANTS}). */
    public Fleet(int groups, int participants) {
        if (participants < ADMINS + 2 || participants > PARTICIPANTS) {
            throw new IllegalArgumentException("participants must be " + (ADMINS + 2) + " to " + PARTICIPANTS
                    + ", got " + participants);
        }
        this.groups = groups;
        this.participants = participants;
    }

    public int groups() {
        return groups;
    }

    public static String key(int i) {
        return "team-" + i;
    }

    public static String subject(int i) {
        return "Team " + i;
    }

    public static String previousSubject(int i) {
        return "Old team " + i;
    }

    public static GroupId id(int i) {
        return GroupId.of("group:" + BOT.value() + "-" + (FIRST_SECOND + i));
    }

    /** Declared participant {@code j} (0 .. 254) of group {@code i}; the bot is the last participant. */
    public static Msisdn number(int i, int j) {
        long k = (long) i * PARTICIPANTS + j;
        return new Msisdn(String.format("+467%c%07d", MOBILE_PREFIXES.charAt((int) (k / 10_000_000)), k % 10_000_000));
    }

    /** An undeclared live member of a drifted group (numbers from a range no declared number uses). */
    public static Msisdn stranger(int i, int k) {
        return new Msisdn(String.format("+4679%07d", (long) i * EXTRA_MEMBERS + k));
    }

    public static boolean drifted(int i) {
        return i % DRIFT_EVERY == DRIFT_EVERY - 1;
    }

    public static boolean renamed(int i) {
        return i % RENAME_EVERY == RENAME_EVERY - 2;
    }

    public Set<Msisdn> admins(int i) {
        Set<Msisdn> admins = new LinkedHashSet<>();
        for (int j = 0; j < ADMINS; j++) {
            admins.add(number(i, j));
        }
        return admins;
    }

    public Set<Msisdn> members(int i) {
        Set<Msisdn> members = new LinkedHashSet<>();
        for (int j = ADMINS; j < participants - 1; j++) {
            members.add(number(i, j));
        }
        return members;
    }

    public GroupSpec spec(int i) {
        return new GroupSpec(BOT, key(i), subject(i), null, List.of(previousSubject(i)), admins(i), members(i),
                Membership.EXACT, false, new SourceLocation("bench.yaml", 3 + i, 3));
    }

    public DesiredState desired() {
        List<GroupSpec> specs = new ArrayList<>(groups);
        for (int i = 0; i < groups; i++) {
            specs.add(spec(i));
        }
        return new DesiredState(specs);
    }

    /** When live group {@code i} was created (one second apart, as its id says). */
    public Instant created(int i) {
        return Instant.ofEpochSecond(FIRST_SECOND + i);
    }

    /** The live group: converged, or with the drift described above when {@code drift} is on. */
    public LiveGroup live(int i, boolean drift) {
        Msisdn bot = new Msisdn("+" + BOT.value());
        Set<Msisdn> admins = new LinkedHashSet<>(admins(i));
        admins.add(bot);
        Set<Msisdn> members = members(i);
        String subject = subject(i);
        if (drift && drifted(i)) {
            for (int k = 0; k < EXTRA_MEMBERS; k++) {
                members.add(stranger(i, k));
            }
        }
        if (drift && renamed(i)) {
            subject = previousSubject(i);
        }
        return new LiveGroup(id(i), subject, bot, admins, members);
    }

    public LiveState live(boolean drift) {
        List<GroupId> listed = new ArrayList<>(groups);
        Map<GroupId, LiveGroup> read = new LinkedHashMap<>();
        for (int i = 0; i < groups; i++) {
            LiveGroup g = live(i, drift);
            listed.add(g.id());
            read.put(g.id(), g);
        }
        return new LiveState(Map.of(BOT, new LiveBot(BOT, listed, read)));
    }

    /** Groups with a drift when {@code drift} is on: those with strangers, and those renamed. */
    public int driftedGroups() {
        int n = 0;
        for (int i = 0; i < groups; i++) {
            if (drifted(i) || renamed(i)) {
                n++;
            }
        }
        return n;
    }
}
