package dev.roster.plan;

import static dev.roster.plan.PlanFixtures.BOT;
import static dev.roster.plan.PlanFixtures.BOT_NUMBER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.model.Capabilities;
import dev.roster.model.DesiredState;
import dev.roster.model.GroupId;
import dev.roster.model.GroupSpec;
import dev.roster.model.LiveBot;
import dev.roster.model.LiveGroup;
import dev.roster.model.LiveState;
import dev.roster.model.Membership;
import dev.roster.model.Msisdn;
import dev.roster.model.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Random desired and live states, a model of the API that applies a plan the way the API would, and the
 * promises that follow: a plan applied once converges, and people who join later only get promoted.
 */
class PlannerPropertiesTest {
    private static final List<String> SUBJECTS = List.of("Alpha", "Beta", "Gamma", "Delta");
    private static final List<Msisdn> PEOPLE = List.of(
            Msisdn.parse("+46732000001"), Msisdn.parse("+46732000002"), Msisdn.parse("+46732000003"),
            Msisdn.parse("+46732000004"), Msisdn.parse("+46732000005"), BOT_NUMBER);

    @Property(tries = 400)
    void applyingAPlanOnceLeavesNothingToChange(@ForAll long seed, @ForAll boolean prune) {
        Random random = new Random(seed);
        DesiredState desired = randomDesired(random);
        LiveState live = randomLive(random);
        PlannerOptions options = new PlannerOptions(prune);

        Plan first = Planner.plan(desired, live, options);
        Plan second = Planner.plan(desired, apply(live, first), options);

        assertThat(second.changedGroups()).isEmpty();
        assertThat(second.problems()).extracting(PlanProblem::key)
                .containsExactlyElementsOf(first.problems().stream().map(PlanProblem::key).toList());
        assertThat(Planner.plan(desired, live, options)).isEqualTo(first);
    }

    @Property(tries = 400)
    void peopleWhoJoinLaterAreOnlyPromotedAsDeclared(@ForAll long seed) {
        Random random = new Random(seed);
        DesiredState desired = randomDesired(random);
        LiveState live = randomLive(random);
        PlannerOptions options = new PlannerOptions(false);
        LiveState applied = apply(live, Planner.plan(desired, live, options));
        Plan beforeJoining = Planner.plan(desired, applied, options);

        Plan afterJoining = Planner.plan(desired, join(applied, beforeJoining), options);

        for (GroupPlan g : afterJoining.groups()) {
            assertThat(g.pending()).isEmpty();
            GroupPlan before = beforeJoining.groups().stream().filter(b -> b.key().equals(g.key())).findFirst()
                    .orElseThrow();
            if (before.pendingAdmins().isEmpty()) {
                assertThat(g.changes()).isEmpty();
            } else {
                assertThat(g.changes()).containsExactly(new AddAdmins(before.pendingAdmins()));
            }
        }
    }

    @Property(tries = 1000)
    void pendingAndRemovalsAreTheDifferenceOfDeclaredAndLiveParticipants(@ForAll long seed) {
        Random random = new Random(seed);
        DesiredState desired = randomDesired(random);
        LiveState live = randomLive(random, desired.groups());

        Plan plan = Planner.plan(desired, live, new PlannerOptions(false));

        for (GroupPlan g : plan.groups()) {
            if (g.live() == null) {
                continue;
            }
            Set<Msisdn> declared = plus(g.spec().members(), g.spec().admins());
            Set<Msisdn> participants = g.live().participants();
            assertThat(g.pending()).isEqualTo(minus(minus(declared, participants), Set.of(BOT_NUMBER)));
            Set<Msisdn> undeclared = minus(minus(participants, declared),
                    plus(Set.of(BOT_NUMBER), Set.of(g.live().creator())));
            Set<Msisdn> removed = g.change(RemoveMembers.class).map(r -> (Set<Msisdn>) r.numbers()).orElse(Set.of());
            assertThat(removed).isEqualTo(g.spec().membership() == Membership.EXACT ? undeclared : Set.of());
        }
    }

    @Property(tries = 1000)
    void plansMadeAheadChangeNothingAndAreTakenForThePairingsThePlannerDecidesOn(@ForAll long seed,
            @ForAll boolean prune, @ForAll boolean cloud) {
        Random random = new Random(seed);
        DesiredState desired = randomDesired(random);
        LiveState live = randomLive(random, desired.groups());
        PlannerOptions options = cloud
                ? new PlannerOptions(prune, RemovalGuard.NONE, bot -> Capabilities.cloud(8), true, true)
                : new PlannerOptions(prune);
        Plan without = Planner.plan(desired, live, options);
        // as the reader guesses: some read groups planned against a random declared group (often not theirs),
        // some against the one the planner matches them to, some both ways, some not at all
        PlansAhead ahead = new PlansAhead(options);
        List<GroupPlan> madeForTheMatch = new ArrayList<>();
        for (LiveGroup g : live.of(BOT).groups().values()) {
            if (!desired.groups().isEmpty() && random.nextBoolean()) {
                ahead.plan(pick(random, desired.groups()), g);
            }
            GroupPlan matched = without.groups().stream()
                    .filter(p -> p.spec() != null && p.live() == g).findFirst().orElse(null);
            if (matched != null && random.nextBoolean()) {
                ahead.plan(matched.spec(), g);
                madeForTheMatch.add(ahead.find(matched.spec(), g, options));
            }
        }

        Plan with = Planner.plan(desired, live, options, ahead);

        assertThat(with).isEqualTo(without);
        for (GroupPlan made : madeForTheMatch) {
            assertThat(with.groups()).anySatisfy(p -> assertThat(p).isSameAs(made));
        }
    }

