package dev.roster.config;

import dev.roster.files.FileKind;
import dev.roster.model.BotId;
import dev.roster.model.Capabilities;
import dev.roster.model.DesiredState;
import dev.roster.model.GroupId;
import dev.roster.model.GroupRules;
import dev.roster.model.GroupSpec;
import dev.roster.model.JoinApproval;
import dev.roster.model.Membership;
import dev.roster.model.Msisdn;
import dev.roster.model.Provider;
import dev.roster.model.SourceLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads desired-state files (the format in DESIGN.md, "Desired state") into a {@link DesiredState}.
 * Paths are files or directories; directories are searched recursively for {@code *.yaml} and
 * {@code *.yml}, and every file is read in sorted path order. All errors of the run are collected and
 * thrown together in one {@link ConfigException}, sorted by file, line and column.
 */
public final class DesiredStateLoader {
    private static final Set<String> FILE_KEYS = orderedSet("bot", "groups");
    private static final Set<String> GROUP_KEYS =
            orderedSet("subject", "id", "previously", "admins", "members", "membership", "protect", "description",
                    "joinApproval");
    private static final Pattern BOT = Pattern.compile("\\+?[0-9]+");
    /** A group id of a provider whose ids are opaque (the Cloud API's). */
    private static final Pattern OPAQUE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    private static final List<String> JOIN_APPROVALS =
            java.util.Arrays.stream(JoinApproval.values()).map(JoinApproval::yamlName).toList();

    private final RosterSettings settings;
    private final Function<BotId, Capabilities> capabilities;
    private final PhoneNumbers phoneNumbers;

    /** Validates each bot's groups against its provider as {@code settings} configure it. */
    public DesiredStateLoader(RosterSettings settings) {
        this(settings, settings::capabilitiesOf);
    }

