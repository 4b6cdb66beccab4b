package dev.roster.daemon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.config.RosterSettings.NotifyKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one notification says, and its two bodies: the generic webhook's JSON and a Slack-compatible
 * {@code {"text": ...}}. People's numbers never leave: in error lines every run of 6 or more digits (spaces
 * allowed between them, a leading {@code +} included) becomes {@code ***}, except the bot's own id.
 *
 * @param commit  the desired state's commit, or null for local files
 * @param at      when the run ended
 * @param summary one line, numbers masked
 * @param errors  the run's errors, numbers masked, at most {@link #MAX_ERRORS}
 */
record Notification(NotifyKind kind, String bot, String commit, String node, Instant at, String summary,
        List<String> errors, int drift, int pending) {
    static final int MAX_ERRORS = 20;
    private static final int MAX_LINE = 300;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NUMBER = Pattern.compile("\\+?(?<!\\d)\\d(?: ?\\d){5,}(?!\\d)");

    Notification {
        errors = List.copyOf(errors);
    }

    /** The notification of {@code kind} for a run; {@code applyMode} words the failure ("apply failed"). */
    static Notification of(RunRecord run, NotifyKind kind, boolean applyMode) {
        String bot = run.bot().value();
        List<String> errors = run.errors().stream().limit(MAX_ERRORS).map(e -> mask(e, bot)).toList();
        String origin = run.commit() == null ? "from the local files"
                : "at commit " + run.commit().substring(0, Math.min(7, run.commit().length()));
        String first = errors.isEmpty() ? "" : ": " + errors.get(0)
                + (run.errors().size() > 1 ? " (and " + (run.errors().size() - 1) + " more)" : "");
        String summary = switch (kind) {
            case DRIFT -> "bot " + bot + " has " + run.drift() + " change(s) of drift " + origin
                    + " (report mode: nothing written)";
            case FAILED -> "bot " + bot + (applyMode ? " apply" : " run") + " failed " + origin + first;
            case REFUSED -> "bot " + bot + " apply refused by a guard " + origin + first;
            case INVALID -> "bot " + bot + " desired files invalid " + origin + first;
            case RECOVERED -> "bot " + bot + " recovered " + origin + ": " + run.changesApplied()
                    + " change(s) applied";
        };
        return new Notification(kind, bot, run.commit(), run.node(), run.started().plus(run.duration()), summary,
                errors, run.drift(), run.pending());
    }

    /** The documented webhook body (docs/daemon.md, "Notifications"). */
    byte[] webhookBody() {
        ObjectNode root = JSON.createObjectNode();
        root.put("kind", kind.label());
        root.put("bot", bot);
        root.put("commit", commit);
        root.put("node", node);
        root.put("at", at.toString());
        root.put("summary", summary);
        errors.forEach(root.putArray("errors")::add);
        root.put("drift", drift);
        root.put("pending", pending);
        return write(root);
    }

    /** A Slack incoming-webhook body: the summary after {@code roster: }, escaped as Slack's text needs. */
    byte[] slackBody() {
        String text = ("roster: " + summary).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return write(JSON.createObjectNode().put("text", text));
    }

    /** {@code text} with every number that is not {@code bot} masked, cut to one line of at most 300 characters. */
    static String mask(String text, String bot) {
        Matcher m = NUMBER.matcher(text.replaceAll("[\\r\\n]+", " "));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            boolean isBot = m.group().replaceAll("\\D", "").equals(bot);
            m.appendReplacement(out, isBot ? Matcher.quoteReplacement(m.group()) : "***");
        }
        m.appendTail(out);
        return out.length() <= MAX_LINE ? out.toString() : out.substring(0, MAX_LINE - 1) + "…";
    }

    private static byte[] write(ObjectNode root) {
        try {
            return JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