    private static DesiredState randomDesired(Random random) {
        List<GroupSpec> specs = new ArrayList<>();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            GroupId id = random.nextInt(4) == 0 ? GroupId.of("group:447506616260-" + random.nextInt(6)) : null;
            List<String> previously = random.nextBoolean() ? List.of() : List.of(pick(random, SUBJECTS));
            specs.add(new GroupSpec(BOT, "g" + i, pick(random, SUBJECTS), id, previously, subset(random),
                    subset(random), random.nextBoolean() ? Membership.EXACT : Membership.ADDITIVE, random.nextBoolean(),
                    new SourceLocation("groups/random.yaml", i + 1, 1)));
        }
        return new DesiredState(specs);
    }

    private static LiveState randomLive(Random random) {
        return randomLive(random, List.of());
    }

    /** As above; with {@code specs}, half the groups have the members one of them declares (a converged roster). */
    private static LiveState randomLive(Random random, List<GroupSpec> specs) {
        Map<GroupId, LiveGroup> groups = new TreeMap<>();
        int count = random.nextInt(5);
        for (int i = 0; i < count; i++) {
            GroupId id = GroupId.of("group:447506616260-" + i);
            Msisdn creator = random.nextInt(3) == 0 ? pick(random, PEOPLE) : BOT_NUMBER;
            Set<Msisdn> admins = subset(random);
            admins.add(creator);
            Set<Msisdn> members = !specs.isEmpty() && random.nextBoolean()
                    ? minus(pick(random, specs).members(), admins) : subset(random);
            groups.put(id, new LiveGroup(id, pick(random, SUBJECTS), creator, admins, members));
        }
        return state(new ArrayList<>(groups.keySet()), groups);
    }

    /** What the API would hold after running every change of the plan. */
    static LiveState apply(LiveState live, Plan plan) {
        LiveBot bot = live.of(BOT);
        List<GroupId> listed = new ArrayList<>(bot.listed());
        Map<GroupId, LiveGroup> groups = new TreeMap<>(bot.groups());
        int created = 1000;
        for (GroupPlan g : plan.groups()) {
            LiveGroup group = g.live();
            for (Change c : g.changes()) {
                if (c instanceof CreateGroup create) {
                    group = new LiveGroup(GroupId.of("group:447506616260-" + created++), create.subject(), BOT_NUMBER,
                            Set.of(BOT_NUMBER), Set.of());
                    listed.add(group.id());
                } else if (c instanceof SetSubject s) {
                    assertThat(group.subject()).isEqualTo(s.from());
                    group = with(group, s.to(), group.admins(), group.members());
                } else if (c instanceof RemoveMembers r) {
                    assertThat(group.participants()).containsAll(r.numbers());
                    group = with(group, group.subject(), minus(group.admins(), r.numbers()),
                            minus(group.members(), r.numbers()));
                } else if (c instanceof RemoveAdmins r) {
                    assertThat(group.admins()).containsAll(r.numbers());
                    group = with(group, group.subject(), minus(group.admins(), r.numbers()),
                            plus(group.members(), r.numbers()));
                } else if (c instanceof AddAdmins a) {
                    assertThat(group.participants()).as("only participants can be promoted").containsAll(a.numbers());
                    group = with(group, group.subject(), plus(group.admins(), a.numbers()), group.members());
                } else if (c instanceof LeaveGroup) {
                    listed.remove(group.id());
                    groups.remove(group.id());
                    group = null;
                }
            }
            if (group != null) {
                groups.put(group.id(), group);
            }
        }
        return state(listed, groups);
    }

    /** Every pending person joins through the invite link. */
    static LiveState join(LiveState live, Plan plan) {
        LiveBot bot = live.of(BOT);
        Map<GroupId, LiveGroup> groups = new TreeMap<>(bot.groups());
        for (GroupPlan g : plan.groups()) {
            if (g.live() != null && !g.pending().isEmpty()) {
                groups.put(g.groupId(), with(g.live(), g.live().subject(), g.live().admins(),
                        plus(g.live().members(), g.pending())));
            }
        }
        return state(bot.listed(), groups);
    }

    private static LiveState state(List<GroupId> listed, Map<GroupId, LiveGroup> groups) {
        Map<dev.roster.model.BotId, LiveBot> bots = new LinkedHashMap<>();
        bots.put(BOT, new LiveBot(BOT, listed, groups));
        return new LiveState(bots);
    }

    private static LiveGroup with(LiveGroup g, String subject, Set<Msisdn> admins, Set<Msisdn> members) {
        return new LiveGroup(g.id(), subject, g.creator(), admins, members);
    }

    private static Set<Msisdn> minus(Set<Msisdn> a, Set<Msisdn> b) {
        Set<Msisdn> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }

    private static Set<Msisdn> plus(Set<Msisdn> a, Set<Msisdn> b) {
        Set<Msisdn> out = new TreeSet<>(a);
        out.addAll(b);
        return out;
    }

    private static Set<Msisdn> subset(Random random) {
        Set<Msisdn> out = new TreeSet<>();
        for (Msisdn n : PEOPLE) {
            if (random.nextInt(3) == 0) {
                out.add(n);
            }
        }
        return out;
    }

    private static <T> T pick(Random random, List<T> list) {
        return list.get(random.nextInt(list.size()));
    }
}
