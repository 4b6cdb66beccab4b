package dev.roster.render;

import static dev.roster.plan.PlanFixtures.desired;
import static dev.roster.plan.PlanFixtures.live;
import static dev.roster.plan.PlanFixtures.liveState;
import static dev.roster.plan.PlanFixtures.plan;
import static dev.roster.plan.PlanFixtures.spec;
import static dev.roster.render.SamplePlans.ANNA;
import static dev.roster.render.SamplePlans.BERT;
import static dev.roster.render.SamplePlans.CARL;
import static dev.roster.render.SamplePlans.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.plan.Plan;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TextRendererTest {

    static String render(Plan plan, boolean color) {
        StringWriter out = new StringWriter();
        new TextRenderer(color).render(plan, new PrintWriter(out));
        return out.toString();
    }

    @Test
    void showsEveryGroupWithItsMarkerFileLineAndChanges() {
        String text = render(SamplePlans.full(), false);

        assertThat(text).contains("bot 447506616260\n")
                .contains("  + new-team  (groups/sales.yaml:3)\n")
                .contains("      + create group \"New Team\"\n")
                .contains("      pending, to join by invite link: " + ANNA + " (admin), " + CARL + "\n")
                .contains("  ~ sales  " + SamplePlans.G1 + "  (groups/sales.yaml:9)\n")
                .contains("      ~ subject: \"Sales\" -> \"Sales Team\"\n")
                .contains("      - remove members: " + STRANGER + "\n")
                .contains("      ~ rotate invite link")
                .contains("      - remove admins: " + BERT + "\n")
                .contains("      + add admins: " + ANNA + "\n")
                .contains("      pending, to join by invite link: " + CARL + " (admin)\n")
                .contains("  - unmanaged group  " + SamplePlans.G2 + "  \"Chat with +46732007777\"\n")
                .contains("      - leave group");
        assertThat(text.indexOf("+ new-team")).isLessThan(text.indexOf("~ sales"));
    }

    @Test
    void listsUnmanagedGroupsProblemsWarningsAndEndsWithTheSummaryLine() {
        String text = render(SamplePlans.full(), false);

        assertThat(text).contains("Unmanaged groups (live groups that no file declares; kept):")
                .contains(SamplePlans.G_UNREAD + "  (not read)  (kept: every declared group of this bot is pinned by id,"
                        + " so only those were read)")
                .contains("Problems")
                .contains("groups/support.yaml:2:3: bot 447506616260, group support: group group:447506616260-1 "
                        + "pinned by `id` is not among the bot's groups")
                .contains("Warnings:\n  bot 46700000002: 1 unmanaged group was listed but not read");
        assertThat(text).endsWith(
                "Plan: 1 to create, 1 to change, 2 to leave; 1 removal, 1 promotion, 3 pending\n");
    }

    @Test
    void writesNoColourCodesUnlessAskedTo() {
        assertThat(render(SamplePlans.full(), false)).doesNotContain("\u001B");
        assertThat(render(SamplePlans.full(), true)).contains("\u001B[32m+\u001B[0m").contains("\u001B[31m");
    }

    @Test
    void convergedPlanSaysNoChangesAndStillListsWhoIsPending() {
        String text = render(SamplePlans.converged(), false);

        assertThat(text).contains("  = sales  " + SamplePlans.G1)
                .contains("pending, to join by invite link: " + CARL)
                .endsWith("No changes. The live groups match the files; 1 pending, waiting to join by invite link.\n")
                .doesNotContain("Plan:");
    }

    @Test
    void convergedPlanWithoutPendingPeopleListsNoGroups() {
        Plan plan = plan(desired(spec("sales", "Sales").build()), liveState(live(SamplePlans.G1, "Sales").build()));

        assertThat(render(plan, false)).isEqualTo("No changes. The live groups match the files.\n");
    }

    @Test
    void planWithOnlyProblemsDoesNotClaimToHaveConverged() {
        Plan plan = plan(desired(spec("sales", "Sales").id("group:447506616260-9").build()), liveState());

        assertThat(render(plan, false)).contains("Problems")
                .endsWith("No changes planned, but 1 declared group has a problem (see above).\n");
    }

    @Test
    void controlCharactersFromLiveSubjectsNeverReachTheTerminal() {
        Plan plan = plan(desired(spec("sales", "Sales").previously("Sales\u001B[2J").build()),
                liveState(live(SamplePlans.G1, "Sales\u001B[2J").build()));

        assertThat(render(plan, false)).doesNotContain("\u001B").contains("\"Sales?[2J\" -> \"Sales\"");
    }
}
