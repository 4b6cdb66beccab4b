package dev.roster.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.model.BotId;
import dev.roster.model.Capabilities;
import dev.roster.model.GroupId;
import dev.roster.model.GroupRules;
import dev.roster.model.JoinApproval;
import dev.roster.model.JoinRequest;
import dev.roster.model.Msisdn;
import dev.roster.plan.Action;
import dev.roster.plan.AddAdmins;
import dev.roster.plan.ApproveJoinRequests;
import dev.roster.plan.Change;
import dev.roster.plan.CreateGroup;
import dev.roster.plan.DeleteGroup;
import dev.roster.plan.LeaveGroup;
import dev.roster.plan.RejectJoinRequests;
import dev.roster.plan.RemoveAdmins;
import dev.roster.plan.RemoveMembers;
import dev.roster.plan.RotateInvite;
import dev.roster.plan.SavedGroupPlan;
import dev.roster.plan.SavedPlan;
import dev.roster.plan.SendInvites;
import dev.roster.plan.SetDescription;
import dev.roster.plan.SetSubject;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads the values of a saved plan whose signature held, and checks each as the desired-state loader would:
 * bots are international numbers, group keys follow {@link GroupRules#isValidKey}, subjects follow
 * {@link GroupRules#subjectProblem} (control characters, {@code reconcile.subjectMaxLength}), descriptions are at
 * most {@value #DESCRIPTION_MAX_LENGTH} characters without control characters but line breaks, join approval is
 * {@code required} or {@code auto}, numbers are parsed into {@link Msisdn} (no duplicates), join request ids are
 * printable and distinct, group ids have the documented form, and actions are known. It also checks that the plan
 * hangs together: each group's bot is one of the plan's bots and its id one the bot had; a group is created only as
 * its first change and then has no id and no change but invites; a group without a key is only left or deleted;
 * no action twice in a group, no group twice. Errors name the field, e.g. {@code groups[1].changes[0].to}.
 */
final class SavedPlanReader {
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{16}");
    /** The longest description any provider takes. */
    static final int DESCRIPTION_MAX_LENGTH = Capabilities.CLOUD_DESCRIPTION_MAX_LENGTH;
    /** The longest join request id read; the provider's are far shorter. */
    static final int REQUEST_ID_MAX_LENGTH = 256;

    private final SortedSet<BotId> bots;
    private final int subjectMaxLength;

    SavedPlanReader(SortedSet<BotId> bots, int subjectMaxLength) {
        this.bots = bots;
        this.subjectMaxLength = subjectMaxLength;
    }

    /** The {@code bots} field: sorted, distinct, each the digits of an international number. */
    static SortedSet<BotId> bots(ObjectNode root) {
        JsonNode array = root.get("bots");
        if (array == null || !array.isArray()) {
            throw new PlanFileException("saved plan has no \"bots\" (the bots it was planned for): "
                    + "write it with `roster plan --out`");
        }
        SortedSet<BotId> bots = new TreeSet<>();
        for (int i = 0; i < array.size(); i++) {
            String where = "bots[" + i + "]";
            JsonNode node = array.get(i);
            if (!node.isTextual() || !bots.add(bot(node.textValue(), where))) {
                throw new PlanFileException("saved plan: " + where + " must be a bot's number, given once");
            }
        }
        return bots;
    }

    SavedPlan plan(ObjectNode root) {
        Map<BotId, SortedSet<GroupId>> known = knownGroups(root.get("known_groups"));
        JsonNode groups = root.get("groups");
        if (groups == null || !groups.isArray()) {
            throw new PlanFileException("saved plan has no \"groups\": write it with `roster plan --out FILE`, "
                    + "not --format json");
        }
        List<SavedGroupPlan> saved = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < groups.size(); i++) {
            String where = "groups[" + i + "]";
            SavedGroupPlan g = group(groups.get(i), where, known);
            if ((g.key() != null && !seen.add(g.bot() + " key " + g.key()))
                    || (g.groupId() != null && !seen.add(g.bot() + " id " + g.groupId()))) {
                throw new PlanFileException("saved plan: " + where + ": the group is in the plan twice");
            }
            saved.add(g);
        }
        return new SavedPlan(saved, known);
    }

    private Map<BotId, SortedSet<GroupId>> knownGroups(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new PlanFileException("saved plan has no \"known_groups\": write it with `roster plan --out FILE`");
        }
        Map<BotId, SortedSet<GroupId>> known = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String where = "known_groups." + e.getKey();
            BotId bot = planBot(e.getKey(), where);
            if (!e.getValue().isArray()) {
                throw new PlanFileException("saved plan: " + where + " is not a list");
            }
            SortedSet<GroupId> ids = new TreeSet<>();
            for (int i = 0; i < e.getValue().size(); i++) {
                JsonNode id = e.getValue().get(i);
                if (!id.isTextual() || !ids.add(groupId(id.textValue(), where + "[" + i + "]"))) {
                    throw new PlanFileException("saved plan: " + where + "[" + i + "] must be a group id, given once");
                }
            }
            known.put(bot, ids);
        }
        return known;
    }

    private SavedGroupPlan group(JsonNode node, String where, Map<BotId, SortedSet<GroupId>> known) {
        if (!node.isObject()) {
            throw new PlanFileException("saved plan: " + where + " is not an object");
        }
        BotId bot = planBot(requiredText(node, "bot", where), where + ".bot");
        String key = optionalText(node, "group", where);
        if (key != null && !GroupRules.isValidKey(key)) {
            throw new PlanFileException("saved plan: " + where + ".group: a group key must match "
                    + "[a-z0-9][a-z0-9._-]* (lower-case letters, digits, '.', '_', '-')");
        }
        String idText = optionalText(node, "group_id", where);
        GroupId id = idText == null ? null : groupId(idText, where + ".group_id");
        if (id != null && !known.getOrDefault(bot, new TreeSet<>()).contains(id)) {
            throw new PlanFileException("saved plan: " + where + ".group_id " + id + " is not among the groups bot "
                    + bot + " had when the plan was made (known_groups)");
        }
        String fingerprint = optionalText(node, "live_fingerprint", where);
        if (fingerprint != null && !FINGERPRINT.matcher(fingerprint).matches()) {
            throw new PlanFileException("saved plan: " + where + ".live_fingerprint must be 16 hex digits");
        }
        List<Change> changes = changes(node, where);
        boolean creates = !changes.isEmpty() && changes.get(0) instanceof CreateGroup;
        if (creates ? id != null || fingerprint != null : id == null || fingerprint == null) {
            throw new PlanFileException("saved plan: " + where + ": group_id and live_fingerprint are required "
                    + "unless the group is created, and absent when it is");
        }
        if (creates && key == null) {
            throw new PlanFileException("saved plan: " + where + ": a group to create needs its key (\"group\")");
        }
        if (creates && changes.stream().skip(1).anyMatch(c -> !(c instanceof SendInvites))) {
            throw new PlanFileException("saved plan: " + where + ": a group to create has no change but "
                    + "create_group and send_invites");
        }
        boolean prunes = changes.stream().anyMatch(c -> c instanceof LeaveGroup || c instanceof DeleteGroup);
        if (key == null ? !prunes || changes.size() != 1 : prunes) {
            throw new PlanFileException("saved plan: " + where + ": leave_group or delete_group is the only change "
                    + "of an unmanaged group (one without \"group\"), and an unmanaged group has no other change");
        }
        return new SavedGroupPlan(bot, key, id, fingerprint, changes,
                numbers(node, "pending", where, false), numbers(node, "pending_admins", where, false));
    }

    private List<Change> changes(JsonNode node, String where) {
        JsonNode array = array(node, "changes", where);
        List<Change> changes = new ArrayList<>();
        Set<Action> actions = EnumSet.noneOf(Action.class);
        for (int i = 0; i < array.size(); i++) {
            String at = where + ".changes[" + i + "]";
            Change change = change(array.get(i), at);
            if (!actions.add(change.action())) {
                throw new PlanFileException("saved plan: " + at + ": " + change.action().jsonName()
                        + " is already a change of this group");
            }
            if (change instanceof CreateGroup && i > 0) {
                throw new PlanFileException("saved plan: " + at + ": create_group can only be a group's first change");
            }
            changes.add(change);
        }
        return changes;
    }

    private Change change(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new PlanFileException("saved plan: " + where + " is not an object");
        }
        String name = requiredText(node, "action", where);
        Action action;
        try {
            action = Action.fromJsonName(name);
        } catch (IllegalArgumentException e) {
            throw new PlanFileException("saved plan: " + where + ": unknown action \"" + printable(name) + "\"");
        }
        return switch (action) {
            case CREATE_GROUP -> new CreateGroup(subject(node, "subject", where),
                    optionalDescription(node, "description", where), joinApproval(node, where));
            case SET_SUBJECT -> new SetSubject(liveSubject(node, "from", where), subject(node, "to", where));
            case SET_DESCRIPTION -> new SetDescription(description(node, "from", where),
                    description(node, "to", where));
            case REMOVE_MEMBERS -> new RemoveMembers(numbers(node, "numbers", where, true),
                    flag(node, "permanent", where));
            case ROTATE_INVITE -> new RotateInvite();
            case REMOVE_ADMINS -> new RemoveAdmins(numbers(node, "numbers", where, true));
            case REJECT_JOIN_REQUESTS -> new RejectJoinRequests(joinRequests(node, where));
            case APPROVE_JOIN_REQUESTS -> new ApproveJoinRequests(joinRequests(node, where));
            case ADD_ADMINS -> new AddAdmins(numbers(node, "numbers", where, true));
            case SEND_INVITES -> new SendInvites(numbers(node, "numbers", where, true));
            case LEAVE_GROUP -> new LeaveGroup();
            case DELETE_GROUP -> new DeleteGroup();
        };
    }

    private static String description(JsonNode node, String field, String where) {
        String description = optionalDescription(node, field, where);
        if (description == null) {
            throw new PlanFileException("saved plan: " + where + ": \"" + field + "\" is missing");
        }
        return description;
    }

    /** A description, declared or live: as the desired-state loader takes one; absent is null. */
    private static String optionalDescription(JsonNode node, String field, String where) {
        String description = optionalText(node, field, where);
        if (description == null) {
            return null;
        }
        if (description.codePoints().anyMatch(cp -> Character.isISOControl(cp) && cp != '\n' && cp != '\r')) {
            throw new PlanFileException("saved plan: " + where + "." + field
                    + ": a description has no tabs or other control characters but line breaks");
        }
        int length = description.codePointCount(0, description.length());
        if (length > DESCRIPTION_MAX_LENGTH) {
            throw new PlanFileException("saved plan: " + where + "." + field + ": description is " + length
                    + " characters long; at most " + DESCRIPTION_MAX_LENGTH + " are allowed");
        }
        return description;
    }

    private static JoinApproval joinApproval(JsonNode node, String where) {
        String text = optionalText(node, "join_approval", where);
        if (text == null) {
            return null;
        }
        JoinApproval mode = JoinApproval.parse(text);
        if (mode == null || !mode.yamlName().equals(text)) {
            throw new PlanFileException("saved plan: " + where + ".join_approval must be \"required\" or \"auto\"");
        }
        return mode;
    }

    private static boolean flag(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new PlanFileException("saved plan: " + where + "." + field + " must be true or false");
        }
        return value.booleanValue();
    }

    /** {@code numbers} and {@code requests}, of equal length: {@code numbers[i]} made {@code requests[i]}. */
    private static List<JoinRequest> joinRequests(JsonNode node, String where) {
        JsonNode numbers = array(node, "numbers", where);
        JsonNode ids = array(node, "requests", where);
        if (ids.isEmpty() || ids.size() != numbers.size()) {
            throw new PlanFileException("saved plan: " + where + ": \"requests\" must not be empty, and "
                    + "\"numbers\" must hold the number of each request, as many as there are requests");
        }
        List<JoinRequest> requests = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            String at = where + ".requests[" + i + "]";
            JsonNode id = ids.get(i);
            if (!id.isTextual() || !isPrintableId(id.textValue())) {
                throw new PlanFileException("saved plan: " + at + ": a join request id is a non-empty string of at "
                        + "most " + REQUEST_ID_MAX_LENGTH + " printable characters");
            }
            if (!seen.add(id.textValue())) {
                throw new PlanFileException("saved plan: " + at + ": the request is in the list twice");
            }
            requests.add(new JoinRequest(id.textValue(), number(numbers.get(i), where + ".numbers[" + i + "]")));
        }
        return requests;
    }

    private static boolean isPrintableId(String id) {
        return !id.isBlank() && id.length() <= REQUEST_ID_MAX_LENGTH
                && id.codePoints().noneMatch(cp -> Character.isISOControl(cp) || Character.isWhitespace(cp)
                        || Character.getType(cp) == Character.FORMAT);
    }

    /** A subject roster sets: the desired-state loader's rules. */
    private String subject(JsonNode node, String field, String where) {
        String subject = requiredText(node, field, where);
        String problem = subject.isBlank() ? "subject must not be empty"
                : GroupRules.subjectProblem(subject, subjectMaxLength);
        if (problem != null) {
            throw new PlanFileException("saved plan: " + where + "." + field + ": " + problem);
        }
        return subject;
    }

    /** A live group's subject, only shown: one line, any length (it may predate the length setting). */
    private static String liveSubject(JsonNode node, String field, String where) {
        String subject = requiredText(node, field, where);
        if (subject.codePoints().anyMatch(Character::isISOControl)) {
            throw new PlanFileException("saved plan: " + where + "." + field
                    + ": subject must be one line of text, without line breaks, tabs or other control characters");
        }
        return subject;
    }

    private static SortedSet<Msisdn> numbers(JsonNode node, String field, String where, boolean required) {
        JsonNode array = array(node, field, where);
        if (required && array.isEmpty()) {
            throw new PlanFileException("saved plan: " + where + "." + field + " must not be empty");
        }
        SortedSet<Msisdn> numbers = new TreeSet<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode n = array.get(i);
            String at = where + "." + field + "[" + i + "]";
            Msisdn number = number(n, at);
            if (!numbers.add(number)) {
                throw new PlanFileException("saved plan: " + at + ": duplicate number " + number);
            }
        }
        return numbers;
    }

    private static Msisdn number(JsonNode n, String at) {
        if (!n.isTextual()) {
            throw new PlanFileException("saved plan: " + at + ": numbers must be strings");
        }
        try {
            return Msisdn.parse(n.textValue());
        } catch (IllegalArgumentException e) {
            throw new PlanFileException("saved plan: " + at + ": not an international phone number");
        }
    }

    private BotId planBot(String text, String where) {
        BotId bot = bot(text, where);
        if (!bots.contains(bot)) {
            throw new PlanFileException("saved plan: " + where + ": bot " + bot + " is not one of the plan's bots");
        }
        return bot;
    }

    private static BotId bot(String text, String where) {
        boolean digits = !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
        try {
            if (digits && Msisdn.parse(text).digits().equals(text)) {
                return BotId.of(text);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new PlanFileException("saved plan: " + where + ": a bot is its number in international digits, "
                + "e.g. 447506616260");
    }

    private static GroupId groupId(String text, String where) {
        if (!GroupId.isWellFormed(text)) {
            throw new PlanFileException("saved plan: " + where + ": a group id has the form group:<digits>-<digits>");
        }
        return GroupId.of(text);
    }

    private static JsonNode array(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            throw new PlanFileException("saved plan: " + where + ": \"" + field + "\" must be an array");
        }
        return value;
    }

    private static String requiredText(JsonNode node, String field, String where) {
        String value = optionalText(node, field, where);
        if (value == null) {
            throw new PlanFileException("saved plan: " + where + ": \"" + field + "\" is missing");
        }
        return value;
    }

    private static String optionalText(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new PlanFileException("saved plan: " + where + ": \"" + field + "\" must be a string");
        }
        return value.textValue();
    }

    /** Text from the file for a message: control characters shown as '?', at most 40 characters. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(40).forEach(cp -> out.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
        return text.codePointCount(0, text.length()) > 40 ? out + "..." : out.toString();
    }
}
