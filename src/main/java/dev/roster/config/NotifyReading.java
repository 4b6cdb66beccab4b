package dev.roster.config;

import dev.roster.config.RosterSettings.NotifyKind;
import dev.roster.config.RosterSettings.NotifyTarget;
import dev.roster.config.RosterSettings.NotifyTargetType;
import dev.roster.model.Secret;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Reads the {@code notify} section: {@code targets} (each {@code {type, url, secret}}) and {@code on}. A target's
 * URL is a secret (a Slack incoming-webhook URL grants posting to the channel): no message shows more of it than
 * its scheme and host. A URL that is empty after expansion (an unset variable) turns its target off, with a warning.
 */
final class NotifyReading {
    private static final Set<String> TARGET_KEYS = Set.of("type", "url", "secret");
    private static final Set<String> KINDS = Arrays.stream(NotifyKind.values()).map(NotifyKind::label)
            .collect(Collectors.toCollection(java.util.LinkedHashSet::new));

    /** The reads of the settings file that this section shares with the others. */
    interface Values {
        /** The text with {@code ${VAR}} expanded; null (after reporting) when it is malformed. */
        String expand(Node node, String text, String path);

        /** A credential; null when absent or empty. */
        Secret secret(NodeTuple entry, String path, String suggestion);
    }

    private final NodeReader reader;
    private final List<Diagnostic> warnings;
    private final Values values;

    NotifyReading(NodeReader reader, List<Diagnostic> warnings, Values values) {
        this.reader = reader;
        this.warnings = warnings;
        this.values = values;
    }

    RosterSettings.Notify read(Map<String, NodeTuple> section, RosterSettings.Notify d) {
        List<NotifyTarget> targets = targets(section.get("targets"));
        Set<NotifyKind> on = on(section.get("on"), d.on());
        return new RosterSettings.Notify(targets, on);
    }

    private List<NotifyTarget> targets(NodeTuple entry) {
        if (entry == null || NodeReader.isNull(entry.getValueNode())) {
            return List.of();
        }
        List<Node> items = reader.list(entry.getValueNode(), "notify.targets");
        if (items == null) {
            return List.of();
        }
        List<NotifyTarget> targets = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            NotifyTarget t = target(items.get(i), "notify.targets[" + i + "]");
            if (t != null) {
                targets.add(t);
            }
        }
        return targets;
    }

    private NotifyTarget target(Node node, String name) {
        Map<String, NodeTuple> m = reader.mapping(node, "'" + name + "'", name + ".", TARGET_KEYS);
        if (m == null) {
            return null;
        }
        NotifyTargetType type = type(node, m.get("type"), name);
        Secret secret = null;
        NodeTuple secretEntry = m.get("secret");
        if (secretEntry != null && type == NotifyTargetType.SLACK) {
            reader.error(secretEntry.getKeyNode(), name + ".secret: only a webhook target signs its body;"
                    + " a slack target takes no secret");
        } else if (secretEntry != null) {
            secret = values.secret(secretEntry, name + ".secret", "${ROSTER_NOTIFY_SECRET}");
        }
        NodeTuple urlEntry = m.get("url");
        if (urlEntry == null || NodeReader.isNull(urlEntry.getValueNode())) {
            reader.error(urlEntry == null ? node : urlEntry.getValueNode(), name + " needs a url");
            return null;
        }
        Node urlNode = urlEntry.getValueNode();
        String raw = reader.text(urlNode, name + ".url");
        String url = raw == null ? null : values.expand(urlNode, raw, name + ".url");
        if (url == null || type == null) {
            return null;
        }
        if (url.isBlank()) {
            warn(urlNode, name + ".url is empty (an unset variable?): this target is off");
            return null;
        }
        URI uri = httpUrl(urlNode, url.strip(), name);
        if (uri == null) {
            return null;
        }
        boolean secretBearing = type == NotifyTargetType.SLACK || uri.getRawUserInfo() != null;
        if (secretBearing && !raw.contains("${")) {
            warn(urlNode, name + ".url is written literally in " + reader.file() + "; it is a secret"
                    + " (it lets anyone post), so give it from the environment, e.g. ${SLACK_WEBHOOK_URL}");
        }
        if (uri.getScheme().equalsIgnoreCase("http") && !SettingsLoader.isLoopback(uri.getHost())) {
            warn(urlNode, name + ".url: plain http to " + uri.getHost()
                    + " sends notifications unencrypted; use https");
        }
        return new NotifyTarget(type, Secret.of(url.strip()), uri.getHost(), secret);
    }

    private void warn(Node node, String message) {
        warnings.add(Diagnostic.warning(reader.at(node), message));
    }

    private NotifyTargetType type(Node target, NodeTuple entry, String name) {
        if (entry == null) {
            reader.error(target, name + " needs a type: webhook or slack");
            return null;
        }
        Node node = entry.getValueNode();
        String v = values.expand(node, reader.text(node, name + ".type"), name + ".type");
        for (NotifyTargetType t : NotifyTargetType.values()) {
            if (t.label().equals(v == null ? null : v.strip())) {
                return t;
            }
        }
        if (v != null) {
            reader.error(node, name + ".type must be webhook or slack, not '" + v + "'");
        }
        return null;
    }

    /** The URL when it is http(s) with a host; else null, reported with the scheme at most. */
    private URI httpUrl(Node node, String url, String name) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            reader.error(node, name + ".url is not a URL (an http or https URL with a host is needed)");
            return null;
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            reader.error(node, name + ".url must be an http or https URL" + (scheme == null ? ""
                    : ", not " + scheme.toLowerCase(Locale.ROOT) + ":"));
            return null;
        }
        if (uri.getHost() == null) {
            reader.error(node, name + ".url has no host");
            return null;
        }
        return uri;
    }

    private Set<NotifyKind> on(NodeTuple entry, Set<NotifyKind> d) {
        if (entry == null || NodeReader.isNull(entry.getValueNode())) {
            return d;
        }
        List<Node> items = reader.list(entry.getValueNode(), "notify.on");
        if (items == null) {
            return d;
        }
        if (items.isEmpty()) {
            reader.error(entry.getValueNode(), "notify.on must name at least one of " + String.join(", ", KINDS)
                    + " (to turn notifications off, list no targets)");
            return d;
        }
        Set<NotifyKind> on = EnumSet.noneOf(NotifyKind.class);
        for (Node item : items) {
            String v = values.expand(item, reader.text(item, "notify.on"), "notify.on");
            if (v == null) {
                continue;
            }
            String kind = v.strip();
            if (KINDS.contains(kind)) {
                on.add(NotifyKind.valueOf(kind.toUpperCase(Locale.ROOT)));
            } else {
                reader.error(item, "notify.on: unknown kind '" + kind + "'" + DidYouMean.suggest(kind, KINDS)
                        .map(s -> " (did you mean '" + s + "'?)")
                        .orElse("; expected " + String.join(", ", KINDS)));
            }
        }
        return on.isEmpty() ? d : on;
    }
}
