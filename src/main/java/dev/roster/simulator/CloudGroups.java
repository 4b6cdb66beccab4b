package dev.roster.simulator;

import dev.roster.model.BotId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Cloud API groups of a simulator, the counter their ids come from, and the messages sent; kept apart from the
 * v1 groups of {@link SimulatorState} (which owns this and whose bots they share). Guarded by this object's
 * monitor: its methods hold it, and {@link CloudApiHandler} holds it for a whole request, so a request reads and
 * changes its group (a {@link Group} is mutable) without another request or a state file dump in between.
 *
 * <p>One counter numbers everything made here: groups ({@code cg<1000000+n>}, where n also orders the bot's list),
 * create request ids, join request ids, invite links and message ids. It is stored in the state file, so after a
 * restart nothing made before is made again.
 *
 * <p>A create is accepted before its group is visible ({@link CloudSettings#createDelayMillis}): the group is
 * then <em>pending</em>, built whole at acceptance (id, invite link, creation time) and made visible when the delay
 * ends. <b>A state file holds pending groups as existing ones</b>: the create was accepted, so when the process
 * stops before the group appears, the next run finds the group (it never sends that group's {@code group_create}
 * webhook). A file written while the group was pending therefore equals one written after it appeared.
 *
 * <p>Messages are kept in memory only (the last {@value #MAX_MESSAGES}), not in the state file.
 */
final class CloudGroups {
    static final long ID_BASE = 1_000_000L;
    static final int MAX_MESSAGES = 10_000;
    static final String AUTO_APPROVE = "auto_approve";
    static final String APPROVAL_REQUIRED = "approval_required";

    private static final Pattern OUR_GROUP_ID = Pattern.compile("cg(\\d{1,18})");
    private static final Pattern OUR_REQUEST_ID = Pattern.compile("jr(\\d{1,18})");

    /** A cloud group's mutable state; participants, barred numbers and join requesters are wa_ids (digits). */
    static final class Group {
        final String id;
        final BotId bot;
        /** Creation order within the simulator: sorts the bot's list and makes its cursors. */
        long seq;
        /** Epoch seconds. */
        final long created;
        String subject;
        String description = "";
        String joinMode = AUTO_APPROVE;
        boolean suspended;
        String invite;
        final Set<String> participants = new LinkedHashSet<>();
        final Set<String> barred = new LinkedHashSet<>();
        final Map<String, JoinRequest> requests = new LinkedHashMap<>(); // by join_request_id

        Group(String id, BotId bot, long seq, long created) {
            this.id = id;
            this.bot = bot;
            this.seq = seq;
            this.created = created;
        }

        Group copy() {
            Group c = new Group(id, bot, seq, created);
            c.subject = subject;
            c.description = description;
            c.joinMode = joinMode;
            c.suspended = suspended;
            c.invite = invite;
            c.participants.addAll(participants);
            c.barred.addAll(barred);
            c.requests.putAll(requests);
            return c;
        }
    }

    /** A pending request to join, by invite link, a group whose join approval mode is approval_required. */
    record JoinRequest(String waId, long created) {}

    /** A message sent through {@code POST /{phone-number-id}/messages}. */
    record Message(String id, BotId bot, String to, String template, String language, String groupId,
            Instant sent) {}

    /** Copies of every group (pending ones included, as existing), by creation order, and the counter's next value. */
    record Dump(List<Group> groups, long nextId) {}

    private final Clock clock;
    private final Map<String, Group> visible = new LinkedHashMap<>();
    private final Map<String, Group> pending = new LinkedHashMap<>();
    private final Deque<Message> messages = new ArrayDeque<>();
    private long next = 1;

    CloudGroups(Clock clock) {
        this.clock = clock;
    }

    /** The next number of the counter. */
    synchronized long nextId() {
        return next++;
    }

    /** A visible group, or null. */
    synchronized Group get(String id) {
        return visible.get(id);
    }

    synchronized boolean owns(String id) {
        return visible.containsKey(id);
    }

    /** The visible groups, in the order they appeared. */
    synchronized List<Group> all() {
        return List.copyOf(visible.values());
    }

    synchronized void remove(String id) {
        visible.remove(id);
    }

    /** A group whose create was accepted and that is not visible yet. */
    synchronized void addPending(Group g) {
        pending.put(g.id, g);
    }

    /** Makes a pending group visible; false when it is no longer pending. */
    synchronized boolean appear(String id) {
        Group g = pending.remove(id);
        if (g == null) {
            return false;
        }
        visible.put(id, g);
        return true;
    }

    synchronized String newInvite() {
        return "https://chat.whatsapp.com/Sim" + Long.toString(nextId() * 7919L + 104729L, 36);
    }

    synchronized void record(Message m) {
        messages.addLast(m);
        while (messages.size() > MAX_MESSAGES) {
            messages.removeFirst();
        }
    }

    /** The messages the bot sent, oldest first. */
    synchronized List<Message> messages(BotId bot) {
        return messages.stream().filter(m -> m.bot().equals(bot)).toList();
    }

    synchronized Dump dump() {
        List<Group> all = new ArrayList<>();
        visible.values().forEach(g -> all.add(g.copy()));
        pending.values().forEach(g -> all.add(g.copy()));
        all.sort(Comparator.comparingLong(g -> g.seq));
        return new Dump(all, next);
    }

    /**
     * Adds groups read from a state file, all visible. A group id {@code cg<1000000+n>} keeps n as its place in
     * the list; other ids are placed after every such group, in the order given. The counter moves past every
     * number found in a group or join request id, and to {@code nextId} at least; then groups without an invite
     * link (null) get one.
     *
     * @throws IllegalArgumentException when an id is used twice
     */
    synchronized void restore(List<Group> groups, long nextId) {
        next = Math.max(next, nextId);
        for (Group g : groups) {
            if (visible.containsKey(g.id) || pending.containsKey(g.id)) {
                throw new IllegalArgumentException("cloud group id " + g.id + " is used twice");
            }
            long n = number(OUR_GROUP_ID, g.id);
            if (n > ID_BASE) {
                next = Math.max(next, n - ID_BASE + 1);
            }
            for (String requestId : g.requests.keySet()) {
                next = Math.max(next, number(OUR_REQUEST_ID, requestId) + 1);
            }
            visible.put(g.id, g);
        }
        for (Group g : groups) {
            long n = number(OUR_GROUP_ID, g.id);
            g.seq = n > ID_BASE ? n - ID_BASE : nextId();
            if (g.invite == null) {
                g.invite = newInvite();
            }
        }
    }

    /** The load time, for groups and join requests stored without one. */
    long now() {
        return clock.instant().getEpochSecond();
    }

    private static long number(Pattern shape, String id) {
        Matcher m = shape.matcher(id);
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }
}
