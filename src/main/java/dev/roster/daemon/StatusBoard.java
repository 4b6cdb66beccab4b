package dev.roster.daemon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.model.BotId;
import dev.roster.model.Msisdn;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What this node knows about each bot's last run and the last load of the desired state; the body of
 * {@code /status}. People's numbers in error texts are masked unless {@code showNumbers} (bot ids and
 * group ids are shown as they are). Each bot shows {@code seconds_since_last_run}, the time since its
 * last finished run by the board's clock: a number that keeps growing means runs stopped finishing.
 */
public final class StatusBoard {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** A phone number standing alone: not part of a group id ({@code group:<msisdn>-<epoch>}) or a word. */
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w:+-])\\+?\\d[\\d ]{5,18}\\d(?![\\w-])");

    private final String node;
    private final Clock clock;
    private final Map<BotId, RunRecord> runs = new TreeMap<>();
    private Snapshot lastLoad;
    private Instant lastLoadTime;
    private boolean everLoaded;

    public StatusBoard(String node) {
        this(node, Clock.systemUTC());
    }

    public StatusBoard(String node, Clock clock) {
        this.node = node;
        this.clock = clock;
    }

    public synchronized void recordRun(RunRecord run) {
        if (run.result() != RunResult.SKIPPED) {
            runs.put(run.bot(), run);
        }
    }

    public synchronized void recordLoad(Snapshot snapshot, Instant when) {
        lastLoad = snapshot;
        lastLoadTime = when;
        everLoaded |= snapshot.isValid();
    }

    /** Forgets bots that the files no longer declare. */
    public synchronized void retainBots(Set<BotId> bots) {
        runs.keySet().retainAll(bots);
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
        RunRecord run = runs.get(bot);
        if (run == null) {
            return Optional.empty();
        }
        Duration age = Duration.between(run.started().plus(run.duration()), clock.instant());
        return Optional.of(Math.max(0, age.toMillis()) / 1000.0);
    }

    public synchronized RunRecord lastRun(BotId bot) {
        return runs.get(bot);
    }

    public synchronized String toJson(boolean showNumbers) {
        return toJson(showNumbers, desiredStateProblem());
    }

    /** @param notReady why the daemon is not ready (empty: ready), as {@code /readyz} says */
    public synchronized String toJson(boolean showNumbers, Optional<String> notReady) {
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
        ObjectNode bots = root.putObject("bots");
        for (RunRecord run : runs.values()) {
            ObjectNode b = bots.putObject(run.bot().value());
            b.put("last_run", run.started().toString());
            b.put("duration_ms", run.duration().toMillis());
            secondsSinceLastRun(run.bot()).ifPresent(age -> b.put("seconds_since_last_run", age));
            b.put("node", run.node());
            b.put("commit", run.commit());
            b.put("result", run.result().label());
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
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String mask(String text, boolean showNumbers) {
        if (showNumbers) {
            return text;
        }
        Matcher m = NUMBER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String digits = m.group().replaceAll("[^0-9]", "");
            boolean isBot = runs.containsKey(new BotId(digits));
            m.appendReplacement(out, isBot ? Matcher.quoteReplacement(m.group()) : "+***");
        }
        m.appendTail(out);
        return out.toString();
    }
}
