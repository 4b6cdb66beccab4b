package dev.roster.apply;

import dev.roster.api.ProgressListener;
import dev.roster.api.ApiException;
import dev.roster.api.GroupApi;
import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.LiveGroup;
import dev.roster.model.Msisdn;
import dev.roster.plan.AddAdmins;
import dev.roster.plan.Change;
import dev.roster.plan.CreateGroup;
import dev.roster.plan.GroupPlan;
import dev.roster.plan.LeaveGroup;
import dev.roster.plan.LiveFingerprint;
import dev.roster.plan.Plan;
import dev.roster.plan.RemoveAdmins;
import dev.roster.plan.RemoveMembers;
import dev.roster.plan.RotateInvite;
import dev.roster.plan.SavedGroupPlan;
import dev.roster.plan.SavedPlan;
import dev.roster.plan.SetSubject;
import java.net.URI;
import java.time.Clock;
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
 * <p>When the API is bound to a run's deadline ({@link dev.roster.api.RunDeadline}) and it passes, each group
 * not reached yet ends {@link GroupResult.Outcome#NOT_DONE} at once (no call made, no audit line); a group cut
 * between two changes is FAILED with the changes made so far, each of them audited; a call cut in flight is a
 * failed call like any other (audited, its outcome unknown).
 */
public final class Applier {
    private static final java.util.SortedSet<GroupId> EMPTY = java.util.Collections.emptySortedSet();
    static final int MAX_CREATE_ATTEMPTS = 3;
    private final GroupApi api;
    private final ApplyOptions options;
    private final AuditLog audit;
    private final Clock clock;
    private final InviteLinkMemory inviteLinks;

    public Applier(GroupApi api, ApplyOptions options, AuditLog audit, Clock clock) {
        this(api, options, audit, clock, InviteLinkMemory.none());
    }

    /** @param inviteLinks which invite links were audited already, so that the same link is not audited again */
    public Applier(GroupApi api, ApplyOptions options, AuditLog audit, Clock clock, InviteLinkMemory inviteLinks) {
        this.api = api;
        this.options = options;
        this.audit = audit;
        this.clock = clock;
        this.inviteLinks = inviteLinks;
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
        if (change instanceof CreateGroup create) {
            Created created = create(bot, create.subject(), knownIds);
            id = created.id();
            outcome = created.adopted() ? "adopted" : "ok";
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
        audit(g, id, change.action().jsonName(), List.copyOf(change.numbers()), outcome, null, null);
        return id;
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

    private record Created(GroupId id, boolean adopted) {}

    /**
     * Creates a group, never blindly: after a failed create the bot's groups are listed and a new group with
     * the subject is adopted. Only when that look succeeded, found none, and the create had been refused
     * outright (429 or 503: the server answered, and no group appeared) is the create tried again, at most
     * {@value #MAX_CREATE_ATTEMPTS} times in all. A create without an answer (timeout, connection lost) may
     * still take effect later, so it is never tried again in the same run.
     */
    private Created create(BotId bot, String subject, Set<GroupId> known) {
        for (int attempt = 1; ; attempt++) {
            try {
                return new Created(api.createGroup(bot, subject), false);
            } catch (ApiException e) {
                if (notMade(e)) {
                    throw e; // nothing was sent: there is nothing to look for
                }
                GroupId adopted;
                try {
                    adopted = findNewGroup(bot, subject, known);
                } catch (ApiException lookFailed) {
                    throw e; // the create's own error is reported; the next run plans the group again
                }
                if (adopted != null) {
                    return new Created(adopted, true);
                }
                if (!refusedOutright(e) || attempt >= MAX_CREATE_ATTEMPTS) {
                    throw e;
                }
            }
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
