package dev.roster.plan;

import dev.roster.model.BotId;
import dev.roster.model.Capabilities;
import dev.roster.model.DesiredState;
import dev.roster.model.GroupId;
import dev.roster.model.GroupSpec;
import dev.roster.model.JoinRequest;
import dev.roster.model.LiveBot;
import dev.roster.model.LiveGroup;
import dev.roster.model.LiveState;
import dev.roster.model.Membership;
import dev.roster.model.Msisdn;
import dev.roster.model.NumberSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Computes a {@link Plan} from the desired and the live state. Pure: no I/O, no clock, no randomness;
 * the same input always yields an equal plan.
 *
 * <h2>Identity, per bot</h2>
 * <ol>
 *   <li>A group with {@code id} is that live group. A pinned id the bot does not list is a
 *       {@link PlanProblem}, never a create. So is an id pinned by two declared groups, or one that was
 *       listed but not read.</li>
 *   <li>Otherwise the live group, not pinned by another declared group, whose subject equals the
 *       declared {@code subject} or one of {@code previously}. Subjects are compared exactly: no trimming,
 *       no case folding (the loader validates declared subjects; a live subject that differs in a space
 *       is a different subject). A subject that two declared groups without {@code id} share (as
 *       {@code subject} or in {@code previously}) is a problem for both: it would make the match ambiguous,
 *       if not now then once the groups exist. So a live group is never the candidate of two declared
 *       groups. A declared group with two or more candidates is a problem that names them and asks for
 *       {@code id:}; when they all carry the same subject it is a duplicate, and the problem says when each was
 *       created (from its id) and which to keep. No candidate: the group is created.</li>
 *   <li>Live groups matched by nothing, and not involved in a problem, are unmanaged. With prune on,
 *       the bot leaves every unmanaged group it has read where its provider can leave
 *       ({@link Capabilities#leave()}); where it cannot, it deletes them if the provider can delete and
 *       {@code reconcile.pruneDeletes} is on, else they are only reported, with one warning per bot. A suspended
 *       group is neither left nor deleted. {@code protect} cannot apply to them (they are
 *       in no file); it matters only in that a declared group is never left. Unmanaged groups that were
 *       listed but not read (the reader reads only pinned groups when every declared group is pinned)
 *       are reported with an unknown subject and never left; with prune on a warning says so.</li>
 * </ol>
 *
 * <h2>Changes, per matched group</h2>
 * What the bot's provider can do ({@link PlannerOptions#capabilities()}) decides what is planned; the planner never
 * asks which provider it is. The bot's protected numbers are the group's creator and the bot's own number
 * ({@link Capabilities#botNumber}, none where a bot id is not a number): they are never removed, never demoted and
 * never pending.
 * <ul>
 *   <li>{@code set_subject} when the live subject differs from the declared one.</li>
 *   <li>{@code set_description} when a description is declared and differs from the live one (none counts as
 *       empty).</li>
 *   <li>{@code remove_admins} ({@code exact} only; {@code additive} neither removes nor demotes): live
 *       admins not declared as admin, those about to be removed included. Only where admins can be changed
 *       ({@link Capabilities#admins()}), like {@code add_admins}; elsewhere nobody is pending as admin.</li>
 *   <li>{@code rotate_invite} exactly when there are removals, before them, unless a removal bars rejoining
 *       ({@link Capabilities#removalBarsRejoin()}): then the removal is marked {@link RemoveMembers#permanent()}.</li>
 *   <li>{@code remove_members} ({@code membership: exact} only): live participants not declared.</li>
 *   <li>{@code reject_join_requests} ({@code exact} only) for requests to join from people not declared, and
 *       {@code approve_join_requests} for those from declared people (who stay pending until they are in).</li>
 *   <li>{@code add_admins}: declared admins who are participants but not admins. Declared admins who
 *       are not participants are pending, and promoted on a later run after joining.</li>
 *   <li>{@code send_invites} to the pending people but those let in by approval, with {@code invites.send} on
 *       where the provider can send them ({@link Capabilities#sendInvites()}).</li>
 * </ul>
 * In this order (see {@link Action}): a removed person never keeps a valid invite link, whatever call's answer is
 * lost and wherever a run is killed, because the link is rotated before each removal is tried.
 *
 * <p>A declared join approval that differs from the live one is a warning: no provider changes it after creation.
 * A group its provider suspended gets no change at all (its pending people are still listed).
 *
 * <p>A group to be created gets {@code create_group}, with its declared description and join approval, and
 * {@code send_invites} as above; everybody declared is pending.
 */
public final class Planner {

    private Planner() {
    }

    public static Plan plan(DesiredState desired, LiveState live, PlannerOptions options) {
        return plan(desired, live, options, new PlansAhead());
    }

    /**
     * As {@link #plan(DesiredState, LiveState, PlannerOptions)}, taking from {@code ahead} the plans made for the
     * pairings it decides on.
     */
    public static Plan plan(DesiredState desired, LiveState live, PlannerOptions options, PlansAhead ahead) {
        SortedSet<BotId> bots = new TreeSet<>(desired.bots());
        bots.addAll(live.bots().keySet());
        List<GroupPlan> groups = new ArrayList<>();
        List<UnmanagedGroup> unmanaged = new ArrayList<>();
        List<PlanProblem> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (BotId bot : bots) {
            new BotPlanner(bot, desired.groupsOf(bot), live.of(bot), options, ahead, groups, unmanaged, problems,
                    warnings).plan();
        }
        return new Plan(groups, unmanaged, problems, warnings, declaredNumbers(desired, options));
    }

    private static SortedSet<Msisdn> declaredNumbers(DesiredState desired, PlannerOptions options) {
        return NumberSet.lazy(() -> allNumbers(desired, options));
    }

    private static List<Msisdn> allNumbers(DesiredState desired, PlannerOptions options) {
        List<Msisdn> numbers = new ArrayList<>();
        Map<BotId, Msisdn> bots = new HashMap<>();
        for (GroupSpec spec : desired.groups()) {
            numbers.addAll(spec.admins());
            numbers.addAll(spec.members());
            Msisdn bot = bots.computeIfAbsent(spec.bot(), b -> options.capabilities().apply(b).botNumber(b));
            if (bot != null) {
                numbers.add(bot);
            }
        }
        return numbers;
    }

    /**
     * The bot id read as a number, or null when it is none: only for what a saved plan shows as declared, where the
     * provider is not known. Planning asks {@link Capabilities#botNumber}.
     */
    static Msisdn botNumber(BotId bot) {
        try {
            return Msisdn.parse(bot.value());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The plan of a declared group matched to a live group (the bot's warnings aside). */
    static GroupPlan planExisting(GroupSpec spec, LiveGroup live, PlannerOptions options) {
        BotId bot = spec.bot();
        Capabilities caps = options.capabilities().apply(bot);
        Msisdn botNumber = caps.botNumber(bot);
        Set<Msisdn> untouchable = new TreeSet<>();
        if (live.creator() != null) {
            untouchable.add(live.creator());
        }
        if (botNumber != null) {
            untouchable.add(botNumber);
        }
        // participants as merged views of sorted sets: a converged group of 256 builds no set at all
        List<NumberSet> declared = List.of(NumberSet.copyOf(spec.members()), NumberSet.copyOf(spec.admins()));
        List<NumberSet> participants = live.creator() == null
                ? List.of(NumberSet.copyOf(live.members()), NumberSet.copyOf(live.admins()))
                : List.of(NumberSet.copyOf(live.members()), NumberSet.copyOf(live.admins()),
                        NumberSet.copyOf(List.of(live.creator())));
        boolean exact = spec.membership() == Membership.EXACT;

        SortedSet<Msisdn> undeclared = new TreeSet<>();
        SortedSet<Msisdn> pending = new TreeSet<>();
        NumberSet.difference(participants, declared, undeclared::add, pending::add);
        undeclared.removeAll(untouchable);
        if (botNumber != null) {
            pending.remove(botNumber);
        }
        SortedSet<Msisdn> removals = new TreeSet<>();
        SortedSet<Msisdn> demotions = new TreeSet<>();
        if (exact) {
            removals = undeclared;
            if (caps.admins()) {
                demotions.addAll(live.admins());
                demotions.removeAll(spec.admins());
                demotions.removeAll(untouchable); // admins about to be removed stay in: demoted before the rotation
            }
        }
        SortedSet<Msisdn> promotions = new TreeSet<>();
        SortedSet<Msisdn> pendingAdmins = new TreeSet<>();
        if (caps.admins()) {
            for (Msisdn admin : spec.admins()) {
                if (live.isParticipant(admin) && !live.admins().contains(admin) && !admin.equals(live.creator())) {
                    promotions.add(admin);
                }
            }
            pendingAdmins.addAll(spec.admins());
            pendingAdmins.retainAll(pending);
        }
        if (live.suspended()) {
            return new GroupPlan(bot, spec.key(), spec, live.id(), live, List.of(), pending, pendingAdmins);
        }

        List<Change> changes = new ArrayList<>();
        if (!live.subject().equals(spec.subject())) {
            changes.add(new SetSubject(live.subject(), spec.subject()));
        }
        String liveDescription = live.description() == null ? "" : live.description();
        if (caps.descriptionMaxLength() > 0 && spec.description() != null
                && !spec.description().equals(liveDescription)) {
            changes.add(new SetDescription(liveDescription, spec.description()));
        }
        if (!demotions.isEmpty()) {
            changes.add(new RemoveAdmins(demotions));
        }
        if (!removals.isEmpty()) {
            if (!caps.removalBarsRejoin()) {
                changes.add(new RotateInvite());
            }
            changes.add(new RemoveMembers(removals, caps.removalBarsRejoin()));
        }
        List<JoinRequest> approvals = new ArrayList<>();
        List<JoinRequest> rejections = new ArrayList<>();
        if (caps.joinApproval()) {
            Set<Msisdn> everyone = spec.participants();
            for (JoinRequest r : live.joinRequests()) {
                if (everyone.contains(r.number())) {
                    approvals.add(r);
                } else if (exact) {
                    rejections.add(r);
                }
            }
        }
        if (!rejections.isEmpty()) {
            changes.add(new RejectJoinRequests(rejections));
        }
        if (!approvals.isEmpty()) {
            changes.add(new ApproveJoinRequests(approvals));
        }
        if (!promotions.isEmpty()) {
            changes.add(new AddAdmins(promotions));
        }
        SortedSet<Msisdn> invitees = new TreeSet<>(pending);
        approvals.forEach(r -> invitees.remove(r.number())); // they have the link: they are let in by approval
        invites(invitees, caps, options).ifPresent(changes::add);
        return new GroupPlan(bot, spec.key(), spec, live.id(), live, changes, pending, pendingAdmins);
    }

    /** {@link SendInvites} to {@code pending} where the settings ask for it and the provider can send them. */
    private static java.util.Optional<Change> invites(SortedSet<Msisdn> pending, Capabilities caps,
            PlannerOptions options) {
        return options.sendInvites() && caps.sendInvites() && !pending.isEmpty()
                ? java.util.Optional.of(new SendInvites(pending))
                : java.util.Optional.empty();
    }

    /** Plans the groups of one bot, appending to the plan's lists. */
    private static final class BotPlanner {
        private final BotId bot;
        private final List<GroupSpec> specs;
        private final LiveBot liveBot;
        private final PlannerOptions options;
        private final PlansAhead ahead;
        private final List<GroupPlan> groups;
        private final List<UnmanagedGroup> unmanaged;
        private final List<PlanProblem> problems;
        private final List<String> warnings;
        private final Capabilities caps;
        private final Msisdn botNumber;
        private final Set<GroupId> listed = new LinkedHashSet<>();
        /** Live groups that belong to a declared group or to a problem: never unmanaged. */
        private final Set<GroupId> claimed = new TreeSet<>();

        BotPlanner(BotId bot, List<GroupSpec> specs, LiveBot liveBot, PlannerOptions options, PlansAhead ahead,
                List<GroupPlan> groups, List<UnmanagedGroup> unmanaged, List<PlanProblem> problems,
                List<String> warnings) {
            this.bot = bot;
            this.specs = specs;
            this.liveBot = liveBot;
            this.options = options;
            this.ahead = ahead;
            this.groups = groups;
            this.unmanaged = unmanaged;
            this.problems = problems;
            this.warnings = warnings;
            this.caps = options.capabilities().apply(bot);
            this.botNumber = caps.botNumber(bot);
            listed.addAll(liveBot.listed());
            listed.addAll(liveBot.groups().keySet());
        }

        void plan() {
            List<GroupSpec> creates = new ArrayList<>();
            Map<GroupSpec, LiveGroup> matched = new IdentityHashMap<>();
            Set<GroupSpec> failed = Collections.newSetFromMap(new IdentityHashMap<>());
            matchPinned(matched, failed);
            matchBySubject(matched, failed);
            long unread = unread();
            for (GroupSpec spec : specs) {
                if (failed.contains(spec)) {
                    continue;
                }
                LiveGroup live = matched.get(spec);
                if (live == null && unread > 0) {
                    fail(spec, failed, "not created: " + unread + " of the bot's groups could not be read, and "
                            + "one of them may be this group; creating it now could make a duplicate");
                    continue;
                }
                if (live == null) {
                    groups.add(planCreate(spec));
                    creates.add(spec);
                } else {
                    GroupPlan made = ahead.find(spec, live, options);
                    groups.add((made != null ? made : planExisting(spec, live, options))
                            .guardedBy(options.removalGuard()));
                    warnAboutBotAsMember(spec, live);
                    warnAboutJoinApproval(spec, live);
                }
            }
            planUnmanaged();
            warnAboutLikelyRenames(creates);
        }

        /**
         * A group about to be created while an unmanaged live group has most of its people is likely that group,
         * renamed by hand in WhatsApp: creating would leave the people in the old group (and prune would leave
         * it). Warns with the subject and id to declare instead. Live groups are found through their participants,
         * so the cost follows the created groups' sizes, not the number of unmanaged groups.
         */
        private void warnAboutLikelyRenames(List<GroupSpec> creates) {
            if (creates.isEmpty()) {
                return;
            }
            Map<Msisdn, List<LiveGroup>> byNumber = new HashMap<>();
            for (Map.Entry<GroupId, LiveGroup> e : liveBot.groups().entrySet()) {
                if (!claimed.contains(e.getKey())) {
                    for (Msisdn n : e.getValue().participants()) {
                        if (!n.equals(botNumber)) {
                            byNumber.computeIfAbsent(n, k -> new ArrayList<>()).add(e.getValue());
                        }
                    }
                }
            }
            for (GroupSpec spec : creates) {
                Set<Msisdn> declared = new TreeSet<>(spec.participants());
                if (botNumber != null) {
                    declared.remove(botNumber);
                }
                Map<LiveGroup, Integer> shared = new IdentityHashMap<>();
                declared.forEach(n -> byNumber.getOrDefault(n, List.of()).forEach(g -> shared.merge(g, 1, Integer::sum)));
                shared.entrySet().stream()
                        .filter(e -> isLikelyTheSame(e.getValue(), declared.size(), e.getKey()))
                        .map(Map.Entry::getKey)
                        .min(java.util.Comparator.comparing(LiveGroup::id))
                        .ifPresent(live -> warnings.add("bot " + bot + ", group " + spec.key() + ": about to create "
                                + quote(spec.subject()) + ", but the unmanaged group " + live.id() + " "
                                + quote(live.subject()) + " has " + shared.get(live) + " of its " + declared.size()
                                + " declared people; if it is this group renamed, add `previously: ["
                                + quote(live.subject()) + "]` or `id: " + live.id() + "` to the group instead"
                                + (options.prune() ? " (prune would leave it)" : "")));
            }
        }

        /** Half or more of the declared people are in the live group, and they are half or more of it. */
        private boolean isLikelyTheSame(int sharedCount, int declaredCount, LiveGroup live) {
            int liveCount = live.participants().size()
                    - (botNumber != null && live.participants().contains(botNumber) ? 1 : 0);
            return sharedCount * 2 >= declaredCount && sharedCount * 2 >= liveCount;
        }

        /** Listed groups whose details are unknown (not read, or their read failed). */
        private long unread() {
            return listed.stream().filter(id -> !liveBot.groups().containsKey(id)).count();
        }

        private void matchPinned(Map<GroupSpec, LiveGroup> matched, Set<GroupSpec> failed) {
            Map<GroupId, List<GroupSpec>> byId = new HashMap<>();
            for (GroupSpec spec : specs) {
                if (spec.id() != null) {
                    byId.computeIfAbsent(spec.id(), id -> new ArrayList<>()).add(spec);
                }
            }
            for (GroupSpec spec : specs) {
                GroupId id = spec.id();
                if (id == null) {
                    continue;
                }
                if (listed.contains(id)) {
                    claimed.add(id);
                }
                List<GroupSpec> pinners = byId.get(id);
                if (pinners.size() > 1) {
                    fail(spec, failed, "group " + id + " is pinned by `id` in several declared groups ("
                            + keys(pinners) + "); pin it in one only");
                } else if (!listed.contains(id)) {
                    fail(spec, failed, "group " + id + " pinned by `id` is not among the bot's groups; "
                            + "roster never re-creates a pinned group (remove `id` to create a new one)");
                } else if (!liveBot.groups().containsKey(id)) {
                    fail(spec, failed, "group " + id + " pinned by `id` is listed but was not read");
                } else {
                    matched.put(spec, liveBot.groups().get(id));
                }
            }
        }

        private void matchBySubject(Map<GroupSpec, LiveGroup> matched, Set<GroupSpec> failed) {
            List<LiveGroup> pool = liveBot.groups().values().stream()
                    .filter(g -> !claimed.contains(g.id()))
                    .toList(); // sorted by id: LiveBot keeps a sorted map
            Map<String, List<LiveGroup>> poolBySubject = new HashMap<>();
            pool.forEach(g -> poolBySubject.computeIfAbsent(g.subject(), k -> new ArrayList<>()).add(g));
            Map<GroupSpec, List<LiveGroup>> candidates = new IdentityHashMap<>();
            for (GroupSpec spec : specs) {
                if (spec.id() != null) {
                    continue;
                }
                // a live group has one subject, so the lists of distinct names never share a group
                List<LiveGroup> found = new ArrayList<>();
                for (String name : new LinkedHashSet<>(spec.knownSubjects())) {
                    found.addAll(poolBySubject.getOrDefault(name, List.of()));
                }
                if (found.size() > 1) {
                    found.sort(java.util.Comparator.comparing(LiveGroup::id));
                }
                candidates.put(spec, found);
            }
            Map<String, List<GroupSpec>> bySubject = new HashMap<>();
            for (GroupSpec spec : specs) {
                if (spec.id() == null) {
                    new LinkedHashSet<>(spec.knownSubjects())
                            .forEach(s -> bySubject.computeIfAbsent(s, k -> new ArrayList<>()).add(spec));
                }
            }
            for (GroupSpec spec : specs) {
                List<LiveGroup> found = candidates.get(spec);
                if (found == null) {
                    continue;
                }
                found.forEach(g -> claimed.add(g.id()));
                String shared = null;
                for (String name : spec.knownSubjects()) {
                    if (shared == null && bySubject.get(name).size() > 1) {
                        shared = name;
                    }
                }
                if (shared != null) {
                    fail(spec, failed, "subject " + quote(shared) + " is declared (as `subject` or in `previously`) "
                            + "by several groups without `id` (" + keys(bySubject.get(shared))
                            + "); a subject must name one group: change it or pin the groups with `id:`");
                    continue;
                }
                if (found.isEmpty()) {
                    continue;
                }
                if (found.size() > 1 && found.stream().map(LiveGroup::subject).distinct().count() == 1) {
                    failDuplicate(spec, failed, found);
                    continue;
                }
                if (found.size() > 1) {
                    fail(spec, failed, "subject " + quote(spec.subject())
                            + (spec.previously().isEmpty() ? "" : " (or a previous subject)") + " matches "
                            + found.size() + " live groups (" + ids(found)
                            + "); pin the right one with `id:`");
                    continue;
                }
                LiveGroup only = found.get(0);
                matched.put(spec, only);
            }
        }

        private GroupPlan planCreate(GroupSpec spec) {
            SortedSet<Msisdn> pending = new TreeSet<>(spec.participants());
            SortedSet<Msisdn> pendingAdmins = new TreeSet<>(caps.admins() ? spec.admins() : Set.of());
            if (botNumber != null) {
                pending.remove(botNumber);
                pendingAdmins.remove(botNumber);
            }
            List<Change> changes = new ArrayList<>();
            changes.add(new CreateGroup(spec.subject(), caps.descriptionMaxLength() > 0 ? spec.description() : null,
                    caps.joinApproval() ? spec.joinApproval() : null));
            invites(pending, caps, options).ifPresent(changes::add);
            return new GroupPlan(bot, spec.key(), spec, null, null, changes, pending, pendingAdmins);
        }

        /** The provider cannot change a group's join approval once it exists: a mismatch is only a warning. */
        private void warnAboutJoinApproval(GroupSpec spec, LiveGroup live) {
            if (!caps.joinApproval() || spec.joinApproval() == null || live.joinApproval() == null
                    || spec.joinApproval() == live.joinApproval()) {
                return;
            }
            warnings.add("bot " + bot + ", group " + spec.key() + ": joinApproval is declared as "
                    + spec.joinApproval().yamlName() + ", but the live group has " + live.joinApproval().yamlName()
                    + ", and the provider cannot change it once a group exists, so roster leaves it; declare "
                    + "`joinApproval: " + live.joinApproval().yamlName() + "` to match, or, to have "
                    + spec.joinApproval().yamlName() + ", declare a new group (it is created with it) and move the "
                    + "people there");
        }

        private void warnAboutBotAsMember(GroupSpec spec, LiveGroup live) {
            if (botNumber != null && spec.members().contains(botNumber) && !spec.admins().contains(botNumber)
                    && (live.admins().contains(botNumber) || botNumber.equals(live.creator()))) {
                warnings.add("bot " + bot + ", group " + spec.key() + ": the bot's own number is declared as a "
                        + "member, but the bot stays admin (it is never demoted)");
            }
        }

        /**
         * Reports every unmanaged group; with prune on, leaves each one read where the provider can leave, else
         * deletes it where the provider can delete and {@code pruneDeletes} is on. A suspended group is kept: no
         * write to it can succeed.
         */
        private void planUnmanaged() {
            List<GroupPlan> pruned = new ArrayList<>();
            int unread = 0;
            int cannotLeave = 0;
            for (GroupId id : new TreeSet<>(listed)) {
                if (claimed.contains(id)) {
                    continue;
                }
                LiveGroup live = liveBot.groups().get(id);
                if (live == null) {
                    unmanaged.add(new UnmanagedGroup(bot, id, null, false, false));
                    unread++;
                    continue;
                }
                boolean prune = options.prune() && !live.suspended();
                boolean leave = prune && caps.leave();
                boolean delete = prune && !leave && caps.delete() && options.pruneDeletes();
                String kept = null;
                if (!options.prune()) {
                    kept = UnmanagedGroup.PRUNE_OFF;
                } else if (live.suspended()) {
                    kept = "suspended by the provider, so it cannot be left or deleted";
                } else if (!leave && !delete) {
                    kept = "prune cannot leave groups on provider " + caps.provider().settingName()
                            + (caps.delete() ? "; reconcile.pruneDeletes is off" : "");
                    cannotLeave++;
                }
                unmanaged.add(new UnmanagedGroup(bot, id, live.subject(), true, leave, delete, kept));
                if (leave || delete) {
                    pruned.add(new GroupPlan(bot, null, null, id, live,
                            List.of(leave ? new LeaveGroup() : new DeleteGroup()), new TreeSet<>(), new TreeSet<>()));
                }
            }
            groups.addAll(pruned);
            if (unread > 0 && options.prune()) {
                warnings.add("bot " + bot + ": " + unread + " unmanaged group" + (unread == 1 ? " was" : "s were")
                        + " listed but not read, so prune does not leave " + (unread == 1 ? "it" : "them"));
            }
            if (cannotLeave > 0) {
                warnings.add("bot " + bot + ": prune cannot leave groups on provider " + caps.provider().settingName()
                        + " (it has no leave), so " + cannotLeave + " unmanaged group"
                        + (cannotLeave == 1 ? " is" : "s are") + " only reported"
                        + (caps.delete() ? "; reconcile.pruneDeletes: true would delete "
                                + (cannotLeave == 1 ? "it" : "them") + " instead, which removes everyone from "
                                + (cannotLeave == 1 ? "it" : "them") : ""));
            }
        }

        private void fail(GroupSpec spec, Set<GroupSpec> failed, String message) {
            failed.add(spec);
            problems.add(new PlanProblem(bot, spec.key(), spec.location(),
                    "bot " + bot + ", group " + spec.key() + ": " + message));
        }

        /**
         * Several live groups carry one declared subject: a duplicate (two writers created it at once, or a writer
         * that took no lock). The problem names them with their creation times (from their ids) and the one to
         * keep: the one with the most participants, else the oldest. The group is not planned, so nothing creates
         * a further one.
         */
        private void failDuplicate(GroupSpec spec, Set<GroupSpec> failed, List<LiveGroup> found) {
            Comparator<LiveGroup> oldestFirst = Comparator
                    .comparing((LiveGroup g) -> g.id().createdAt().orElse(Instant.MAX))
                    .thenComparing(LiveGroup::id);
            List<LiveGroup> byAge = found.stream().sorted(oldestFirst).toList();
            int most = byAge.stream().mapToInt(g -> g.participants().size()).max().orElse(0);
            boolean allEqual = byAge.stream().allMatch(g -> g.participants().size() == most);
            LiveGroup keep = byAge.stream().filter(g -> g.participants().size() == most).findFirst().orElseThrow();
            String created = byAge.stream()
                    .map(g -> g.id().createdAt().map(Instant::toString).orElse("an unknown time") + " (" + g.id() + ")")
                    .collect(Collectors.joining(", "));
            String message = "bot " + bot + ", group " + spec.key() + ": " + found.size()
                    + " groups created with subject " + quote(found.get(0).subject()) + " at " + created
                    + ": a duplicate, so none of them is planned and no further group is created; keep " + keep.id() + " ("
                    + (allEqual ? "the oldest" : "the most participants, " + most) + ") by pinning it with `id: "
                    + keep.id() + "`, then the other" + (found.size() == 2 ? " is" : "s are")
                    + " unmanaged: move anyone who joined there, and leave " + (found.size() == 2 ? "it" : "them")
                    + " with prune or by hand";
            failed.add(spec);
            problems.add(new PlanProblem(bot, spec.key(), spec.location(), message,
                    byAge.stream().map(LiveGroup::id).toList(), keep.id()));
        }

        private static String keys(List<GroupSpec> specs) {
            return specs.stream().map(GroupSpec::key).collect(Collectors.joining(", "));
        }

        private static String ids(List<LiveGroup> groups) {
            return groups.stream().map(g -> g.id().value()).collect(Collectors.joining(", "));
        }

        private static String quote(String s) {
            return "\"" + s + "\"";
        }
    }
}
