package dev.roster.daemon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.Msisdn;
import dev.roster.plan.AddAdmins;
import dev.roster.plan.Change;
import dev.roster.plan.ApproveJoinRequests;
import dev.roster.plan.CreateGroup;
import dev.roster.plan.DeleteGroup;
import dev.roster.plan.RejectJoinRequests;
import dev.roster.plan.SendInvites;
import dev.roster.plan.SetDescription;
import dev.roster.plan.LeaveGroup;
import dev.roster.plan.RemoveAdmins;
import dev.roster.plan.RemoveMembers;
import dev.roster.plan.RotateInvite;
import dev.roster.plan.SetSubject;
import dev.roster.plan.UnmanagedGroup;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What this node knows about each bot's last run, its groups and the last load of the desired state; the body of
 * {@code /status}. People's numbers in error texts are masked unless {@code showNumbers} (bot ids and
 * group ids are shown as they are). Each bot shows {@code seconds_since_last_run}, the time since its
 * last finished run by the board's clock: a number that keeps growing means runs stopped finishing.
 *
 * <p>Per bot the board keeps its declared groups by key, as the runs last saw them: a run of every group replaces
 * them, a {@linkplain RunRecord#partial() partial} run merges its groups in by key. Each group has a sync and a
 * health as Argo CD names them ({@link SyncStatus}, {@link HealthStatus}); a paused bot's groups, and a group the
 * provider suspended ({@link #setSuspended}), are {@code Suspended}, and while the desired files are invalid every
 * group is {@code Stalled} with sync {@code Unknown}.
 */
public final class StatusBoard {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** A phone number standing alone: not part of a group id ({@code group:<msisdn>-<epoch>}) or a word. */
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w:+-])\\+?\\d[\\d ]{5,18}\\d(?![\\w-])");

    private final String node;
    private final Clock clock;
    private final Map<BotId, BotState> bots = new TreeMap<>();
    private final RunHistory history = new RunHistory();
    private Snapshot lastLoad;
    private Instant lastLoadTime;
    private boolean everLoaded;

    /** Something that happened to a bot or one of its groups, told by {@link #recordEvent}. */
    private record Event(String description, Instant at, GroupId group) {}

    /** A declared group as the run that last read it saw it. */
    private record Known(GroupStatus group, Instant checkedAt, RunResult result) {}

    private static final class BotState {
        RunRecord lastRun;
        final Map<String, Known> groups = new LinkedHashMap<>();
        Map<GroupId, UnmanagedGroup> unmanaged = new TreeMap<>();
        boolean paused;
        Event lastEvent;
        final Map<GroupId, Event> groupEvents = new HashMap<>();
        final Set<GroupId> suspended = new java.util.HashSet<>();
    }

    public StatusBoard(String node) {
        this(node, Clock.systemUTC());
    }

    public StatusBoard(String node, Clock clock) {
        this.node = node;
        this.clock = clock;
    }

    /**
     * Keeps the run as the bot's last (a skipped run is not kept). Its groups replace the bot's known groups, or,
     * for a partial run, are merged into them by key; likewise its unmanaged groups (a partial run also drops an
     * unmanaged group that one of its groups now matches).
     */
    public synchronized void recordRun(RunRecord run) {
        if (run.result() == RunResult.SKIPPED) {
            return;
        }
        BotState b = state(run.bot());
        b.lastRun = run;
        if (!run.partial()) {
            b.groups.clear();
            b.unmanaged.clear();
        }
        for (GroupStatus g : run.groups()) {
            b.groups.put(g.key(), new Known(g, run.started(), run.result()));
            if (g.groupId() != null) {
                b.unmanaged.remove(g.groupId());
            }
        }
        run.unmanaged().forEach(u -> b.unmanaged.put(u.id(), u));
    }

    /**
     * Something happened to {@code bot}, or to one of its groups: shown as {@code last_event} of the bot and of the
     * group (declared or unmanaged) whose id is {@code group}.
     *
     * @param group the group it happened to, or null for the bot as a whole
     * @param description one line; may name people's numbers, which {@code /status} masks
     */
    public synchronized void recordEvent(BotId bot, GroupId group, String description, Instant at) {
        Event event = new Event(Objects.requireNonNull(description, "description"), at, group);
        BotState b = state(bot);
        history.recordEvent(bot, group, description, at);
        b.lastEvent = event;
        if (group != null) {
            b.groupEvents.put(group, event);
        }
    }

    /** Marks the bot paused (its health and its groups' are {@code Suspended}) or no longer paused. */
    public synchronized void setPaused(BotId bot, boolean paused) {
        state(bot).paused = paused;
    }

    /**
     * Marks the bot's live group suspended by the provider (its health is {@code Suspended}: no write to it can
     * succeed), or no longer suspended, as the provider's events say.
     */
    public synchronized void setSuspended(BotId bot, GroupId group, boolean suspended) {
        if (suspended) {
            state(bot).suspended.add(group);
        } else if (bots.containsKey(bot)) {
            bots.get(bot).suspended.remove(group);
        }
    }

    /** The live group a declared group is, as the runs of this node last matched it; empty if unknown. */
    public synchronized Optional<GroupId> groupOf(BotId bot, String key) {
        BotState b = bots.get(bot);
        Known known = b == null ? null : b.groups.get(key);
        return known == null ? Optional.empty() : Optional.ofNullable(known.group().groupId());
    }

    /** The declared key of the bot's live group {@code group} as the last runs matched it, or empty. */
    public synchronized Optional<String> keyOf(BotId bot, GroupId group) {
        BotState b = bots.get(bot);
        if (b == null || group == null) {
            return Optional.empty();
        }
        return b.groups.values().stream().filter(k -> group.equals(k.group().groupId()))
                .map(k -> k.group().key()).findFirst();
    }

    public synchronized void recordLoad(Snapshot snapshot, Instant when) {
        lastLoad = snapshot;
        lastLoadTime = when;
        everLoaded |= snapshot.isValid();
    }

    /** Forgets bots that the files no longer declare. */
    public synchronized void retainBots(Set<BotId> keep) {
        bots.keySet().retainAll(keep);
        history.retainBots(keep);
    }

    /** The bots this board knows, in order. */
    public synchronized Set<BotId> bots() {
        return Set.copyOf(new java.util.TreeSet<>(bots.keySet()));
    }

    /** This node's last runs, events and live groups per bot, for the operator's page. */
    public RunHistory history() {
        return history;
    }

    /** True while the latest load of the desired state was valid. */
    public synchronized boolean isReady() {
        return desiredStateProblem().isEmpty();
    }

    /**
     * Empty while the latest load of the desired state was valid; otherwise why the daemon is not ready
     * (not loaded yet, or the head commit invalid: the daemon then applies nothing).
     */
    public synchronized Optional<String> desiredStateProblem() {
        if (lastLoad == null) {
            return Optional.of("desired state not loaded yet");
        }
        if (!lastLoad.isValid()) {
            return Optional.of("desired state" + (lastLoad.commit() != null ? " at commit " + lastLoad.commit() : "")
                    + " is invalid (" + lastLoad.errors().size() + " error(s); see /status)");
        }
        return Optional.empty();
    }

    /** Seconds from the end of the bot's last finished run to now; empty before its first. */
    public synchronized Optional<Double> secondsSinceLastRun(BotId bot) {
        RunRecord run = lastRun(bot);
        if (run == null) {
            return Optional.empty();
        }
        Duration age = Duration.between(run.started().plus(run.duration()), clock.instant());
        return Optional.of(Math.max(0, age.toMillis()) / 1000.0);
    }

    public synchronized RunRecord lastRun(BotId bot) {
        BotState b = bots.get(bot);
        return b == null ? null : b.lastRun;
    }

    /** The bot's known declared groups, in the order the runs first saw them. */
    public synchronized List<GroupStatus> groups(BotId bot) {
        BotState b = bots.get(bot);
        return b == null ? List.of() : b.groups.values().stream().map(Known::group).toList();
    }

    /** The sync of the bot's declared group {@code key} as the runs last saw it (invalid files: unknown); empty if unknown. */
    public synchronized Optional<SyncStatus> groupSync(BotId bot, String key) {
        BotState b = bots.get(bot);
        Known k = b == null ? null : b.groups.get(key);
        return k == null ? Optional.empty() : Optional.of(syncOf(k.group()));
    }

    /** The health of the bot's declared group {@code key}, the bot's pause and the files taken into account. */
    public synchronized Optional<HealthStatus> groupHealth(BotId bot, String key) {
        BotState b = bots.get(bot);
        Known k = b == null ? null : b.groups.get(key);
        return k == null ? Optional.empty() : Optional.of(healthOf(b, k.group()));
    }

    /** The bot's known groups per sync state (every state present, 0 when none). */
    public synchronized Map<SyncStatus, Integer> syncCounts(BotId bot) {
        Map<SyncStatus, Integer> counts = new EnumMap<>(SyncStatus.class);
        for (SyncStatus s : SyncStatus.values()) {
            counts.put(s, 0);
        }
        BotState b = bots.get(bot);
        if (b != null) {
            b.groups.values().forEach(k -> counts.merge(syncOf(k.group()), 1, Integer::sum));
        }
        return counts;
    }

    /** The bot's known groups per health state (every state present, 0 when none). */
    public synchronized Map<HealthStatus, Integer> healthCounts(BotId bot) {
        Map<HealthStatus, Integer> counts = new EnumMap<>(HealthStatus.class);
        for (HealthStatus h : HealthStatus.values()) {
            counts.put(h, 0);
        }
        BotState b = bots.get(bot);
        if (b != null) {
            b.groups.values().forEach(k -> counts.merge(healthOf(b, k.group()), 1, Integer::sum));
        }
        return counts;
    }

    /** How many live groups of the bot no declared group matches, as the runs last read them. */
    public synchronized int unmanagedCount(BotId bot) {
        BotState b = bots.get(bot);
        return b == null ? 0 : b.unmanaged.size();
    }

    /**
     * The bot's sync: {@code OutOfSync} when a group is; else {@code Unknown} when a group is, when the files are
     * invalid, or when the last run read no group and failed; else {@code Synced}.
     */
    public synchronized SyncStatus sync(BotId bot) {
        BotState b = bots.get(bot);
        if (b == null || stalled()) {
            return SyncStatus.UNKNOWN;
        }
        List<SyncStatus> states = b.groups.values().stream().map(k -> syncOf(k.group())).toList();
        if (states.contains(SyncStatus.OUT_OF_SYNC)) {
            return SyncStatus.OUT_OF_SYNC;
        }
        return states.contains(SyncStatus.UNKNOWN) || b.lastRun == null || readNothingAndFailed(b.lastRun)
                ? SyncStatus.UNKNOWN : SyncStatus.SYNCED;
    }

    /**
     * The bot's health: {@code Suspended} when paused, {@code Stalled} while the files are invalid, else the worst of
     * its groups' health, and at least {@code Degraded} when its last run failed.
     */
    public synchronized HealthStatus health(BotId bot) {
        BotState b = bots.get(bot);
        if (b != null && b.paused) {
            return HealthStatus.SUSPENDED;
        }
        if (stalled()) {
            return HealthStatus.STALLED;
        }
        HealthStatus health = HealthStatus.HEALTHY;
        if (b == null) {
            return health;
        }
        for (Known k : b.groups.values()) {
            health = health.worst(healthOf(b, k.group()));
        }
        return b.lastRun != null && b.lastRun.result() == RunResult.FAILED ? health.worst(HealthStatus.DEGRADED)
                : health;
    }

    public synchronized String toJson(boolean showNumbers) {
        return toJson(showNumbers, desiredStateProblem());
    }

    /** @param notReady why the daemon is not ready (empty: ready), as {@code /readyz} says */
    public synchronized String toJson(boolean showNumbers, Optional<String> notReady) {
        return toJson(showNumbers, notReady, null);
    }

    /**
     * @param notReady why the daemon is not ready (empty: ready), as {@code /readyz} says
     * @param cluster  every bot's latest entry in the cluster ({@link SharedStatus}); a bot whose latest run ended on
     *                 another node shows that node's entry (numbers masked, {@code reported_by} its node); null outside
     *                 a cluster
     */
    public synchronized String toJson(boolean showNumbers, Optional<String> notReady,
            Map<BotId, SharedStatus.Entry> cluster) {
        ObjectNode root = JSON.createObjectNode();
        root.put("node", node);
        root.put("ready", notReady.isEmpty());
        notReady.ifPresent(reason -> root.put("not_ready_reason", reason));
        root.put("ever_loaded", everLoaded);
        ObjectNode source = root.putObject("desired_state");
        if (lastLoad != null) {
            source.put("loaded_at", lastLoadTime.toString());
            source.put("valid", lastLoad.isValid());
            source.put("commit", lastLoad.commit());
            ArrayNode errors = source.putArray("errors");
            lastLoad.errors().forEach(e -> errors.add(mask(e, showNumbers)));
        }
        ObjectNode botsJson = root.putObject("bots");
        Map<BotId, SharedStatus.Entry> shared = cluster == null ? Map.of() : cluster;
        Set<BotId> all = new java.util.TreeSet<>(bots.keySet());
        all.addAll(shared.keySet());
        for (BotId bot : all) {
            SharedStatus.Entry other = shared.get(bot);
            if (other != null && !node.equals(other.node()) && finishedBefore(bots.get(bot), other.finished())) {
                try {
                    ObjectNode b = (ObjectNode) JSON.readTree(other.json());
                    b.put("reported_by", other.node());
                    botsJson.set(bot.value(), b);
                    continue;
                } catch (JsonProcessingException | ClassCastException e) {
                    // not ours to show: this node's own view follows
                }
            }
            if (bots.containsKey(bot)) {
                botsJson.set(bot.value(), botJson(bot, bots.get(bot), showNumbers));
            }
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A bot's entry, numbers masked, as another node of the cluster shows it ({@link SharedStatus}). */
    public synchronized String sharedJson(BotId bot) {
        BotState state = bots.get(bot);
        return state == null ? "{}" : botJson(bot, state, false).toString();
    }

    private static boolean finishedBefore(BotState state, Instant other) {
        RunRecord run = state == null ? null : state.lastRun;
        return run == null || run.started().plus(run.duration()).isBefore(other);
    }

    private ObjectNode botJson(BotId bot, BotState state, boolean showNumbers) {
        ObjectNode b = JSON.createObjectNode();
        b.put("sync", sync(bot).label());
        b.put("health", health(bot).label());
        b.put("paused", state.paused);
        RunRecord run = state.lastRun;
        if (run != null) {
            putRun(b, run, showNumbers);
        }
        if (state.lastEvent != null) {
            putEvent(b, state.lastEvent, showNumbers);
        }
        ArrayNode groups = b.putArray("groups");
        state.groups.values().forEach(k -> putGroup(groups.addObject(), state, k, showNumbers));
        ArrayNode unmanaged = b.putArray("unmanaged_groups");
        for (UnmanagedGroup u : state.unmanaged.values()) {
            ObjectNode o = unmanaged.addObject();
            o.put("group_id", u.id().value());
            o.put("subject", u.subject() == null ? null : mask(u.subject(), showNumbers));
            o.put("read", u.read());
            o.put("leave", u.leave());
            o.put("delete", u.delete());
            Event event = state.groupEvents.get(u.id());
            if (event != null) {
                putEvent(o, event, showNumbers);
            }
        }
        return b;
    }

    private void putRun(ObjectNode b, RunRecord run, boolean showNumbers) {
        b.put("last_run", run.started().toString());
        b.put("duration_ms", run.duration().toMillis());
        secondsSinceLastRun(run.bot()).ifPresent(age -> b.put("seconds_since_last_run", age));
        b.put("node", run.node());
        b.put("commit", run.commit());
        b.put("result", run.result().label());
        b.put("partial", run.partial());
        b.put("changes_applied", run.changesApplied());
        ObjectNode byAction = b.putObject("applied");
        run.applied().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> byAction.put(e.getKey().jsonName(), e.getValue()));
        b.put("drift", run.drift());
        b.put("pending", run.pending());
        if (showNumbers) {
            ObjectNode pending = b.putObject("pending_numbers");
            for (Map.Entry<String, SortedSet<Msisdn>> e : new TreeMap<>(run.pendingNumbers()).entrySet()) {
                ArrayNode numbers = pending.putArray(e.getKey());
                e.getValue().forEach(n -> numbers.add(n.e164()));
            }
        }
        ArrayNode errors = b.putArray("errors");
        run.errors().forEach(e -> errors.add(mask(e, showNumbers)));
    }

    private void putGroup(ObjectNode o, BotState b, Known k, boolean showNumbers) {
        GroupStatus g = k.group();
        o.put("key", g.key());
        o.put("group_id", g.groupId() == null ? null : g.groupId().value());
        o.put("subject", mask(g.subject(), showNumbers));
        o.put("declared_at", g.declaredAt() == null ? null : g.declaredAt().toString());
        o.put("sync", syncOf(g).label());
        o.put("health", healthOf(b, g).label());
        o.put("members", g.members());
        o.put("admins", g.admins());
        o.put("pending", g.pending().size());
        if (showNumbers) {
            ArrayNode numbers = o.putArray("pending_numbers");
            g.pending().forEach(n -> numbers.add(n.e164()));
        }
        ObjectNode waiting = o.putObject("waiting");
        g.waitingByAction().forEach((action, n) -> waiting.put(action.jsonName(), n));
        ArrayNode changes = o.putArray("waiting_changes");
        for (Change c : g.waiting()) {
            ObjectNode change = changes.addObject();
            change.put("action", c.action().jsonName());
            change.put("description", mask(describe(c), showNumbers));
        }
        o.put("failure", g.failure() == null ? null : mask(g.failure(), showNumbers));
        o.put("last_run", k.checkedAt().toString());
        o.put("last_run_result", k.result().label());
        Event event = g.groupId() == null ? null : b.groupEvents.get(g.groupId());
        if (event != null) {
            putEvent(o, event, showNumbers);
        }
    }

    private void putEvent(ObjectNode o, Event e, boolean showNumbers) {
        ObjectNode event = o.putObject("last_event");
        event.put("at", e.at().toString());
        event.put("description", mask(e.description(), showNumbers));
        if (e.group() != null) {
            event.put("group_id", e.group().value());
        }
    }

    /** One waiting change in words; the numbers in it are masked like any text of {@code /status}. */
    public static String describe(Change c) {
        if (c instanceof CreateGroup create) {
            return "create the group \"" + create.subject() + "\"";
        } else if (c instanceof SetSubject s) {
            return "rename \"" + s.from() + "\" to \"" + s.to() + "\"";
        } else if (c instanceof SetDescription) {
            return "set the description";
        } else if (c instanceof RemoveAdmins r) {
            return "demote " + numbers(r.numbers());
        } else if (c instanceof RotateInvite) {
            return "rotate the invite link";
        } else if (c instanceof RemoveMembers r) {
            return "remove " + numbers(r.numbers());
        } else if (c instanceof RejectJoinRequests r) {
            return "turn away the requests to join of " + numbers(r.numbers());
        } else if (c instanceof ApproveJoinRequests a) {
            return "let in " + numbers(a.numbers());
        } else if (c instanceof AddAdmins a) {
            return "promote " + numbers(a.numbers());
        } else if (c instanceof SendInvites i) {
            return "send the invite link to " + numbers(i.numbers());
        } else if (c instanceof LeaveGroup) {
            return "leave the group";
        } else if (c instanceof DeleteGroup) {
            return "delete the group";
        }
        return c.action().jsonName();
    }

    private static String numbers(Set<Msisdn> numbers) {
        return numbers.stream().map(Msisdn::e164).collect(Collectors.joining(", "));
    }

    private boolean stalled() {
        return lastLoad != null && !lastLoad.isValid();
    }

    private SyncStatus syncOf(GroupStatus g) {
        return stalled() ? SyncStatus.UNKNOWN : g.sync();
    }

    private HealthStatus healthOf(BotState b, GroupStatus g) {
        boolean suspended = b.paused || g.groupId() != null && b.suspended.contains(g.groupId());
        return suspended ? HealthStatus.SUSPENDED : stalled() ? HealthStatus.STALLED : g.health();
    }

    private static boolean readNothingAndFailed(RunRecord run) {
        return run.partial() && run.groups().isEmpty()
                && (run.result() == RunResult.FAILED || run.result() == RunResult.INVALID);
    }

    private BotState state(BotId bot) {
        return bots.computeIfAbsent(bot, b -> new BotState());
    }

    /** {@code text} with people's numbers masked (bot ids kept), unless {@code showNumbers}. */
    public synchronized String mask(String text, boolean showNumbers) {
        if (showNumbers || text == null) {
            return text;
        }
        Matcher m = NUMBER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String digits = m.group().replaceAll("[^0-9]", "");
            boolean isBot = bots.containsKey(new BotId(digits));
            m.appendReplacement(out, isBot ? Matcher.quoteReplacement(m.group()) : "+***");
        }
        m.appendTail(out);
        return out.toString();
    }
}
