package dev.roster.daemon;

import dev.roster.apply.ApplyReport;
import dev.roster.apply.GroupResult;
import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.Msisdn;
import dev.roster.plan.GroupPlan;
import dev.roster.plan.Plan;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What this node's runs saw beyond {@link StatusBoard}'s last run, for the operator's page: the last runs of each bot
 * (at most {@link #RUNS_PER_BOT}, newest first) with the groups each covered, the last events of each bot, and per
 * declared group the live participants and the invite link the last run that read it handed out. Bounded per bot;
 * kept in memory on this node only.
 */
public final class RunHistory {
    /** Runs kept per bot. */
    public static final int RUNS_PER_BOT = 50;
    /** Events kept per bot. */
    public static final int EVENTS_PER_BOT = 100;

    /**
     * One run as the page lists it. The record is kept without its groups' statuses ({@link StatusBoard} has the
     * latest of each group): a run of the whole bot holds one per declared group, and 50 such runs of a bot with
     * 10,000 groups would keep half a million.
     *
     * @param record  the run, without its groups ({@link RunRecord#groups} is empty)
     * @param scope   the declared keys the run covered; empty for a run of the whole bot
     * @param covered for a run of the whole bot, the sorted keys of the groups it planned (empty when it planned
     *                none); empty for a run of some groups. Runs of the whole bot with the same keys share one list.
     */
    public record Run(RunRecord record, List<String> scope, List<String> covered) {
        public Run {
            scope = List.copyOf(scope);
            covered = List.copyOf(covered);
        }

        /** True when the run covered the group {@code key} (a run of the whole bot that planned none covers all). */
        public boolean covers(String key) {
            return scope.isEmpty() ? covered.isEmpty() || Collections.binarySearch(covered, key) >= 0
                    : scope.contains(key);
        }
    }

    /** Something that happened to a bot, or to its live group {@code group} (null: the bot as a whole). */
    public record Event(Instant at, GroupId group, String description) {}

    /**
     * A declared group's live side as the last run that read it saw it.
     *
     * @param participants everyone in the live group, admins included
     * @param admins       the live group's admins
     * @param inviteLink   the link the run handed out for pending people, or null (nobody pending, report mode, or
     *                     not read)
     * @param at           when that run started
     */
    public record Live(SortedSet<Msisdn> participants, SortedSet<Msisdn> admins, URI inviteLink, Instant at) {
        public Live {
            participants = Collections.unmodifiableSortedSet(new TreeSet<>(participants));
            admins = Collections.unmodifiableSortedSet(new TreeSet<>(admins));
        }
    }

    private final Map<BotId, Deque<Run>> runs = new HashMap<>();
    private final Map<BotId, Deque<Event>> events = new HashMap<>();
    private final Map<BotId, Map<String, Live>> live = new HashMap<>();

    synchronized void recordRun(RunRecord run, RunScope scope) {
        Deque<Run> ring = runs.computeIfAbsent(run.bot(), b -> new ArrayDeque<>());
        List<String> covered = scope.isAll() ? coveredKeys(ring, run) : List.of();
        ring.addFirst(new Run(run.withGroups(List.of(), List.of(), run.partial()),
                List.copyOf(new TreeSet<>(scope.groups().keySet())), covered));
        while (ring.size() > RUNS_PER_BOT) {
            ring.removeLast();
        }
    }

    /** The sorted keys of the run's groups, as the same list as the latest kept run's when they are the same. */
    private static List<String> coveredKeys(Deque<Run> ring, RunRecord run) {
        List<String> keys = List.copyOf(new TreeSet<>(run.groups().stream().map(GroupStatus::key).toList()));
        for (Run kept : ring) {
            if (kept.scope().isEmpty() && !kept.covered().isEmpty()) {
                return kept.covered().equals(keys) ? kept.covered() : keys;
            }
        }
        return keys;
    }

    synchronized void recordEvent(BotId bot, GroupId group, String description, Instant at) {
        Deque<Event> ring = events.computeIfAbsent(bot, b -> new ArrayDeque<>());
        ring.addFirst(new Event(at, group, description));
        while (ring.size() > EVENTS_PER_BOT) {
            ring.removeLast();
        }
    }

    /**
     * Keeps what the run read of each planned group that has a key and a live group, with the invite link its apply
     * handed out ({@code report} null in report mode); a group the run created is kept when it handed out a link.
     */
    synchronized void recordLive(BotId bot, Plan plan, ApplyReport report, Instant at) {
        Map<String, Live> groups = live.computeIfAbsent(bot, b -> new HashMap<>());
        for (GroupPlan g : plan.groups()) {
            if (g.key() == null) {
                continue;
            }
            URI link = report == null ? null : report.groups().stream().filter(r -> g.key().equals(r.key()))
                    .map(GroupResult::inviteLink).filter(l -> l != null).findFirst().orElse(null);
            if (g.live() != null) {
                groups.put(g.key(), new Live(g.live().participants(), new TreeSet<>(g.live().admins()), link, at));
            } else if (link != null) {
                // a group the run created: nobody but the bot is in it yet
                groups.put(g.key(), new Live(new TreeSet<>(), new TreeSet<>(), link, at));
            }
        }
    }

    /** Forgets bots that the files no longer declare. */
    synchronized void retainBots(java.util.Set<BotId> keep) {
        runs.keySet().retainAll(keep);
        events.keySet().retainAll(keep);
        live.keySet().retainAll(keep);
    }

    /** The bot's last runs on this node, newest first. */
    public synchronized List<Run> runs(BotId bot) {
        Deque<Run> ring = runs.get(bot);
        return ring == null ? List.of() : new ArrayList<>(ring);
    }

    /** The bot's last events on this node, newest first. */
    public synchronized List<Event> events(BotId bot) {
        Deque<Event> ring = events.get(bot);
        return ring == null ? List.of() : new ArrayList<>(ring);
    }

    /** The declared group's live side as the last run that read it saw it; empty before one did. */
    public synchronized Optional<Live> live(BotId bot, String key) {
        Map<String, Live> groups = live.get(bot);
        return Optional.ofNullable(groups == null ? null : groups.get(key));
    }
}
