package dev.roster.render;

import static dev.roster.plan.PlanFixtures.desired;
import static dev.roster.plan.PlanFixtures.live;
import static dev.roster.plan.PlanFixtures.liveState;
import static dev.roster.plan.PlanFixtures.spec;
import static dev.roster.render.CloudPlans.ANNA;
import static dev.roster.render.CloudPlans.ASKER;
import static dev.roster.render.CloudPlans.CARL;
import static dev.roster.render.CloudPlans.DORA;
import static dev.roster.render.CloudPlans.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.model.Capabilities;
import dev.roster.plan.Plan;
import dev.roster.plan.Planner;
import dev.roster.plan.PlannerOptions;
import dev.roster.plan.RemovalGuard;
import dev.roster.plan.SavedPlan;
import org.junit.jupiter.api.Test;

/** The actions of a provider like the Cloud API, in every format. */
class CloudRenderingTest {
    static final String SUMMARY = "Plan: 1 to create, 1 to change, 0 to leave, 1 to delete; 1 removal (1 for good), "
            + "0 promotions, 4 pending, 1 join request approved, 1 join request rejected; will invite 2 people; "
            + "1 group suspended by the provider, not changed";

    @Test
    void textSaysEveryCloudChangeInWordsWithItsSymbol() {
        String text = TextRendererTest.render(CloudPlans.full(), false);

        assertThat(text)
                .contains("  + fresh  (groups/cloud.yaml:9)\n"
                        + "      + create group \"Fresh\" with description \"Hello\", join approval required\n"
                        + "      + will invite 1 person, sending the invite link as a message: " + ANNA + "\n")
                .contains("  ~ sales  " + CloudPlans.G_SALES + "  (groups/cloud.yaml:3)\n"
                        + "      ~ description: \"Old\" -> \"New⏎deals\"\n"
                        + "      - remove members: " + STRANGER + " (removed for good: they can never rejoin by link)\n"
                        + "      - reject join requests: " + ASKER + " (not declared)\n"
                        + "      + approve join requests: " + CARL + "\n"
                        + "      + will invite 1 person, sending the invite link as a message: " + DORA + "\n"
                        + "      pending, to join by invite link: " + CARL + ", " + DORA + "\n")
                .contains("  - unmanaged group  " + CloudPlans.G_OLD + "  \"Old chat\"\n"
                        + "      - delete group (unmanaged, prune and reconcile.pruneDeletes are on; everyone in it is "
                        + "removed)\n")
                .doesNotContain("rotate invite")
                .endsWith(SUMMARY + "\n");
    }

    @Test
    void suspendedGroupIsMarkedInText() {
        String text = TextRendererTest.render(CloudPlans.full(), false);

        assertThat(text).contains("  ! frozen  " + CloudPlans.G_FROZEN + "  (groups/cloud.yaml:15)\n"
                + "      ! suspended by the provider: no change can be made until it lifts the suspension\n"
                + "      pending, to join by invite link: " + ANNA + "\n");
    }

    @Test
    void undeclaredRequesterIsMaskedInMarkdown() {
        String md = MarkdownRendererTest.render(CloudPlans.full());

        assertThat(md).contains("- reject join requests: `+46 7•• ••• 877` (not declared)")
                .doesNotContain("732008877")
                .contains("- approve join requests: `" + CARL + "`")
                .contains("- remove members: `+46 7•• ••• 999` "
                        + "(removed for good: they can never rejoin by link)")
                .doesNotContain("732009999")
                // request ids are the provider's, not people's: they are not shown
                .doesNotContain("jr-2");
    }

    @Test
    void markdownShowsEveryCloudChangeAndTheSuspendedGroup() {
        String md = MarkdownRendererTest.render(CloudPlans.full());

        assertThat(md).startsWith("### roster plan\n\n**" + SUMMARY + "**\n\n")
                .contains("**Suspended groups** (suspended by the provider: no change can be made until it lifts the "
                        + "suspension):\n\n- ⏸️ `frozen` (bot 46700000001) `" + CloudPlans.G_FROZEN + "`\n")
                .contains("| ✏️ | 46700000001 | `sales` | set_description, remove_members (1), "
                        + "reject_join_requests (1), "
                        + "approve_join_requests (1), send_invites (1) | 2 |\n")
                .contains("| 🗑️ | 46700000001 | `" + CloudPlans.G_OLD + "` | delete_group |  |\n")
                .contains("- create group “Fresh” with description “Hello”, join approval required\n")
                .contains("- will invite 1 person, sending the invite link as a message: `" + ANNA + "`\n")
                .contains("- set description “Old” → “New⏎deals”\n")
                .contains("- delete the group (unmanaged, prune and reconcile.pruneDeletes are on; everyone in it is "
                        + "removed)\n");
    }

