package dev.roster.daemon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.model.BotId;
import dev.roster.model.Msisdn;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What this node knows about each bot's last run and the last load of the desired state; the body of
 * {@code /status}. People's numbers in error texts are masked unless {@code showNumbers} (bot ids and
 * group ids are shown as they are).
 */
public final class StatusBoard {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** A phone number standing alone: not part of a group id ({@code group:<msisdn>-<epoch>}) or a word. */
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w:+-])\\+?\\d[\\d ]{5,18}\\d(?![\\w-])");

    private final String node;
    private final Map<BotId, RunRecord> runs = new TreeMap<>();
    private Snapshot lastLoad;
    private Instant lastLoadTime;
    private boolean everLoaded;

    public StatusBoard(String node) {
        this.node = node;
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

    /** True once the desired state has loaded successfully at least once. */
    public synchronized boolean isReady() {
        return everLoaded;
    }

    public synchronized RunRecord lastRun(BotId bot) {
        return runs.get(bot);
    }

    public synchronized String toJson(boolean showNumbers) {
        ObjectNode root = JSON.createObjectNode();
        root.put("node", node);
        root.put("ready", everLoaded);
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