    /**
     * @param capabilities what each bot's provider can do ({@code settings::capabilitiesOf}): its subject and
     *                     description limits, participant limit, admins and join approval are checked per group
     */
    public DesiredStateLoader(RosterSettings settings, Function<BotId, Capabilities> capabilities) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
        this.phoneNumbers = new PhoneNumbers(settings.numbers().defaultRegion());
    }

    /** Reads every file under {@code paths}; throws with every error of the run when any file is invalid. */
    public LoadResult load(List<Path> paths) throws ConfigException {
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<Path> files = expand(paths, diagnostics);
        List<Declared> declared = new ArrayList<>();
        for (Path file : files) {
            readFile(file, diagnostics, declared);
        }
        declared = crossCheck(declared, diagnostics);
        diagnostics.sort(Diagnostic.BY_LOCATION);
        if (diagnostics.stream().anyMatch(Diagnostic::isError)) {
            throw new ConfigException(diagnostics);
        }
        List<GroupSpec> groups = declared.stream().map(Declared::spec).toList();
        return new LoadResult(new DesiredState(groups), diagnostics, files.size());
    }

    /**
     * A group as read, with what the cross-file checks compare and the positions they name. Groups with errors
     * of their own are checked too (so that every error is reported in one run); only their {@code spec} is
     * missing.
     *
     * @param spec the group, or null when it has errors
     */
    private record Declared(GroupSpec spec, BotId bot, String key, SourceLocation location, String subject,
            GroupId id, Map<String, SourceLocation> subjectLocations, SourceLocation idLocation) {}

    private static List<Path> expand(List<Path> paths, List<Diagnostic> diagnostics) {
        Set<Path> files = new LinkedHashSet<>();
        if (paths.isEmpty()) {
            diagnostics.add(Diagnostic.error(null, "no desired-state files given"));
        }
        for (Path path : paths) {
            FileKind kind = FileKind.of(path);
            if (kind == FileKind.REGULAR) {
                files.add(path);
            } else if (kind == FileKind.DIRECTORY) {
                int before = diagnostics.size();
                List<Path> found = yamlFilesUnder(path, diagnostics);
                if (found.isEmpty() && diagnostics.size() == before) {
                    diagnostics.add(Diagnostic.error(null, path + ": no .yaml or .yml files in this directory"));
                }
                files.addAll(found);
            } else if (kind == FileKind.MISSING) {
                diagnostics.add(Diagnostic.error(null, path + ": no such file or directory"));
            } else {
                diagnostics.add(notRegular(path, kind));
            }
        }
        return List.copyOf(files);
    }

    /**
     * The regular {@code *.yaml} and {@code *.yml} files under {@code dir}; one so named that is a FIFO, socket or
     * device is an error (it is never opened: a FIFO would block the read).
     */
    private static List<Path> yamlFilesUnder(Path dir, List<Diagnostic> diagnostics) {
        List<Path> found;
        try (Stream<Path> walk = Files.walk(dir)) {
            found = walk.filter(p -> !isHidden(dir.relativize(p)))
                    .filter(p -> {
                        String name = p.getFileName().toString();
                        return name.endsWith(".yaml") || name.endsWith(".yml");
                    })
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Path> files = new ArrayList<>();
        for (Path p : found) {
            FileKind kind = FileKind.of(p);
            if (kind == FileKind.REGULAR) {
                files.add(p);
            } else if (kind.isSpecial()) {
                diagnostics.add(notRegular(p, kind));
            }
        }
        return files;
    }

    private static Diagnostic notRegular(Path path, FileKind kind) {
        return Diagnostic.error(null, path + ": not a regular file (" + kind.description() + ")");
    }

    private static boolean isHidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private void readFile(Path file, List<Diagnostic> diagnostics, List<Declared> declared) {
        String name = file.toString();
        SafeYaml.Parsed parsed = SafeYaml.read(file, name);
        diagnostics.addAll(parsed.errors());
        if (parsed.empty()) {
            diagnostics.add(Diagnostic.warning(new SourceLocation(name, 1, 1), "file is empty; it declares nothing"));
            return;
        }
        if (parsed.root() == null) {
            return;
        }
        NodeReader r = new NodeReader(name, diagnostics);
        Map<String, NodeTuple> top = r.mapping(parsed.root(), "a desired-state file", "", FILE_KEYS);
        if (top == null) {
            return;
        }
        BotId bot = null;
        if (!top.containsKey("bot")) {
            r.error(parsed.root(), "missing 'bot' (the bot's number, e.g. bot: \"447506616260\")");
        } else {
            bot = bot(r, top.get("bot").getValueNode());
        }
        if (!top.containsKey("groups")) {
            r.error(parsed.root(), "missing 'groups'");
            return;
        }
        Node groups = top.get("groups").getValueNode();
        if (NodeReader.isNull(groups)) {
            r.warning(top.get("groups").getKeyNode(), "no groups declared");
            return;
        }
        List<NodeTuple> entries = r.entries(groups, "'groups'");
        if (entries == null) {
            return;
        }
        if (entries.isEmpty()) {
            r.warning(top.get("groups").getKeyNode(), "no groups declared");
        }
        for (NodeTuple entry : entries) {
            Declared group = group(r, bot, entry);
            if (group != null) {
                declared.add(group);
            }
        }
    }

    private BotId bot(NodeReader r, Node node) {
        String text = r.text(node, "bot");
        if (text == null) {
            if (node instanceof ScalarNode) {
                r.error(node, "bot must not be empty");
            }
            return null;
        }
        String value = text.strip();
        if (!BOT.matcher(value).matches()) {
            r.error(node, "bot must be the bot's number in international digits, e.g. \"447506616260\", not '"
                    + text + "'");
            return null;
        }
        String digits = value.startsWith("+") ? value.substring(1) : value;
        if (!PhoneNumbers.isValidInternational(digits) && capabilities.apply(BotId.of(digits)).botIdIsNumber()) {
            r.error(node, "bot '" + text + "' is not a valid international phone number");
            return null;
        }
        return BotId.of(digits);
    }

    /** One group; null when its bot is unknown. Errors are reported, and leave the result without a spec. */
    private Declared group(NodeReader r, BotId bot, NodeTuple entry) {
        Node keyNode = entry.getKeyNode();
        String key = ((ScalarNode) keyNode).getValue();
        int errorsBefore = r.errorCount();
        if (!GroupRules.isValidKey(key)) {
            r.error(keyNode, "group key '" + key
                    + "' must match [a-z0-9][a-z0-9._-]* (lower-case letters, digits, '.', '_', '-')");
        }
        Node value = entry.getValueNode();
        Map<String, NodeTuple> m = NodeReader.isNull(value) ? Map.of()
                : r.mapping(value, "group '" + key + "'", "", GROUP_KEYS);
        if (m == null) {
            return null;
        }
        Capabilities caps = bot == null ? null : capabilities.apply(bot);
        Map<String, SourceLocation> subjectLocations = new LinkedHashMap<>();
        String subject = subject(r, key, keyNode, m.get("subject"), caps);
        if (subject != null) {
            subjectLocations.put(subject, r.at(m.get("subject").getValueNode()));
        }
        GroupId id = null;
        SourceLocation idLocation = null;
        if (m.containsKey("id")) {
            Node idNode = m.get("id").getValueNode();
            String text = r.text(idNode, "id");
            boolean opaque = caps != null && !caps.botIdIsNumber();
            if (text != null && (opaque ? OPAQUE_ID.matcher(text.strip()).matches()
                    : GroupId.isWellFormed(text.strip()))) {
                id = GroupId.of(text.strip());
                idLocation = r.at(idNode);
            } else if (idNode instanceof ScalarNode && opaque) {
                r.error(idNode, "id must be a group id as " + apiName(caps.provider()) + " gives it (letters, digits,"
                        + " '.', '_', ':', '-'), not " + NodeReader.describe(idNode));
            } else if (idNode instanceof ScalarNode) {
                r.error(idNode, "id must have the form group:<digits>-<digits>, e.g. group:447506616260-1565342732,"
                        + " not " + NodeReader.describe(idNode));
            }
        }
        List<String> previously = new ArrayList<>();
        if (m.containsKey("previously")) {
            List<Node> items = r.list(m.get("previously").getValueNode(), "previously");
            for (Node item : items == null ? List.<Node>of() : items) {
                String old = r.text(item, "each entry of previously");
                if (old == null || old.isBlank()) {
                    if (item instanceof ScalarNode) {
                        r.error(item, "an entry of previously must not be empty");
                    }
                } else if (!hasFormatCharacter(r, item, old, "an entry of previously")) {
                    previously.add(old);
                    subjectLocations.putIfAbsent(old, r.at(item));
                }
            }
        }
        Set<Msisdn> admins = numbers(r, m.get("admins"), "admins");
        Set<Msisdn> members = numbers(r, m.get("members"), "members");
        Membership membership = Membership.EXACT;
        if (m.containsKey("membership")) {
            Node node = m.get("membership").getValueNode();
            String text = r.text(node, "membership");
            if ("exact".equals(text)) {
                membership = Membership.EXACT;
            } else if ("additive".equals(text)) {
                membership = Membership.ADDITIVE;
            } else if (node instanceof ScalarNode) {
                r.error(node, "membership must be exact or additive, not " + NodeReader.describe(node));
            }
        }
        boolean protect = false;
        if (m.containsKey("protect")) {
            Boolean b = r.bool(m.get("protect").getValueNode(), "protect");
            protect = b != null && b;
        }
        String description = m.containsKey("description") ? description(r, m.get("description"), caps) : null;
        JoinApproval joinApproval = m.containsKey("joinApproval") ? joinApproval(r, m.get("joinApproval"), caps)
                : null;
        if (bot == null) {
            return null;
        }
        checkParticipants(r, bot, key, m, admins, members, caps);
        SourceLocation location = r.at(keyNode);
        GroupSpec spec = r.errorCount() > errorsBefore || subject == null ? null
                : new GroupSpec(bot, key, subject, id, previously, admins, members, membership, protect, location,
                        description, joinApproval);
        return new Declared(spec, bot, key, location, subject, id, subjectLocations, idLocation);
    }

    private String subject(NodeReader r, String key, Node keyNode, NodeTuple entry, Capabilities caps) {
        if (entry == null) {
            r.error(keyNode, "group '" + key + "' is missing 'subject'");
            return null;
        }
        Node node = entry.getValueNode();
        String subject = r.text(node, "subject");
        if (subject == null || subject.isBlank()) {
            if (node instanceof ScalarNode) {
                r.error(node, "subject must not be empty");
            }
            return null;
        }
        String problem = GroupRules.subjectProblem(subject, Integer.MAX_VALUE);
        int max = caps != null ? caps.subjectMaxLength() : settings.reconcile().subjectMaxLength();
        int length = subject.codePointCount(0, subject.length());
        if (problem == null && length > max) {
            problem = "subject is " + length + " characters long; at most " + max + " are allowed ("
                    + (caps == null || caps.provider() == Provider.SINCH ? "reconcile.subjectMaxLength"
                            : apiName(caps.provider()) + "'s limit") + ")";
        }
        if (problem != null) {
            r.error(node, problem);
            return null;
        }
        if (hasFormatCharacter(r, node, subject, "subject")) {
            return null;
        }
        return subject;
    }

    /**
     * The description: any text without control characters other than line breaks, at most the provider's
     * {@link Capabilities#descriptionMaxLength()}; null (after reporting) when it is wrong or the provider has none.
     */
    private static String description(NodeReader r, NodeTuple entry, Capabilities caps) {
        Node node = entry.getValueNode();
        String text = r.text(node, "description");
        if (text == null) {
            return null;
        }
        if (caps != null && caps.descriptionMaxLength() == 0) {
            r.error(entry.getKeyNode(), apiName(caps.provider()) + " has no group description; remove `description`");
            return null;
        }
        int control = text.codePoints().filter(c -> Character.isISOControl(c) && c != '\n' && c != '\r')
                .findFirst().orElse(-1);
        if (control >= 0) {
            r.error(node, "description must not hold control characters other than line breaks (found "
                    + String.format("U+%04X", control) + ")");
            return null;
        }
        int length = text.codePointCount(0, text.length());
        if (caps != null && length > caps.descriptionMaxLength()) {
            r.error(node, "description is " + length + " characters long; at most " + caps.descriptionMaxLength()
                    + " are allowed (" + apiName(caps.provider()) + "'s limit)");
            return null;
        }
        return text;
    }

    /** {@code required} or {@code auto}; null (after reporting) when wrong or the provider has no join approval. */
    private static JoinApproval joinApproval(NodeReader r, NodeTuple entry, Capabilities caps) {
        Node node = entry.getValueNode();
        String text = r.text(node, "joinApproval");
        if (text == null) {
            if (node instanceof ScalarNode) {
                r.error(node, "joinApproval must be required or auto, not an empty value");
            }
            return null;
        }
        if (caps != null && !caps.joinApproval()) {
            r.error(entry.getKeyNode(), apiName(caps.provider()) + " has no join approval; remove `joinApproval`");
            return null;
        }
        JoinApproval value = JOIN_APPROVALS.contains(text) ? JoinApproval.parse(text) : null;
        if (value == null) {
            r.error(node, NodeReader.notOneOf("joinApproval", text, JOIN_APPROVALS));
        }
        return value;
    }

    /**
     * Reports admins declared for a provider without admins, and more declared participants (the bot not counted)
     * than the provider's limit.
     */
    private static void checkParticipants(NodeReader r, BotId bot, String key, Map<String, NodeTuple> m,
            Set<Msisdn> admins, Set<Msisdn> members, Capabilities caps) {
        if (!caps.admins() && !admins.isEmpty()) {
            r.error(m.get("admins").getKeyNode(), apiName(caps.provider()) + " has no admins other than the business;"
                    + " remove `admins` (declare these people under `members`)");
        }
        Set<Msisdn> all = new java.util.TreeSet<>(members);
        all.addAll(admins);
        Msisdn botNumber = caps.botNumber(bot);
        if (botNumber != null) {
            all.remove(botNumber);
        }
        if (caps.maxParticipants() > 0 && all.size() > caps.maxParticipants()) {
            NodeTuple at = m.containsKey("members") ? m.get("members") : m.get("admins");
            r.error(at.getKeyNode(), "group '" + key + "' declares " + all.size() + " participants; "
                    + apiName(caps.provider()) + " allows at most " + caps.maxParticipants()
                    + " (api.cloud.maxParticipants), the bot not counted");
        }
    }

    /** How messages name a provider's API. */
    private static String apiName(Provider provider) {
        return switch (provider) {
            case SINCH -> "the v1 API";
            case CLOUD -> "the Cloud API";
        };
    }

    /**
     * Reports an invisible Unicode format character in a subject or an old subject (see {@link FormatCharacters}),
     * unless {@code reconcile.allowFormatCharacters} is set; true when reported.
     */
    private boolean hasFormatCharacter(NodeReader r, Node node, String text, String what) {
        if (settings.reconcile().allowFormatCharacters()) {
            return false;
        }
        String found = FormatCharacters.first(text);
        if (found == null) {
            return false;
        }
        r.error(node, what + " contains " + found + ", an invisible Unicode format character that can make one subject"
                + " look like another; remove it, or set reconcile.allowFormatCharacters: true");
        return true;
    }

    private Set<Msisdn> numbers(NodeReader r, NodeTuple entry, String listName) {
        Set<Msisdn> numbers = new LinkedHashSet<>();
        if (entry == null) {
            return numbers;
        }
        List<Node> items = r.list(entry.getValueNode(), listName);
        if (items == null) {
            return numbers;
        }
        Map<Msisdn, Node> first = new HashMap<>();
        for (Node item : items) {
            String text = r.text(item, "each entry of " + listName);
            if (text == null) {
                if (item instanceof ScalarNode) {
                    r.error(item, "an entry of " + listName + " is empty");
                }
                continue;
            }
            PhoneNumbers.Result result = phoneNumbers.read(text);
            if (!result.ok()) {
                r.error(item, result.error());
                continue;
            }
            Node earlier = first.putIfAbsent(result.number(), item);
            if (earlier != null) {
                r.error(item, "duplicate number " + result.number() + " in " + listName + " (first at "
                        + r.at(earlier) + ")");
                continue;
            }
            numbers.add(result.number());
        }
        return numbers;
    }

    /**
     * Identity rules across files: unique keys per bot, unambiguous subjects per bot (groups that are both
     * pinned by {@code id} may share a subject: the id tells them apart), each id pinned once.
     */
    /** Checks identity across groups and files; returns the groups that are valid and declared once. */
    private static List<Declared> crossCheck(List<Declared> declared, List<Diagnostic> diagnostics) {
        Map<BotId, Map<String, Declared>> keys = new HashMap<>();
        Map<BotId, Map<String, Declared>> subjects = new HashMap<>();
        Map<GroupId, Declared> ids = new HashMap<>();
        List<Declared> kept = new ArrayList<>();
        for (Declared d : declared) {
            Declared sameKey = keys.computeIfAbsent(d.bot(), b -> new HashMap<>()).putIfAbsent(d.key(), d);
            if (sameKey != null) {
                diagnostics.add(Diagnostic.error(d.location(), "group '" + d.key() + "' of bot " + d.bot()
                        + " is declared twice (also at " + sameKey.location() + ")"));
                continue;
            }
            if (d.spec() != null) {
                kept.add(d);
            }
            Map<String, Declared> botSubjects = subjects.computeIfAbsent(d.bot(), b -> new HashMap<>());
            for (Map.Entry<String, SourceLocation> s : d.subjectLocations().entrySet()) {
                Declared other = botSubjects.putIfAbsent(s.getKey(), d);
                boolean bothPinned = other != null && d.id() != null && other.id() != null;
                if (other != null && other != d && !bothPinned) {
                    String what = s.getKey().equals(d.subject()) ? "subject" : "previously";
                    String otherWhat = s.getKey().equals(other.subject()) ? "the subject" : "in previously";
                    diagnostics.add(Diagnostic.error(s.getValue(), what + " '" + s.getKey() + "' of group '"
                            + d.key() + "' is also " + otherWhat + " of group '" + other.key() + "' ("
                            + other.subjectLocations().get(s.getKey())
                            + "); identity would be ambiguous"));
                }
            }
            if (d.id() != null) {
                Declared other = ids.putIfAbsent(d.id(), d);
                if (other != null) {
                    diagnostics.add(Diagnostic.error(d.idLocation(), "id " + d.id() + " is pinned twice (also by group '"
                            + other.key() + "' at " + other.idLocation() + ")"));
                }
            }
        }
        return kept;
    }

    private static Set<String> orderedSet(String... names) {
        return new LinkedHashSet<>(List.of(names));
    }
}
