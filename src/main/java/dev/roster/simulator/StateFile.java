package dev.roster.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.files.PrivateFiles;
import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.LiveGroup;
import dev.roster.model.Msisdn;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Reads and writes the simulator's state file: JSON when the name ends in {@code .json}, YAML otherwise.
 * The format is meant to be written by hand:
 *
 * <pre>
 * bots:
 *   "46700000001":                      # a bot: its number, digits (a '+' is accepted)
 *     groups:                           # optional
 *       - id: "group:46700000001-1700000000"
 *         subject: Sales Team
 *         creator: "+46700000001"       # optional, defaults to the bot
 *         admins: ["+46700000001", "+46701234567"]
 *         members: ["+46709876543"]     # participants who are not admins
 *         created: "2024-01-01T10:00:00Z"   # optional, defaults to load time
 *         invite: "https://chat.whatsapp.com/abc"   # optional, made on first GET
 *     cloud_groups:                     # optional: groups of the Cloud API dialect (see CloudGroups)
 *       - id: cg1000001
 *         subject: Crew
 *         description: Who we are       # optional, default ""
 *         join_approval_mode: approval_required   # optional, default auto_approve
 *         suspended: false              # optional
 *         invite: "https://chat.whatsapp.com/Sim2kf"   # optional, made at load
 *         created: "2026-01-01T10:00:00Z"   # optional, defaults to load time
 *         participants: ["+46701234567"]    # wa_ids; the business is not listed
 *         barred: ["+46709876543"]          # removed by the business: cannot join by link again
 *         join_requests:                # optional
 *           - {id: jr7, wa_id: "+46705550000", created: "2026-01-02T08:00:00Z"}
 * cloud:                                # optional
 *   next_id: 8                          # the counter of cloud ids, links and message ids
 * </pre>
 *
 * Numbers may be written with or without '+' and with spaces or dashes. The creator is always an admin,
 * and the bot is made an admin when it is listed nowhere. Written files list numbers with '+'. Written files have
 * {@code cloud_groups} and {@code cloud} only once the Cloud API dialect was used, so a file from before it (or
 * without cloud groups) reads as before. A Cloud API group whose create was accepted but that was not visible yet
 * is written as an existing group (see {@link CloudGroups}).
 */
