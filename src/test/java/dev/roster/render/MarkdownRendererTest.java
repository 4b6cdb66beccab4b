package dev.roster.render;

import static dev.roster.plan.PlanFixtures.desired;
import static dev.roster.plan.PlanFixtures.liveStates;
import static dev.roster.plan.PlanFixtures.plan;
import static dev.roster.plan.PlanFixtures.spec;
import static dev.roster.render.SamplePlans.ANNA;
import static dev.roster.render.SamplePlans.CARL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.model.GroupSpec;
import dev.roster.model.Msisdn;
import dev.roster.plan.Plan;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MarkdownRendererTest {

    static String render(Plan plan, int maxChars) {
        StringWriter out = new StringWriter();
        new MarkdownRenderer(maxChars).render(plan, new PrintWriter(out));
        return out.toString();
    }

    static String render(Plan plan) {
        return render(plan, MarkdownRenderer.DEFAULT_MAX_CHARS);
    }

    @Test
    void startsWithTheSummaryAndATableAndHasOneCollapsibleSectionPerChangedGroup() {
        Plan plan = SamplePlans.full();
        String md = render(plan);

        assertThat(md).startsWith("### roster plan\n\n**"
                + "Plan: 1 to create, 1 to change, 2 to leave; 1 removal, 1 promotion, 3 pending**\n\n");
        assertThat(md).contains("| | bot | group | changes | pending |\n|---|---|---|---|---|\n")
                .contains("| ✏️ | 447506616260 | `sales` | set_subject, remove_admins (1), rotate_invite, "
                        + "remove_members (1), add_admins (1) | 1 |\n");
        assertThat(md.split("<details>", -1)).hasSize(plan.changedGroups().size() + 1);
        assertThat(md.split("</details>", -1)).hasSize(plan.changedGroups().size() + 1);
        assertThat(md).contains("<summary>✏️ <code>sales</code> (bot 447506616260) · <code>groups/sales.yaml:9</code>"
                + "</summary>");
    }

    @Test
    void masksLiveOnlyNumbersAndShowsDeclaredOnes() {
        String md = render(SamplePlans.full());

        assertThat(md).contains("remove members: `+46 7•• ••• 999`")
                .doesNotContain("732009999")
                .contains("add admins: `" + ANNA + "`")
                .contains("pending, to join by invite link: `" + CARL + "` (admin)");
    }

    @Test
    void masksNumbersInsideSubjectsAndTheCreatorNumberInsideGroupIds() {
        String md = render(SamplePlans.full());

        assertThat(md).doesNotContain("732007777").contains("Chat with +46 7•• ••• 777")
                .doesNotContain("46732008888").contains("`group:467•••••888-1600000000`")
                // the bot is declared (it is in the files), so its group ids stay readable
                .contains("`" + SamplePlans.G2 + "`");
    }

    @Test
    void escapesMarkdownAndHtmlInSubjects() {
        Plan plan = plan(desired(spec("sales", "<img src=x> | *b*").build()), liveStates().build());

        assertThat(render(plan)).contains("create group “&lt;img src=x&gt; \\| \\*b\\*”")
                .doesNotContain("<img");
    }

    @Test
    void convergedPlanSaysNoChangesAndListsPendingGroupsWithoutSections() {
        String md = render(SamplePlans.converged());

        assertThat(md).contains("**No changes.** The live groups match the files; 1 pending")
                .contains("| ⏳ | 447506616260 | `sales` |  | 1 |")
                .doesNotContain("<details>");
    }

    @Test
    void staysUnderTheSizeCapAndSaysHowManyGroupsWereLeftOut() {
        List<GroupSpec> specs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            specs.add(spec("group-" + i, "Group " + i).members("+4673200" + String.format("%04d", i)).build());
        }
        Plan plan = plan(desired(specs.toArray(GroupSpec[]::new)), liveStates().build());

        String md = render(plan, 5_000);

        assertThat(md.length()).isLessThanOrEqualTo(5_000);
        assertThat(md).containsPattern("left out \\d+ table rows, \\d+ group sections")
                .contains("<summary>➕ <code>group-0</code>")
                .endsWith("Run `roster plan` for the full plan.\n")
                .contains("Plan: 300 to create");
        assertThat(render(plan).length()).isLessThanOrEqualTo(MarkdownRenderer.DEFAULT_MAX_CHARS);
    }

    /** 3,000 groups: 100 with a member to remove, the rest converged with one person pending. */
    private static Plan fleet() {
        List<GroupSpec> specs = new ArrayList<>();
        var live = liveStates();
        List<dev.roster.model.LiveGroup> groups = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            String member = "+4673" + String.format("%07d", i);
            String pending = "+4670" + String.format("%07d", i);
            specs.add(spec("group-" + i, "Group " + i).members(member, pending).build());
            var group = dev.roster.plan.PlanFixtures.live("group:447506616260-" + (1_600_000_000 + i), "Group " + i)
                    .members(member);
            if (i % 30 == 0) {
                group = group.members(member, "+4676" + String.format("%07d", i));
            }
            groups.add(group.build());
        }
        return plan(desired(specs.toArray(GroupSpec[]::new)),
                live.bot(dev.roster.plan.PlanFixtures.BOT, List.of(), groups.toArray(dev.roster.model.LiveGroup[]::new))
                        .build());
    }

    @Test
    void aLargePlanFoldsItsTablesPutsChangedGroupsFirstAndKeepsEveryChangedGroupsSection() {
        Plan plan = fleet();
        assertThat(plan.changedGroups()).hasSize(100);

        String md = render(plan);

        assertThat(md.length()).isLessThanOrEqualTo(MarkdownRenderer.DEFAULT_MAX_CHARS);
        assertThat(md).contains("<details><summary>70 more groups with changes</summary>")
                .contains("<details><summary>2900 groups with only people pending (no changes)</summary>");
        String openTable = md.substring(0, md.indexOf("<details>"));
        assertThat(openTable.lines().filter(l -> l.startsWith("| ✏️"))).hasSize(MarkdownRenderer.TABLE_ROWS);
        assertThat(openTable).doesNotContain("| ⏳");
        for (var g : plan.changedGroups()) {
            assertThat(md).contains("<summary>✏️ <code>" + g.key() + "</code>");
        }
        assertThat(md).containsPattern("left out \\d+ table rows\\. Run `roster plan` for the full plan\\.")
                .doesNotContain("group sections");
    }

    @Test
    void aBotIdIsShownTheSameWayEverywhereEvenWhenItIsNoValidPhoneNumber() {
        dev.roster.model.BotId bot = dev.roster.model.BotId.of("99912345678");
        var group = new dev.roster.plan.GroupPlan(bot, "desk", null, dev.roster.model.GroupId.of("group:99912345678-1"),
                null, List.of(new dev.roster.plan.SetSubject("Desk", "Help Desk")), new java.util.TreeSet<>(),
                new java.util.TreeSet<>());
        Plan plan = new Plan(List.of(group), List.of(), List.of(), List.of("bot 99912345678: a warning"),
                new java.util.TreeSet<>());

        String md = render(plan);

        assertThat(md).contains("| ✏️ | 99912345678 |").contains("(bot 99912345678)")
                .contains("`group:99912345678-1`").contains("- bot 99912345678: a warning").doesNotContain("•");
    }

    @Test
    void aPlanWithoutNumbersToShowNeverGathersTheDeclaredNumbers() {
        dev.roster.model.BotId bot = dev.roster.model.BotId.of("46700000001");
        var group = new dev.roster.plan.GroupPlan(bot, "desk", null, dev.roster.model.GroupId.of("group:46700000001-1"),
                null, List.of(), new java.util.TreeSet<>(), new java.util.TreeSet<>());
        Plan plan = new Plan(List.of(group), List.of(), List.of(), List.of(), dev.roster.model.NumberSet.lazy(() -> {
            throw new AssertionError("the declared numbers were gathered for a plan that shows no number");
        }));

        assertThat(render(plan)).startsWith("### roster plan\n\n**No changes.**");
    }

    @Test
    void refusesACapTooSmallForAnyPlan() {
        assertThatThrownBy(() -> new MarkdownRenderer(10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void maskKeepsCountryCodeFirstAndLastThreeDigits() {
        assertThat(NumberMask.mask(Msisdn.parse("+467320019999"))).isEqualTo("+46 7•• ••• •999");
        assertThat(NumberMask.mask(Msisdn.parse("+46732001999"))).isEqualTo("+46 7•• ••• 999");
        assertThat(NumberMask.mask(Msisdn.parse("+14155550123"))).isEqualTo("+1 4•• ••• •123");
        assertThat(NumberMask.mask(Msisdn.parse("+353851234567"))).isEqualTo("+353 8•• ••• 567");
        NumberMask mask = new NumberMask(Set.of(Msisdn.parse(ANNA)));
        assertThat(mask.number(Msisdn.parse(ANNA))).isEqualTo(ANNA);
        assertThat(mask.text("call 46 73 200 11 22 or +46 73 200 99 99 at 12:00"))
                .isEqualTo("call 46 73 200 11 22 or +46 7•• ••• 999 at 12:00");
        assertThat(mask.text("on 2024-01-15, room 1234567, call 073-200 99 99 or 46732009999"))
                .isEqualTo("on 2024-01-15, room 1234567, call •••-••• •9 99 or +46 7•• ••• 999");
    }
}
