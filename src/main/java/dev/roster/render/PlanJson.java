package dev.roster.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.model.Msisdn;
import dev.roster.model.JoinRequest;
import dev.roster.plan.ApproveJoinRequests;
import dev.roster.plan.Change;
import dev.roster.plan.CreateGroup;
import dev.roster.plan.GroupPlan;
import dev.roster.plan.Plan;
import dev.roster.plan.PlanProblem;
import dev.roster.plan.RejectJoinRequests;
import dev.roster.plan.RemoveMembers;
import dev.roster.plan.SetDescription;
import dev.roster.plan.SetSubject;
import dev.roster.plan.UnmanagedGroup;
import java.util.Collection;
import java.util.List;

/** The plan JSON tree of DESIGN.md ("Plan JSON"), shared by {@link JsonRenderer} and {@link PlanFile}. */
final class PlanJson {
    static final int FORMAT_VERSION = 1;
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PlanJson() {
    }

    static ObjectNode tree(Plan plan) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format_version", FORMAT_VERSION);
        ArrayNode changes = root.putArray("changes");
        for (GroupPlan g : plan.groups()) {
            for (Change c : g.changes()) {
                ObjectNode node = changes.addObject();
                node.put("bot", g.bot().value());
                node.put("group", g.key());
                node.put("group_id", g.groupId() == null ? null : g.groupId().value());
                writeChange(node, c);
                if (g.isRefused()) {
                    node.put("refused", g.refused());
                }
            }
        }
        ObjectNode summary = root.putObject("summary");
        plan.summary().perAction().forEach((action, count) -> summary.put(action.jsonName(), count));
        if (plan.summary().refused() > 0) {
            summary.put("refused", plan.summary().refused());
        }
        ArrayNode pending = root.putArray("pending");
        for (GroupPlan g : plan.groups()) {
            if (!g.pending().isEmpty()) {
                ObjectNode node = pending.addObject();
                node.put("bot", g.bot().value());
                node.put("group", g.key());
                numbers(node.putArray("numbers"), g.pending());
            }
        }
        ArrayNode unmanaged = root.putArray("unmanaged_groups");
        for (UnmanagedGroup u : plan.unmanaged()) {
            ObjectNode node = unmanaged.addObject();
            node.put("bot", u.bot().value());
            node.put("group_id", u.id().value());
            node.put("subject", u.subject());
            node.put("action", u.leave() ? "leave_group" : u.delete() ? "delete_group" : "none");
        }
        List<GroupPlan> suspended = plan.groups().stream().filter(GroupPlan::isSuspended).toList();
        if (!suspended.isEmpty()) {
            ArrayNode array = root.putArray("suspended_groups");
            for (GroupPlan g : suspended) {
                ObjectNode node = array.addObject();
                node.put("bot", g.bot().value());
                node.put("group", g.key());
                node.put("group_id", g.groupId().value());
            }
        }
        ArrayNode warnings = root.putArray("warnings");
        plan.warnings().forEach(warnings::add);
        ArrayNode problems = root.putArray("problems");
        for (PlanProblem p : plan.problems()) {
            ObjectNode node = problems.addObject();
            node.put("bot", p.bot().value());
            node.put("group", p.key());
            node.put("location", p.location() == null ? null : p.location().toString());
            node.put("message", p.message());
            if (p.keep() != null) {
                ArrayNode duplicates = node.putArray("duplicates");
                p.duplicates().forEach(id -> duplicates.add(id.value()));
                node.put("keep", p.keep().value());
            }
        }
        return root;
    }

    /**
     * Adds {@code action} and the fields the change carries to {@code node}: {@code create_group} its
     * {@code subject}, and its {@code description} and {@code join_approval} ({@code required}, {@code auto}) when
     * set; {@code set_subject} and {@code set_description} {@code from} and {@code to}; {@code remove_members} its
     * {@code numbers} and {@code permanent: true} when the removed cannot rejoin by link; the join requests
     * {@code numbers} and {@code requests}, the request ids, where {@code numbers[i]} made {@code requests[i]};
     * the others that are about people their {@code numbers}.
     */
    static void writeChange(ObjectNode node, Change change) {
        node.put("action", change.action().jsonName());
        if (change instanceof CreateGroup c) {
            node.put("subject", c.subject());
            if (c.description() != null) {
                node.put("description", c.description());
            }
            if (c.joinApproval() != null) {
                node.put("join_approval", c.joinApproval().yamlName());
            }
        } else if (change instanceof SetSubject s) {
            node.put("from", s.from());
            node.put("to", s.to());
        } else if (change instanceof SetDescription d) {
            node.put("from", d.from());
            node.put("to", d.to());
        } else if (change instanceof ApproveJoinRequests a) {
            requests(node, a.requests());
        } else if (change instanceof RejectJoinRequests r) {
            requests(node, r.requests());
        } else if (!change.numbers().isEmpty()) {
            numbers(node.putArray("numbers"), change.numbers());
            if (change instanceof RemoveMembers r && r.permanent()) {
                node.put("permanent", true);
            }
        }
        // rotate_invite, leave_group and delete_group carry nothing more
    }

    private static void requests(ObjectNode node, List<JoinRequest> requests) {
        numbers(node.putArray("numbers"), requests.stream().map(JoinRequest::number).toList());
        ArrayNode ids = node.putArray("requests");
        requests.forEach(r -> ids.add(r.id()));
    }

    static void numbers(ArrayNode array, Collection<Msisdn> numbers) {
        numbers.forEach(n -> array.add(n.e164()));
    }

    static String write(JsonNode tree) {
        try {
            return MAPPER.writeValueAsString(tree) + System.lineSeparator();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write plan JSON", e);
        }
    }
}
