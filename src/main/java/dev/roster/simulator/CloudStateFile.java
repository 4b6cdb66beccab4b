package dev.roster.simulator;

import dev.roster.model.BotId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code cloud_groups} and {@code cloud} parts of a {@link StateFile}: one cloud group, and the id counter. */
final class CloudStateFile {
    private CloudStateFile() {}

    /** A cloud group of {@code bot} as written in a state file; its place in the list is set by the restore. */
    static CloudGroups.Group group(BotId bot, Map<?, ?> node, String where, CloudGroups store) {
        String id = text(node.get("id"), where + ".id", null);
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(where + ".id: required");
        }
        Instant created = StateFile.instant(node.get("created"), where + ".created");
        CloudGroups.Group g = new CloudGroups.Group(id.trim(), bot, 0,
                created == null ? store.now() : created.getEpochSecond());
        g.subject = text(node.get("subject"), where + ".subject", "");
        g.description = text(node.get("description"), where + ".description", "");
        g.joinMode = text(node.get("join_approval_mode"), where + ".join_approval_mode", CloudGroups.AUTO_APPROVE);
        if (!g.joinMode.equals(CloudGroups.AUTO_APPROVE) && !g.joinMode.equals(CloudGroups.APPROVAL_REQUIRED)) {
            throw new IllegalArgumentException(where + ".join_approval_mode: " + CloudGroups.AUTO_APPROVE + " or "
                    + CloudGroups.APPROVAL_REQUIRED + ", not " + g.joinMode);
        }
        g.suspended = bool(node.get("suspended"), where + ".suspended");
        g.invite = text(node.get("invite"), where + ".invite", null);
        waIds(node.get("participants"), where + ".participants", g.participants);
        waIds(node.get("barred"), where + ".barred", g.barred);
        List<?> requests = StateFile.list(node.get("join_requests"), where + ".join_requests");
        for (int i = 0; i < requests.size(); i++) {
            String at = where + ".join_requests[" + i + "]";
            Map<?, ?> request = StateFile.map(requests.get(i), at);
            String requestId = text(request.get("id"), at + ".id", "");
            if (requestId.isBlank()) {
                throw new IllegalArgumentException(at + ".id: required");
            }
            Instant when = StateFile.instant(request.get("created"), at + ".created");
            g.requests.put(requestId.trim(), new CloudGroups.JoinRequest(waId(request.get("wa_id"), at + ".wa_id"),
                    when == null ? store.now() : when.getEpochSecond()));
        }
        return g;
    }

    /** {@code cloud.next_id}: a positive whole number, 1 when absent. */
    static long nextId(Map<?, ?> node) {
        Object next = node.get("next_id");
        if (next == null) {
            return 1;
        }
        if (next instanceof Number n && n.longValue() >= 1 && n.doubleValue() == n.longValue()) {
            return n.longValue();
        }
        throw new IllegalArgumentException("cloud.next_id: expected a positive whole number, not " + next);
    }

    static Map<String, Object> tree(CloudGroups.Group g) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("id", g.id);
        node.put("subject", g.subject);
        node.put("description", g.description);
        node.put("join_approval_mode", g.joinMode);
        node.put("suspended", g.suspended);
        node.put("invite", g.invite);
        node.put("created", Instant.ofEpochSecond(g.created).toString());
        node.put("participants", StateFile.list(g.participants.stream().map(w -> "+" + w)));
        node.put("barred", StateFile.list(g.barred.stream().map(w -> "+" + w)));
        node.put("join_requests", StateFile.list(g.requests.entrySet().stream().map(e -> {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("id", e.getKey());
            request.put("wa_id", "+" + e.getValue().waId());
            request.put("created", Instant.ofEpochSecond(e.getValue().created()).toString());
            return request;
        })));
        return node;
    }

    static Map<String, Object> counterTree(long nextId) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("next_id", nextId);
        return node;
    }

    private static String text(Object node, String where, String absent) {
        if (node == null) {
            return absent;
        }
        if (node instanceof Map || node instanceof List) {
            throw new IllegalArgumentException(where + ": expected text");
        }
        return node.toString();
    }

    private static boolean bool(Object node, String where) {
        if (node == null) {
            return false;
        }
        if (node instanceof Boolean b) {
            return b;
        }
        if (node.toString().equalsIgnoreCase("true") || node.toString().equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(node.toString());
        }
        throw new IllegalArgumentException(where + ": expected true or false, not " + node);
    }

    private static void waIds(Object node, String where, Set<String> into) {
        List<?> list = StateFile.list(node, where);
        for (int i = 0; i < list.size(); i++) {
            into.add(waId(list.get(i), where + "[" + i + "]"));
        }
    }

    /** A wa_id as digits; '+', spaces, dashes, dots and brackets are dropped. */
    private static String waId(Object node, String where) {
        String raw = node == null ? "" : node.toString();
        String digits = raw.replaceAll("[+\\s\\-.()]", "");
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(where + ": not a phone number or wa_id: " + raw);
        }
        return digits;
    }
}
