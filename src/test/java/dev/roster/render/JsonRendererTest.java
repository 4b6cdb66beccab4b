package dev.roster.render;

import static dev.roster.render.SamplePlans.ANNA;
import static dev.roster.render.SamplePlans.BERT;
import static dev.roster.render.SamplePlans.CARL;
import static dev.roster.render.SamplePlans.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.model.BotId;
import dev.roster.model.DesiredState;
import dev.roster.model.GroupId;
import dev.roster.model.GroupSpec;
import dev.roster.model.LiveBot;
import dev.roster.model.LiveGroup;
import dev.roster.model.LiveState;
import dev.roster.model.Membership;
import dev.roster.plan.Plan;
import dev.roster.plan.Planner;
import dev.roster.plan.PlannerOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonRendererTest {
    static final ObjectMapper MAPPER = new ObjectMapper();

    static JsonNode render(Plan plan) throws Exception {
        StringWriter out = new StringWriter();
        new JsonRenderer().render(plan, new PrintWriter(out));
        return MAPPER.readTree(out.toString());
    }

    static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text.replace('\'', '"'));
    }

    @Test
    void hasExactlyTheDesignedTopLevelFields() throws Exception {
        JsonNode root = render(SamplePlans.full());

        assertThat(fields(root)).containsExactly(
                "format_version", "changes", "summary", "pending", "unmanaged_groups", "warnings", "problems");
        assertThat(root.get("format_version").intValue()).isEqualTo(1);
    }

    @Test
    void listsEveryChangeInPlanOrderWithTheFieldsItCarries() throws Exception {
        JsonNode changes = render(SamplePlans.full()).get("changes");

        String bot = "'bot': '447506616260'";
        assertThat(changes).containsExactly(
                json("{" + bot + ", 'group': 'new-team', 'group_id': null, 'action': 'create_group', "
                        + "'subject': 'New Team'}"),
                json("{" + bot + ", 'group': 'sales', 'group_id': '" + SamplePlans.G1 + "', 'action': 'set_subject', "
                        + "'from': 'Sales', 'to': 'Sales Team'}"),
                json("{" + bot + ", 'group': 'sales', 'group_id': '" + SamplePlans.G1 + "', "
                        + "'action': 'remove_admins', 'numbers': ['" + BERT + "']}"),
                json("{" + bot + ", 'group': 'sales', 'group_id': '" + SamplePlans.G1 + "', 'action': 'rotate_invite'}"),
                json("{" + bot + ", 'group': 'sales', 'group_id': '" + SamplePlans.G1 + "', "
                        + "'action': 'remove_members', 'numbers': ['" + STRANGER + "']}"),
                json("{" + bot + ", 'group': 'sales', 'group_id': '" + SamplePlans.G1 + "', "
                        + "'action': 'add_admins', 'numbers': ['" + ANNA + "']}"),
                json("{" + bot + ", 'group': null, 'group_id': '" + SamplePlans.G2 + "', 'action': 'leave_group'}"),
                json("{" + bot + ", 'group': null, 'group_id': '" + SamplePlans.G_FOREIGN + "', "
                        + "'action': 'leave_group'}"));
        assertThat(fields(changes.get(0))).containsExactly("bot", "group", "group_id", "action", "subject");
    }

    @Test
    void summarisesPendingUnmanagedWarningsAndProblems() throws Exception {
        JsonNode root = render(SamplePlans.full());

        assertThat(root.get("summary")).isEqualTo(json("{'create_group': 1, 'set_subject': 1, 'remove_members': 1, "
                + "'rotate_invite': 1, 'remove_admins': 1, 'add_admins': 1, 'leave_group': 2}"));
        assertThat(root.get("pending")).isEqualTo(json("[{'bot': '447506616260', 'group': 'new-team', "
                + "'numbers': ['" + ANNA + "', '" + CARL + "']}, "
                + "{'bot': '447506616260', 'group': 'sales', 'numbers': ['" + CARL + "']}]"));
        assertThat(root.get("unmanaged_groups")).isEqualTo(json("["
                + "{'bot': '447506616260', 'group_id': '" + SamplePlans.G2 + "', 'subject': 'Chat with +46732007777', "
                + "'action': 'leave_group'}, "
                + "{'bot': '447506616260', 'group_id': '" + SamplePlans.G_FOREIGN + "', 'subject': 'Football', "
                + "'action': 'leave_group'}, "
                + "{'bot': '46700000002', 'group_id': '" + SamplePlans.G_UNREAD + "', 'subject': null, "
                + "'action': 'none'}]"));
        assertThat(root.get("warnings")).hasSize(1);
        assertThat(root.get("problems")).singleElement().satisfies(p -> {
            assertThat(fields(p)).containsExactly("bot", "group", "location", "message");
            assertThat(p.get("group").textValue()).isEqualTo("support");
            assertThat(p.get("location").textValue()).isEqualTo("groups/support.yaml:2:3");
        });
    }

    @Test
    void aDuplicatedGroupsProblemListsTheCopiesOldestFirstAndTheOneToKeep() throws Exception {
        BotId bot = BotId.of("447506616260");
        GroupId older = GroupId.of("group:447506616260-1764525600");
        GroupId newer = GroupId.of("group:447506616260-1764525601");
        Plan plan = Planner.plan(new DesiredState(List.of(new GroupSpec(bot, "board", "Board", null, List.of(),
                        Set.of(), Set.of(), Membership.EXACT, false, null))),
                new LiveState(Map.of(bot, new LiveBot(bot, List.of(newer, older), Map.of(
                        newer, new LiveGroup(newer, "Board", null, Set.of(), Set.of()),
                        older, new LiveGroup(older, "Board", null, Set.of(), Set.of()))))),
                new PlannerOptions(false));

        JsonNode problem = render(plan).get("problems").get(0);

        assertThat(fields(problem)).containsExactly("bot", "group", "location", "message", "duplicates", "keep");
        assertThat(problem.get("duplicates")).isEqualTo(json("['" + older + "', '" + newer + "']"));
        assertThat(problem.get("keep").textValue()).isEqualTo(older.value());
        assertThat(problem.get("message").textValue()).contains("2 groups created with subject \"Board\" at "
                + "2025-11-30T18:00:00Z (" + older + "), 2025-11-30T18:00:01Z (" + newer + ")");
        assertThat(render(plan).get("changes")).isEmpty();
    }

    @Test
    void convergedPlanHasNoChangesAndAnEmptySummary() throws Exception {
        JsonNode root = render(SamplePlans.converged());

        assertThat(root.get("changes")).isEmpty();
        assertThat(root.get("summary")).isEmpty();
        assertThat(root.get("pending")).hasSize(1);
    }
}