public final class StateFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StateFile() {}

    /** Adds the bots and groups of {@code file} to {@code state}; a file that does not exist adds nothing. */
    public static void load(Path file, SimulatorState state) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        Object root;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = isJson(file) ? JSON.readValue(in, Object.class) : yaml().load(in);
        } catch (YAMLException | com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(file + ": not readable as " + (isJson(file) ? "JSON" : "YAML") + ": "
                    + firstLine(e.getMessage()));
        }
        try {
            read(root, state);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage());
        }
    }

    /** Writes the whole state to {@code file} atomically (a temporary file, then a move), readable by its owner only. */
    public static void save(SimulatorState state, Path file) throws IOException {
        Map<String, Object> root = toTree(state);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = PrivateFiles.temporaryFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                if (isJson(file)) {
                    JSON.writerWithDefaultPrettyPrinter().writeValue(out, root);
                } else {
                    yaml().dump(root, out);
                }
            }
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static boolean isJson(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    }

    private static Yaml yaml() {
        DumperOptions dump = new DumperOptions();
        dump.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        dump.setIndicatorIndent(2);
        dump.setIndentWithIndicator(true);
        return new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(dump), dump);
    }

    private static void read(Object root, SimulatorState state) {
        if (root == null) {
            return;
        }
        Map<?, ?> top = map(root, "the file");
        Object botsNode = top.get("bots");
        if (botsNode == null) {
            if (top.containsKey("bot") && top.containsKey("groups")) {
                throw new IllegalArgumentException("this is a desired-state file (it has 'bot:' and 'groups:'), not"
                        + " the simulator's state; the state lists live groups under 'bots:' (see `roster simulator"
                        + " --help`), and `roster import` turns live groups into desired state");
            }
            Set<Object> unknown = new LinkedHashSet<>(top.keySet());
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("no 'bots:' key, only " + unknown
                        + "; the simulator's state lists live groups under 'bots:'");
            }
            return;
        }
        List<CloudGroups.Group> cloudGroups = new ArrayList<>();
        for (Map.Entry<?, ?> e : map(botsNode, "bots").entrySet()) {
            String where = "bots." + e.getKey();
            BotId bot = botId(e.getKey(), where);
            state.addBot(bot);
            if (e.getValue() == null) {
                continue;
            }
            Map<?, ?> botNode = map(e.getValue(), where);
            List<?> groups = list(botNode.get("groups"), where + ".groups");
            for (int i = 0; i < groups.size(); i++) {
                String at = where + ".groups[" + i + "]";
                state.restore(bot, group(map(groups.get(i), at), at));
            }
            List<?> cloud = list(botNode.get("cloud_groups"), where + ".cloud_groups");
            for (int i = 0; i < cloud.size(); i++) {
                String at = where + ".cloud_groups[" + i + "]";
                cloudGroups.add(CloudStateFile.group(bot, map(cloud.get(i), at), at, state.cloud()));
            }
        }
        long nextId = top.get("cloud") == null ? 1 : CloudStateFile.nextId(map(top.get("cloud"), "cloud"));
        state.cloud().restore(cloudGroups, nextId);
    }

    /**
     * A list of its own for the writer: YAML would write one list object met twice (Java's shared empty list) as an
     * anchor and an alias ({@code &id001 []}, {@code *id001}), which is correct but hard to edit by hand.
     */
    static List<Object> list(Stream<?> items) {
        return new ArrayList<>(items.toList());
    }

    /**
     * A bot's key: digits (a '+' before them is dropped) as they are, since a Cloud API bot is a phone-number id
     * that may be longer than a phone number; anything else read as a phone number.
     */
    private static BotId botId(Object key, String where) {
        String raw = String.valueOf(key).trim();
        String digits = raw.startsWith("+") ? raw.substring(1) : raw;
        if (!digits.isEmpty() && digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return BotId.of(digits);
        }
        return BotId.of(number(key, where).digits());
    }

    /** The list at {@code node}, empty when absent. */
    static List<?> list(Object node, String where) {
        if (node == null) {
            return List.of();
        }
        if (node instanceof List<?> list) {
            return list;
        }
        throw new IllegalArgumentException(where + ": expected a list");
    }

    private static SimulatorState.StoredGroup group(Map<?, ?> node, String where) {
        Object id = node.get("id");
        if (id == null || id.toString().isBlank()) {
            throw new IllegalArgumentException(where + ".id: required");
        }
        Object subject = node.get("subject");
        Msisdn creator = node.get("creator") == null ? null : number(node.get("creator"), where + ".creator");
        Set<Msisdn> admins = numbers(node.get("admins"), where + ".admins");
        Set<Msisdn> members = numbers(node.get("members"), where + ".members");
        Instant created = instant(node.get("created"), where + ".created");
        Object invite = node.get("invite");
        LiveGroup group = new LiveGroup(GroupId.of(id.toString()), subject == null ? "" : subject.toString(),
                creator, admins, members);
        return new SimulatorState.StoredGroup(group, created, invite == null ? null : invite.toString());
    }

    static Map<?, ?> map(Object node, String where) {
        if (node instanceof Map<?, ?> m) {
            return m;
        }
        throw new IllegalArgumentException(where + ": expected a mapping");
    }

    private static Set<Msisdn> numbers(Object node, String where) {
        Set<Msisdn> numbers = new LinkedHashSet<>();
        if (node == null) {
            return numbers;
        }
        if (!(node instanceof List<?> list)) {
            throw new IllegalArgumentException(where + ": expected a list of numbers");
        }
        for (int i = 0; i < list.size(); i++) {
            numbers.add(number(list.get(i), where + "[" + i + "]"));
        }
        return numbers;
    }

    private static Msisdn number(Object node, String where) {
        try {
            return Msisdn.parse(String.valueOf(node));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
    }

    static Instant instant(Object node, String where) {
        if (node == null) {
            return null;
        }
        if (node instanceof Date date) {
            return date.toInstant();
        }
        try {
            return Instant.parse(node.toString());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + ": not an ISO-8601 instant: " + node);
        }
    }

    private static Map<String, Object> toTree(SimulatorState state) {
        Map<String, Object> bots = new LinkedHashMap<>();
        CloudGroups.Dump cloud = state.cloud().dump();
        state.dump().forEach((bot, groups) -> {
            List<Object> list = new ArrayList<>();
            for (SimulatorState.StoredGroup stored : groups) {
                LiveGroup g = stored.group();
                Map<String, Object> node = new LinkedHashMap<>();
                node.put("id", g.id().value());
                node.put("subject", g.subject());
                node.put("creator", g.creator().e164());
                node.put("admins", list(g.admins().stream().map(Msisdn::e164)));
                node.put("members", list(g.members().stream().map(Msisdn::e164)));
                node.put("created", stored.created().toString());
                if (stored.invite() != null) {
                    node.put("invite", stored.invite());
                }
                list.add(node);
            }
            Map<String, Object> botNode = new LinkedHashMap<>();
            botNode.put("groups", list);
            List<Object> cloudGroups = cloud.groups().stream().filter(g -> g.bot.equals(bot))
                    .map(g -> (Object) CloudStateFile.tree(g)).toList();
            if (!cloudGroups.isEmpty()) {
                botNode.put("cloud_groups", cloudGroups);
            }
            bots.put(bot.value(), botNode);
        });
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("bots", bots);
        if (cloud.nextId() > 1) {
            root.put("cloud", CloudStateFile.counterTree(cloud.nextId()));
        }
        return root;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "syntax error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
