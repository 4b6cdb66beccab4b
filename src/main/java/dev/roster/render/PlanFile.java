package dev.roster.render;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.Msisdn;
import dev.roster.plan.Action;
import dev.roster.plan.AddAdmins;
import dev.roster.plan.Change;
import dev.roster.plan.CreateGroup;
import dev.roster.plan.LeaveGroup;
import dev.roster.plan.Plan;
import dev.roster.plan.RemoveAdmins;
import dev.roster.plan.RemoveMembers;
import dev.roster.plan.RotateInvite;
import dev.roster.plan.SavedGroupPlan;
import dev.roster.plan.SavedPlan;
import dev.roster.plan.SetSubject;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The saved-plan codec ({@code roster plan --out PLAN.json}, {@code roster apply --plan PLAN.json}).
 *
 * <p>The file is the plan JSON of {@link JsonRenderer} (so tools that read one read the other) plus
 * {@code groups[]}: per group with changes or pending people, in plan order,
 * <pre>
 * {"bot": "447506616260", "group": "sales-team" | null, "group_id": "group:..." | null,
 *  "live_fingerprint": "0123456789abcdef" | null,
 *  "changes": [{"action": "set_subject", "from": "Sales", "to": "Sales Team"}, ...],
 *  "pending": ["+46732004444"], "pending_admins": []}
 * </pre>
 * plus {@code known_groups}: per bot, every group id it had when planned (to tell a group created
 * since from one that was there). Only {@code format_version}, {@code known_groups} and {@code groups}
 * are read back; everything else is for people.
 */
public final class PlanFile {

    private PlanFile() {
    }

    public static String write(Plan plan) {
        ObjectNode root = PlanJson.tree(plan);
        SavedPlan saved = SavedPlan.of(plan);
        ObjectNode known = root.putObject("known_groups");
        saved.knownGroups().forEach((bot, ids) -> {
            ArrayNode array = known.putArray(bot.value());
            ids.forEach(id -> array.add(id.value()));
        });
        ArrayNode groups = root.putArray("groups");
        for (SavedGroupPlan g : saved.groups()) {
            ObjectNode node = groups.addObject();
            node.put("bot", g.bot().value());
            node.put("group", g.key());
            node.put("group_id", g.groupId() == null ? null : g.groupId().value());
            node.put("live_fingerprint", g.liveFingerprint());
            ArrayNode changes = node.putArray("changes");
            g.changes().forEach(c -> PlanJson.writeChange(changes.addObject(), c));
            PlanJson.numbers(node.putArray("pending"), g.pending());
            PlanJson.numbers(node.putArray("pending_admins"), g.pendingAdmins());
        }
        return PlanJson.write(root);
    }

    /** Reads a saved plan; throws {@link PlanFileException} with a one-line reason when it cannot. */
    public static SavedPlan read(String json) {
        JsonNode root;
        try {
            root = PlanJson.MAPPER.readTree(json);
        } catch (StreamConstraintsException e) {
            throw new PlanFileException("saved plan is not valid JSON: it is nested too deeply or too large");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new PlanFileException("saved plan is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
        if (root == null || !root.isObject()) {
            throw new PlanFileException("saved plan is not a JSON object");
        }
        JsonNode version = root.get("format_version");
        if (version == null || !version.isInt()) {
            throw new PlanFileException("saved plan has no format_version");
        }
        if (version.intValue() != PlanJson.FORMAT_VERSION) {
            throw new PlanFileException("saved plan has format_version " + version.intValue()
                    + "; this roster reads format_version " + PlanJson.FORMAT_VERSION);
        }
        JsonNode groups = root.get("groups");
        if (groups == null || !groups.isArray()) {
            throw new PlanFileException("saved plan has no \"groups\": write it with `roster plan --out FILE`, "
                    + "not --format json");
        }
        List<SavedGroupPlan> saved = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            saved.add(readGroup(groups.get(i), "groups[" + i + "]"));
        }
        return new SavedPlan(saved, readKnownGroups(root.get("known_groups")));
    }

    private static Map<BotId, SortedSet<GroupId>> readKnownGroups(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new PlanFileException("saved plan has no \"known_groups\": write it with `roster plan --out FILE`");
        }
        Map<BotId, SortedSet<GroupId>> known = new TreeMap<>();
        node.fields().forEachRemaining(e -> {
            SortedSet<GroupId> ids = new TreeSet<>();
            if (!e.getValue().isArray()) {
                throw new PlanFileException("saved plan: known_groups." + e.getKey() + " is not a list");
            }
            e.getValue().forEach(id -> ids.add(GroupId.of(id.asText())));
            known.put(BotId.of(e.getKey()), ids);
        });
        return known;
    }

    private static SavedGroupPlan readGroup(JsonNode node, String where) {
        BotId bot = BotId.of(requiredText(node, "bot", where));
        String key = optionalText(node, "group", where);
        String id = optionalText(node, "group_id", where);
        String fingerprint = optionalText(node, "live_fingerprint", where);
        List<Change> changes = new ArrayList<>();
        JsonNode array = array(node, "changes", where);
        for (int i = 0; i < array.size(); i++) {
            changes.add(readChange(array.get(i), where + ".changes[" + i + "]"));
        }
        boolean creates = changes.stream().anyMatch(c -> c instanceof CreateGroup);
        if (!creates && (id == null || fingerprint == null)) {
            throw new PlanFileException("saved plan: " + where + ": group_id and live_fingerprint are required "
                    + "unless the group is created");
        }
        return new SavedGroupPlan(bot, key, id == null ? null : GroupId.of(id), fingerprint, changes,
                numbers(node, "pending", where), numbers(node, "pending_admins", where));
    }

    private static Change readChange(JsonNode node, String where) {
        String name = requiredText(node, "action", where);
        Action action;
        try {
            action = Action.fromJsonName(name);
        } catch (IllegalArgumentException e) {
            throw new PlanFileException("saved plan: " + where + ": unknown action \"" + name + "\"");
        }
        try {
            return switch (action) {
                case CREATE_GROUP -> new CreateGroup(requiredText(node, "subject", where));
                case SET_SUBJECT -> new SetSubject(requiredText(node, "from", where), requiredText(node, "to", where));
                case REMOVE_MEMBERS -> new RemoveMembers(numbers(node, "numbers", where));
                case ROTATE_INVITE -> new RotateInvite();
                case REMOVE_ADMINS -> new RemoveAdmins(numbers(node, "numbers", where));
                case ADD_ADMINS -> new AddAdmins(numbers(node, "numbers", where));
                case LEAVE_GROUP -> new LeaveGroup();
            };
        } catch (IllegalArgumentException e) {
            throw new PlanFileException("saved plan: " + where + ": " + e.getMessage());
        }
    }

    private static SortedSet<Msisdn> numbers(JsonNode node, String field, String where) {
        SortedSet<Msisdn> numbers = new TreeSet<>();
        for (JsonNode n : array(node, field, where)) {
            if (!n.isTextual()) {
                throw new PlanFileException("saved plan: " + where + "." + field + ": numbers must be strings");
            }
            try {
                numbers.add(Msisdn.parse(n.textValue()));
            } catch (IllegalArgumentException e) {
                throw new PlanFileException("saved plan: " + where + "." + field + ": " + e.getMessage());
            }
        }
        return numbers;
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
}
