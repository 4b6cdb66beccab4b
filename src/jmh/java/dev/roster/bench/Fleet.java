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
 * A synthetic fleet for benchmarks: {@code groups} groups over one bot or more, of {@value #PARTICIPANTS}
 * participants each unless told otherwise (the bot as creator, {@value #ADMINS} declared admins, the rest
 * members), declared without {@code id} so that every group is matched by subject, as in the worst case for
 * reading and planning. With several bots, group {@code i} belongs to bot {@code i % bots}.
 *
 * <p>Drift, when asked for: every {@value #DRIFT_EVERY}-th group has {@value #EXTRA_MEMBERS} undeclared live
 * members (one {@code remove_members} of two calls, one {@code rotate_invite}), and every
 * {@value #RENAME_EVERY}-th group still has its previous subject (one {@code set_subject}).
 *
 * <p>Numbers are valid Swedish mobile numbers: participant {@code j} of group {@code i} is number
 * {@code k = i * participants + j}, written {@code +4670}, {@code +4672} or {@code +4673} (by {@code k / 10^7}) and
 * seven digits, so every number is distinct up to 30 million participants (117,187 groups of 256); undeclared
 * members are {@code +4679...}; the first bot is {@code +46769999999}, the next {@code +46769999998}, and so on.
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

    private static final long NUMBERS = 30_000_000L;

    private final int groups;
    private final List<BotId> bots;
    private final int participants;

    /** One bot, {@value #PARTICIPANTS} participants per group. */
    public Fleet(int groups) {
        this(groups, 1, PARTICIPANTS);
    }

    /**
     * @param bots         how many bots share the groups (at most 1,000)
     * @param participants per group, the bot included: at least {@value #ADMINS} + 2 (the bot, the admins, a member)
     */
    public Fleet(int groups, int bots, int participants) {
        if (bots < 1 || bots > 1_000 || participants < ADMINS + 2 || (long) groups * participants > NUMBERS) {
            throw new IllegalArgumentException("a fleet has 1 to 1,000 bots, at least " + (ADMINS + 2)
                    + " participants per group and at most " + NUMBERS + " participants in all");
        }
        this.groups = groups;
        List<BotId> ids = new ArrayList<>(bots);
        for (int b = 0; b < bots; b++) {
            ids.add(BotId.of(String.valueOf(Long.parseLong(BOT.value()) - b)));
        }
        this.bots = List.copyOf(ids);
        this.participants = participants;
    }

    public int groups() {
        return groups;
    }

    public List<BotId> bots() {
        return bots;
    }

    public int participants() {
        return participants;
    }

    /** The bot of group {@code i}. */
    public BotId bot(int i) {
        return bots.get(i % bots.size());
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

    public GroupId id(int i) {
        return GroupId.of("group:" + bot(i).value() + "-" + (FIRST_SECOND + i));
    }

    /** Declared participant {@code j} (0 .. 254) of group {@code i} of a fleet of {@value #PARTICIPANTS}. */
    public static Msisdn number(int i, int j) {
        return numberAt((long) i * PARTICIPANTS + j);
    }

    /** Declared participant {@code j} (0 .. participants - 2) of group {@code i}; the bot is the last. */
    public Msisdn participant(int i, int j) {
        return numberAt((long) i * participants + j);
    }

    private static Msisdn numberAt(long k) {
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
            admins.add(participant(i, j));
        }
        return admins;
    }

    public Set<Msisdn> members(int i) {
        Set<Msisdn> members = new LinkedHashSet<>();
        for (int j = ADMINS; j < participants - 1; j++) {
            members.add(participant(i, j));
        }
        return members;
    }

    public GroupSpec spec(int i) {
        return new GroupSpec(bot(i), key(i), subject(i), null, List.of(previousSubject(i)), admins(i), members(i),
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
        Msisdn bot = new Msisdn("+" + bot(i).value());
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

    /** Declared admins of a group of {@code numbersPerGroup} declared numbers, as {@link DesiredFiles} writes it. */
    static int declaredAdmins(int numbersPerGroup) {
        return Math.min(ADMINS, Math.max(1, numbersPerGroup / 2));
    }

    /**
     * Live group {@code i}, converged with the desired state {@link DesiredFiles} writes with {@code numbersPerGroup}
     * declared numbers (fewer than the fleet's {@value #PARTICIPANTS}): those numbers and the bot.
     */
    public LiveGroup live(int i, int numbersPerGroup) {
        Msisdn bot = new Msisdn("+" + BOT.value());
        int admins = declaredAdmins(numbersPerGroup);
        Set<Msisdn> admin = new LinkedHashSet<>();
        for (int j = 0; j < admins; j++) {
            admin.add(number(i, j));
        }
        admin.add(bot);
        Set<Msisdn> members = new LinkedHashSet<>();
        for (int j = admins; j < numbersPerGroup; j++) {
            members.add(number(i, j));
        }
        return new LiveGroup(id(i), subject(i), bot, admin, members);
    }

    public LiveState live(boolean drift) {
        Map<BotId, LiveBot> state = new LinkedHashMap<>();
        for (int b = 0; b < bots.size(); b++) {
            List<GroupId> listed = new ArrayList<>();
            Map<GroupId, LiveGroup> read = new LinkedHashMap<>();
            for (int i = b; i < groups; i += bots.size()) {
                LiveGroup g = live(i, drift);
                listed.add(g.id());
                read.put(g.id(), g);
            }
            state.put(bots.get(b), new LiveBot(bots.get(b), listed, read));
        }
        return new LiveState(state);
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