    @Test
    void aSavedCloudPlanRenderedForThePublicMasksRejectedRequestersButNotApprovedOnes() {
        Plan plan = CloudPlans.full();
        SavedPlan saved = PlanFileTest.read(PlanFileTest.write(plan));

        String md = MarkdownRendererTest.render(saved.toPlan());

        assertThat(md).doesNotContain("732008877").doesNotContain("732009999")
                .contains("approve join requests: `" + CARL + "`")
                .contains("sending the invite link as a message: `" + DORA + "`");
    }

    @Test
    void jsonNamesEveryCloudActionAndTheFieldsItCarries() throws Exception {
        JsonNode changes = JsonRendererTest.render(CloudPlans.full()).get("changes");

        String fresh = "'bot': '46700000001', 'group': 'fresh', 'group_id': null, ";
        String sales = "'bot': '46700000001', 'group': 'sales', 'group_id': '" + CloudPlans.G_SALES + "', ";
        assertThat(changes).containsExactly(
                JsonRendererTest.json("{" + sales + "'action': 'set_description', 'from': 'Old', 'to': 'New\\ndeals'}"),
                JsonRendererTest.json("{" + sales + "'action': 'remove_members', 'numbers': ['" + STRANGER + "'], "
                        + "'permanent': true}"),
                JsonRendererTest.json("{" + sales + "'action': 'reject_join_requests', 'numbers': ['" + ASKER + "'], "
                        + "'requests': ['jr-2']}"),
                JsonRendererTest.json("{" + sales + "'action': 'approve_join_requests', 'numbers': ['" + CARL + "'], "
                        + "'requests': ['jr-1']}"),
                JsonRendererTest.json("{" + sales + "'action': 'send_invites', 'numbers': ['" + DORA + "']}"),
                JsonRendererTest.json("{" + fresh + "'action': 'create_group', 'subject': 'Fresh', "
                        + "'description': 'Hello', 'join_approval': 'required'}"),
                JsonRendererTest.json("{" + fresh + "'action': 'send_invites', 'numbers': ['" + ANNA + "']}"),
                JsonRendererTest.json("{'bot': '46700000001', 'group': null, 'group_id': '" + CloudPlans.G_OLD + "', "
                        + "'action': 'delete_group'}"));
    }

    @Test
    void jsonCountsTheNewActionsAndListsSuspendedAndDeletedGroups() throws Exception {
        JsonNode root = JsonRendererTest.render(CloudPlans.full());

        assertThat(root.get("summary")).isEqualTo(JsonRendererTest.json("{'create_group': 1, 'set_description': 1, "
                + "'remove_members': 1, 'reject_join_requests': 1, 'approve_join_requests': 1, 'send_invites': 2, "
                + "'delete_group': 1}"));
        assertThat(root.get("suspended_groups")).isEqualTo(JsonRendererTest.json("[{'bot': '46700000001', "
                + "'group': 'frozen', 'group_id': '" + CloudPlans.G_FROZEN + "'}]"));
        assertThat(root.get("unmanaged_groups")).isEqualTo(JsonRendererTest.json("[{'bot': '46700000001', "
                + "'group_id': '" + CloudPlans.G_OLD + "', 'subject': 'Old chat', 'action': 'delete_group'}]"));
    }

    @Test
    void planJsonWithoutSuspendedGroupsHasNoSuchField() throws Exception {
        assertThat(JsonRendererTest.render(SamplePlans.full()).has("suspended_groups")).isFalse();
    }

    @Test
    void aPlanWhoseOnlyDriftIsInASuspendedGroupDoesNotClaimTheGroupsMatch() {
        Plan plan = Planner.plan(desired(spec("frozen", "Frozen").bot(CloudPlans.CLOUD).members(ANNA).build()),
                liveState(CloudPlans.CLOUD, live(CloudPlans.G_FROZEN, "Frozen").cloud().members(ANNA, STRANGER)
                        .suspended().build()),
                new PlannerOptions(false, RemovalGuard.NONE, bot -> Capabilities.cloud(8), false, false));

        assertThat(TextRendererTest.render(plan, false)).contains("  ! frozen  " + CloudPlans.G_FROZEN)
                .endsWith("No changes. 1 group is suspended by the provider (see above); the other live groups "
                        + "match the files.\n");
        assertThat(MarkdownRendererTest.render(plan)).contains("**No changes.** 1 group is suspended by the provider")
                .contains("- ⏸️ `frozen`");
    }
}
