package dev.roster.apply;

import dev.roster.api.ApiException;
import dev.roster.api.Creation;
import dev.roster.api.GroupApi;
import dev.roster.api.NewGroup;
import dev.roster.api.ProgressListener;
import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.LiveGroup;
import dev.roster.model.Msisdn;
import dev.roster.plan.AddAdmins;
import dev.roster.plan.ApproveJoinRequests;
import dev.roster.plan.Change;
import dev.roster.plan.CreateGroup;
import dev.roster.plan.DeleteGroup;
import dev.roster.plan.GroupPlan;
import dev.roster.plan.LeaveGroup;
import dev.roster.plan.LiveFingerprint;
import dev.roster.plan.Plan;
import dev.roster.plan.RejectJoinRequests;
import dev.roster.plan.RemoveAdmins;
import dev.roster.plan.RemoveMembers;
import dev.roster.plan.RotateInvite;
import dev.roster.plan.SavedGroupPlan;
import dev.roster.plan.SavedPlan;
import dev.roster.plan.SendInvites;
import dev.roster.plan.SetDescription;
import dev.roster.plan.SetSubject;
import dev.roster.model.JoinRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Executes plans through a {@link GroupApi}: groups in parallel, the changes of one group in plan
 * order ({@link dev.roster.plan.Action} order), one audit entry per write. Errors are data: a failing group becomes
 * a {@link GroupResult} and the other groups go on. The invite link handed out for pending people is audited too,
 * unless the {@link InviteLinkMemory} says the same link was audited for them already.
 *
 * <p>The first change of a group that fails ends that group: nothing after it is tried. So people are removed only
 * after the invite link was rotated in the same run; when the rotation fails (or its answer is lost) nobody is
 * removed, and the next run plans both again.
 *
 * <p>Guards: a group whose plan removes more than {@code maxRemovalPercent} of its current
 * participants is refused whole; a group is never left unless {@code prune} is on.
 *
 * <p>{@code create_group} is not idempotent, so it is never retried blindly: when a create fails (the
 * answer may have been lost after the group was made), the bot's groups are listed and a new group
 * with the subject is adopted. If none appeared and the server had refused the create outright (429 or 503),
 * it is tried again (see {@link #create}); otherwise the group is reported failed, the next run plans it
 * again, and identity by subject finds a group that appeared late.
 *
 * <p>A provider that creates asynchronously ({@link dev.roster.model.Capabilities#asyncCreate()}) answers a create
 * with a request id; the group exists only once it is seen: reported by the provider's webhook
 * ({@link CreateRequests}) or found in the bot's list with the subject asked for. The applier waits for it up to
 * {@link ApplyOptions#createTimeout()}. The {@link ApplyLedger} records the create before it is sent and until its
 * group is seen, so that no later run (nor a run after a killed process) creates the group a second time while the
 * first may still appear: for {@value #IN_FLIGHT_TIMEOUTS} create timeouts such a run only looks for it.
 *
 * <p>Invite messages ({@link SendInvites}) go to each person once per invite link, as the ledger remembers, and at
 * most {@link ApplyOptions#inviteDailyCap()} per bot and UTC day.
 *
 * <p>When the API is bound to a run's deadline ({@link dev.roster.api.RunDeadline}) and it passes, each group
 * not reached yet ends {@link GroupResult.Outcome#NOT_DONE} at once (no call made, no audit line); a group cut
 * between two changes is FAILED with the changes made so far, each of them audited; a call cut in flight is a
 * failed call like any other (audited, its outcome unknown).
 */
public final class Applier {
    private static final java.util.SortedSet<GroupId> EMPTY = java.util.Collections.emptySortedSet();
    static final int MAX_CREATE_ATTEMPTS = 3;
    /** How many create timeouts a create in flight keeps a new create of its group from being sent. */
    static final int IN_FLIGHT_TIMEOUTS = 10;
    private static final String CREATE_NOT_SEEN = "create_not_seen";
    private static final String CREATE_FAILED = "create_failed";
    private static final Duration FIRST_LOOK = Duration.ofMillis(200);
    private static final Duration LONGEST_LOOK = Duration.ofSeconds(2);
    private final GroupApi api;
    private final ApplyOptions options;
    private final AuditLog audit;
    private final Clock clock;
    private final InviteLinkMemory inviteLinks;
    private final ApplyLedger ledger;
    private final CreateRequests createRequests;

    public Applier(GroupApi api, ApplyOptions options, AuditLog audit, Clock clock) {
        this(api, options, audit, clock, InviteLinkMemory.none());
    }

    /** @param inviteLinks which invite links were audited already, so that the same link is not audited again */
    public Applier(GroupApi api, ApplyOptions options, AuditLog audit, Clock clock, InviteLinkMemory inviteLinks) {
        this(api, options, audit, clock, inviteLinks, ApplyLedger.inMemory(), new CreateRequests());
    }

    private Applier(GroupApi api, ApplyOptions options, AuditLog audit, Clock clock, InviteLinkMemory inviteLinks,
            ApplyLedger ledger, CreateRequests createRequests) {
        this.api = api;
        this.options = options;
        this.audit = audit;
        this.clock = clock;
        this.inviteLinks = inviteLinks;
        this.ledger = ledger;
        this.createRequests = createRequests;
    }

    /**
     * This applier with a ledger that outlives the run, and the outcomes of asynchronous creates as the provider's
     * webhook reports them.
     */
    public Applier with(ApplyLedger newLedger, CreateRequests newCreateRequests) {
        return new Applier(api, options, audit, clock, inviteLinks, newLedger, newCreateRequests);
    }

    /** Applies a plan made just now from live state: no re-read before writing. */
    public ApplyReport apply(Plan plan, ProgressListener progress) {
        var known = plan.knownGroups();
        List<Work> work = new ArrayList<>();
        for (GroupPlan g : plan.groups()) {
            if (g.hasChanges() || !g.pending().isEmpty()) {
                work.add(new Work(SavedGroupPlan.of(g), g.live(), false, known.getOrDefault(g.bot(), EMPTY)));
            }
        }
        return run(work, progress);
    }

    /**
     * Applies a saved plan. Each group is re-read first; one with changes is refused as stale when its live
     * state changed since planning, and a group to create is refused when a group with its subject appeared
     * meanwhile. A group with only pending people is never stale: those who joined since are left out of the
     * pending list and the invite-link audit line.
     */
    public ApplyReport applySaved(SavedPlan plan, ProgressListener progress) {
        List<Work> work = plan.groups().stream()
                .map(g -> new Work(g, null, true, plan.knownGroups(g.bot())))
                .toList();
        return run(work, progress);
    }

    private record Work(SavedGroupPlan plan, LiveGroup live, boolean verify, Set<GroupId> knownIds) {}

    private ApplyReport run(List<Work> work, ProgressListener progress) {
        if (work.isEmpty()) {
            return new ApplyReport(List.of());
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(Math.max(1, options.maxConcurrency()),
                work.size()), r -> {
                    Thread t = new Thread(r, "roster-apply");
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<Future<GroupResult>> futures = new ArrayList<>();
            for (Work w : work) {
                futures.add(pool.submit(() -> applyGroup(w)));
            }
            List<GroupResult> results = new ArrayList<>();
            int done = 0;
            for (int i = 0; i < futures.size(); i++) {
                results.add(await(futures.get(i), work.get(i)));
                progress.update(++done, work.size());
            }
            return new ApplyReport(results);
        } finally {
            pool.shutdown();
        }
    }

    private GroupResult await(Future<GroupResult> future, Work w) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return result(w.plan(), w.plan().groupId(), GroupResult.Outcome.FAILED, List.of(), "interrupted", null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return result(w.plan(), w.plan().groupId(), GroupResult.Outcome.FAILED, List.of(),
                    "unexpected " + cause.getClass().getSimpleName() + ": " + cause.getMessage(), null);
        }
    }

    private GroupResult applyGroup(Work w) {
        SavedGroupPlan g = w.plan();
        LiveGroup live = w.live();
        if (w.verify()) {
            try {
                // a group with nothing to change cannot be harmed by drift: people who joined meanwhile are
                // simply no longer pending
                String stale = g.hasChanges() ? staleness(w) : null;
                if (stale != null) {
                    return result(g, g.groupId(), GroupResult.Outcome.STALE, List.of(), stale, null);
                }
                if (g.groupId() != null) {
                    live = api.getGroup(g.bot(), g.groupId());
                }
            } catch (ApiException e) {
                if (notMade(e)) {
                    return result(g, g.groupId(), GroupResult.Outcome.NOT_DONE, List.of(), e.getMessage(), null);
                }
                return result(g, g.groupId(), GroupResult.Outcome.FAILED, List.of(),
                        "could not re-read the group: " + e.getMessage(), null);
            }
        }
        Refusal refusal = guard(g, live);
        if (refusal != null) {
            audit(g, g.groupId(), refusal.change().action().jsonName(), List.copyOf(refusal.change().numbers()), "refused",
                    refusal.message(), null);
            return result(g, g.groupId(), GroupResult.Outcome.REFUSED, List.of(), refusal.message(), null);
        }
        GroupId id = g.groupId();
        List<Change> applied = new ArrayList<>();
        for (Change change : g.changes()) {
            try {
                id = execute(g, id, change, w.knownIds());
                applied.add(change);
            } catch (CreateInFlight e) {
                return result(g, id, GroupResult.Outcome.NOT_DONE, applied, e.getMessage(), null);
            } catch (ApiException e) {
                if (notMade(e)) { // nothing was sent for this change: no audit line, the next run does it
                    return applied.isEmpty()
                            ? result(g, id, GroupResult.Outcome.NOT_DONE, applied, e.getMessage(), null)
                            : result(g, id, GroupResult.Outcome.FAILED, applied, "stopped after " + applied.size()
                                    + " of " + g.changes().size() + " change(s): " + e.getMessage(), null);
                }
                audit(g, id, change.action().jsonName(), List.copyOf(change.numbers()), "failed", e.getMessage(), null);
                return result(g, id, GroupResult.Outcome.FAILED, applied, e.getMessage(), null);
            }
        }
        SortedSet<Msisdn> waiting = stillPending(g, live);
        URI link = null;
        if (!waiting.isEmpty() && id != null) {
            try {
                link = api.inviteLink(g.bot(), id);
                if (inviteLinks.mustAudit(g.bot(), id, link, waiting, !applied.isEmpty())) {
                    audit(g, id, "invite_link", List.copyOf(waiting), "ok", null, link.toString());
                    inviteLinks.written(g.bot(), id, link, waiting);
                }
            } catch (ApiException e) {
                if (notMade(e) && applied.isEmpty()) {
                    return result(g, id, GroupResult.Outcome.NOT_DONE, applied, e.getMessage(), null);
                }
                return result(g, id, GroupResult.Outcome.FAILED, applied,
                        "could not read the invite link: " + e.getMessage(), null);
            }
        }
        return new GroupResult(g.bot(), g.key(), id,
                applied.isEmpty() ? GroupResult.Outcome.UNCHANGED : GroupResult.Outcome.APPLIED, applied, null, link,
                waiting);
    }

    /** The planned pending people who are not participants of {@code live} (re-read for a saved plan). */
    private static SortedSet<Msisdn> stillPending(SavedGroupPlan g, LiveGroup live) {
        SortedSet<Msisdn> waiting = new TreeSet<>(g.pending());
        if (live != null) {
            waiting.removeIf(live::isParticipant);
        }
        return waiting;
    }

    /** Why a saved group may no longer be applied, or null when it still may. */
    private String staleness(Work w) {
        SavedGroupPlan g = w.plan();
        if (g.groupId() == null) {
            String subject = g.changes().stream().filter(CreateGroup.class::isInstance)
                    .map(c -> ((CreateGroup) c).subject()).findFirst().orElse(null);
            GroupId appeared = subject == null ? null : findNewGroup(g.bot(), subject, w.knownIds());
            return appeared == null ? null
                    : "stale plan: group " + appeared + " with subject \"" + subject
                            + "\" appeared since the plan was made; plan again";
        }
        LiveGroup current;
        try {
            current = api.getGroup(g.bot(), g.groupId());
        } catch (ApiException.NotFound e) {
            return "stale plan: group " + g.groupId() + " no longer exists; plan again";
        }
        if (!LiveFingerprint.of(current).equals(g.liveFingerprint())) {
            return "stale plan: group " + g.groupId() + " changed since the plan was made; plan again";
        }
        return null;
    }

    /** The change a guard refused, and why. */
    private record Refusal(Change change, String message) {}

    private Refusal guard(SavedGroupPlan g, LiveGroup live) {
        for (Change c : g.changes()) {
            if (c instanceof LeaveGroup && !options.prune()) {
                return new Refusal(c, "refused to leave group " + g.groupId() + ": reconcile.prune is off");
            }
            if (c instanceof DeleteGroup && !(options.prune() && options.pruneDeletes())) {
                return new Refusal(c, "refused to delete group " + g.groupId()
                        + ": reconcile.prune and reconcile.pruneDeletes must both be on");
            }
            if (c instanceof RemoveMembers r && live != null) {
                String why = options.removalGuard().refusal(g.bot(), g.key(), r.numbers().size(),
                        live.participants().size());
                if (why != null) {
                    return new Refusal(c, why);
                }
            }
        }
        return null;
    }

    private GroupId execute(SavedGroupPlan g, GroupId id, Change change, Set<GroupId> knownIds) {
        BotId bot = g.bot();
        String outcome = "ok";
        String detail = null;
        if (change instanceof CreateGroup create) {
            Created created = create(bot, create, knownIds);
            id = created.id();
            outcome = created.adopted() ? "adopted" : "ok";
            detail = created.requestId() == null ? null : "request " + created.requestId();
        } else if (change instanceof SendInvites invites) {
            sendInvites(g, id, invites);
            return id; // audited per message
        } else if (change instanceof SetDescription d) {
            api.setDescription(bot, id, d.to());
        } else if (change instanceof ApproveJoinRequests a) {
            outcome = settled(api.approveJoinRequests(bot, id, ids(a.requests())), a.requests().size());
        } else if (change instanceof RejectJoinRequests r) {
            outcome = settled(api.rejectJoinRequests(bot, id, ids(r.requests())), r.requests().size());
        } else if (change instanceof DeleteGroup) {
            api.deleteGroup(bot, id);
        } else if (change instanceof SetSubject s) {
            api.setSubject(bot, id, s.to());
        } else if (change instanceof RemoveMembers r) {
            api.removeMembers(bot, id, r.numbers());
        } else if (change instanceof RotateInvite) {
            api.revokeInviteLink(bot, id);
        } else if (change instanceof RemoveAdmins r) {
            api.removeAdmins(bot, id, r.numbers());
        } else if (change instanceof AddAdmins a) {
            api.addAdmins(bot, id, a.numbers());
        } else if (change instanceof LeaveGroup) {
            api.leaveGroup(bot, id);
        }
        audit(g, id, change.action().jsonName(), List.copyOf(change.numbers()), outcome, null, detail);
        return id;
    }

    private static List<String> ids(List<JoinRequest> requests) {
        return requests.stream().map(JoinRequest::id).toList();
    }

    /** {@code ok}, or how many of {@code total} requests the provider could not settle (withdrawn meanwhile). */
    private static String settled(List<String> failed, int total) {
        return failed.isEmpty() ? "ok" : "partial: " + failed.size() + " of " + total + " not settled";
    }

    /**
     * Sends the group's current invite link to each person who was not sent that link yet, within the bot's daily
     * cap; one audit line per message, and one for the people the cap held back.
     */
    private void sendInvites(SavedGroupPlan g, GroupId id, SendInvites invites) {
        if (options.invites() == null) {
            return; // invites.send is off for this run
        }
        BotId bot = g.bot();
        URI link = api.inviteLink(bot, id);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        int sent = ledger.invitesSentOn(bot, today);
        List<Msisdn> held = new ArrayList<>();
        for (Msisdn number : invites.numbers()) {
            if (ledger.invited(bot, id, number, link)) {
                continue;
            }
            if (sent >= options.inviteDailyCap()) {
                held.add(number);
                continue;
            }
            api.sendInvite(bot, id, number, options.invites());
            ledger.inviteSent(bot, id, number, link, clock.instant());
            sent++;
            audit(g, id, "send_invite", List.of(number), "ok", null, link.toString());
        }
        if (!held.isEmpty()) {
            audit(g, id, "send_invite", held, "held", "the daily cap of " + options.inviteDailyCap()
                    + " invite messages (invites.dailyCap) was reached; sent on a later day", null);
        }
    }

    /** A group with {@code subject} among the bot's groups that are not in {@code known}, or null. */
    private GroupId findNewGroup(BotId bot, String subject, Set<GroupId> known) {
        for (GroupId candidate : api.listGroups(bot)) {
            if (!known.contains(candidate) && api.getGroup(bot, candidate).subject().equals(subject)) {
                return candidate;
            }
        }
        return null;
    }

    private record Created(GroupId id, boolean adopted, String requestId) {}

    /** A create not sent because an earlier one of the same group may still complete. Nothing was sent. */
    static final class CreateInFlight extends ApiException {
        CreateInFlight(String message) {
            super(0, "create_in_flight", message, null);
        }
    }

    /**
     * Creates a group, never blindly: after a failed create the bot's groups are listed and a new group with
     * the subject is adopted. Only when that look succeeded, found none, and the create had been refused
     * outright (429 or 503: the server answered, and no group appeared) is the create tried again, at most
     * {@value #MAX_CREATE_ATTEMPTS} times in all. A create without an answer (timeout, connection lost) may
     * still take effect later, so it is never tried again in the same run. On a provider that creates
     * asynchronously the ledger holds the create from before it is sent until its group is seen.
     */
    private Created create(BotId bot, CreateGroup change, Set<GroupId> known) {
        String subject = change.subject();
        boolean async = api.capabilities(bot).asyncCreate();
        if (async) {
            Created earlier = earlierCreate(bot, subject, known);
            if (earlier != null) {
                return earlier;
            }
        }
        for (int attempt = 1; ; attempt++) {
            try {
                if (async) {
                    ledger.createStarted(bot, subject, clock.instant());
                }
                Creation made = api.create(bot, new NewGroup(subject, change.description(), change.joinApproval()));
                if (made.isDone()) {
                    ledger.createEnded(bot, subject);
                    return new Created(made.groupId(), false, null);
                }
                ledger.createRequested(bot, subject, made.requestId());
                GroupId appeared = awaitCreated(bot, subject, made.requestId(), known);
                if (appeared == null) {
                    throw new ApiException(0, CREATE_NOT_SEEN, "create requested (request " + made.requestId()
                            + "), but the group did not appear within " + options.createTimeout().toSeconds()
                            + " s; later runs look for it and do not create it again for "
                            + inFlightLimit().toMinutes() + " min", null);
                }
                ledger.createEnded(bot, subject);
                return new Created(appeared, false, made.requestId());
            } catch (ApiException e) {
                if (notMade(e) || CREATE_FAILED.equals(e.reason())) {
                    ledger.createEnded(bot, subject);
                    throw e; // nothing was sent, or the provider says no group was made: nothing to look for
                }
                if (CREATE_NOT_SEEN.equals(e.reason())) {
                    throw e; // stays in the ledger: the group may still appear
                }
                GroupId adopted;
                try {
                    adopted = findNewGroup(bot, subject, known);
                } catch (ApiException lookFailed) {
                    throw e; // the create's own error is reported; the next run plans the group again
                }
                if (adopted != null) {
                    ledger.createEnded(bot, subject);
                    return new Created(adopted, true, null);
                }
                if (!refusedOutright(e) || attempt >= MAX_CREATE_ATTEMPTS) {
                    throw e; // a create without an answer stays in the ledger: it may still complete
                }
                ledger.createEnded(bot, subject); // refused outright: nothing is in flight
            }
        }
    }

    /**
     * The group of a create an earlier run asked for, adopted when it has appeared; null when there was none, or
     * when it is older than {@link #inFlightLimit()} (then it is forgotten and a new create may go out).
     */
    private Created earlierCreate(BotId bot, String subject, Set<GroupId> known) {
        Optional<ApplyLedger.PendingCreate> pending = ledger.pendingCreate(bot, subject);
        if (pending.isEmpty()) {
            return null;
        }
        String requestId = pending.get().requestId();
        GroupId found;
        try {
            found = requestId == null ? null : reported(bot, requestId);
        } catch (ApiException failed) {
            ledger.createEnded(bot, subject); // the provider says that create made no group
            return null;
        }
        if (found == null) {
            found = findNewGroup(bot, subject, known);
        }
        if (found != null) {
            ledger.createEnded(bot, subject);
            return new Created(found, true, requestId);
        }
        Instant since = pending.get().startedAt();
        if (since.plus(inFlightLimit()).isAfter(clock.instant())) {
            throw new CreateInFlight("not created again: a create of \"" + subject + "\" was sent at " + since
                    + (requestId == null ? " (its answer was lost)" : " (request " + requestId + ")")
                    + " and its group may still appear; it is looked for on each run until "
                    + since.plus(inFlightLimit()));
        }
        ledger.createEnded(bot, subject);
        return null;
    }

    private Duration inFlightLimit() {
        return options.createTimeout().multipliedBy(IN_FLIGHT_TIMEOUTS);
    }

    /**
     * Waits for the group of an accepted create: the provider's report of the request, or a new group with the
     * subject in the bot's list; null when neither came within the create timeout.
     */
    private GroupId awaitCreated(BotId bot, String subject, String requestId, Set<GroupId> known) {
        Instant until = clock.instant().plus(options.createTimeout());
        Duration pause = FIRST_LOOK;
        while (true) {
            GroupId found = reported(bot, requestId);
            if (found == null) {
                found = findNewGroup(bot, subject, known);
            }
            if (found != null) {
                return found;
            }
            Duration left = Duration.between(clock.instant(), until);
            if (left.isNegative() || left.isZero()) {
                return null;
            }
            sleep(pause.compareTo(left) < 0 ? pause : left);
            pause = pause.multipliedBy(2).compareTo(LONGEST_LOOK) < 0 ? pause.multipliedBy(2) : LONGEST_LOOK;
        }
    }

    /** The group the provider reported for {@code requestId}; throws when it reported the create failed. */
    private GroupId reported(BotId bot, String requestId) {
        Optional<CreateRequests.Outcome> outcome = createRequests.outcome(requestId);
        if (outcome.isEmpty()) {
            return null;
        }
        createRequests.forget(requestId);
        if (outcome.get().group() == null) {
            throw new ApiException(0, CREATE_FAILED, "the provider reports that create request " + requestId
                    + " failed: " + outcome.get().failure(), null);
        }
        return outcome.get().group();
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(Math.max(1, pause.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException.Unreachable("interrupted while waiting for a created group", e);
        }
    }

    /** A call the run's deadline kept from being made: nothing was sent. */
    private static boolean notMade(ApiException e) {
        return e instanceof ApiException.RunDeadlineExceeded cut && !cut.made();
    }

    private static boolean refusedOutright(ApiException e) {
        return e instanceof ApiException.RateLimited || (e instanceof ApiException.ServerError && e.status() == 503);
    }

    private void audit(SavedGroupPlan g, GroupId id, String action, List<Msisdn> numbers, String outcome,
            String error, String detail) {
        audit.record(new AuditEntry(clock.instant(), g.bot().value(), g.key(), id == null ? null : id.value(), action,
                numbers, outcome, error, detail, options.commit()));
    }

    private static GroupResult result(SavedGroupPlan g, GroupId id, GroupResult.Outcome outcome, List<Change> applied,
            String message, URI link) {
        return new GroupResult(g.bot(), g.key(), id, outcome, applied, message, link, g.pending());
    }
}
