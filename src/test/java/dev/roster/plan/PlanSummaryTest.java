package dev.roster.plan;

import static dev.roster.plan.PlanFixtures.BOT;
import static dev.roster.plan.PlanFixtures.desired;
import static dev.roster.plan.PlanFixtures.live;
import static dev.roster.plan.PlanFixtures.liveState;
import static dev.roster.plan.PlanFixtures.plan;
import static dev.roster.plan.PlanFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.model.BotId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a plan says about itself: its problems line, and a group plan checked against the removal guard. */
class PlanSummaryTest {
    static final String ALICE = "+46732001122";
    static final String BOB = "+46732002244";
    static final String CAROL = "+46732003366";

    private static Plan withProblems(PlanProblem... problems) {
        return new Plan(List.of(), List.of(), List.of(problems), List.of(), new java.util.TreeSet<>());
    }

    @Test
    void oneUnreadableBotIsNamedAndSeveralAreCounted() {
        BotId other = BotId.of("447506616261");
        assertThat(withProblems(new PlanProblem(BOT, null, null, "503")).problemsLine())
                .startsWith("bot " + BOT + " could not be read");
        assertThat(withProblems(new PlanProblem(BOT, null, null, "503"), new PlanProblem(other, null, null, "503"))
                .problemsLine()).startsWith("2 bots could not be read (" + BOT + ", " + other + ")");
        assertThat(withProblems(new PlanProblem(BOT, "sales", null, "pinned id gone")).problemsLine())
                .contains("1 declared group has a problem");
    }

    @Test
    void aGroupPlanRemovingMoreThanTheGuardAllowsIsRefusedAndACreateNever() {
        Plan plan = plan(desired(spec("sales", "Sales").members(ALICE).build(), spec("board", "Board").build()),
                liveState(live("group:447506616260-1", "Sales").members(ALICE, BOB, CAROL).build()));
        GroupPlan sales = plan.groups().stream().filter(g -> "sales".equals(g.key())).findFirst().orElseThrow();
        GroupPlan board = plan.groups().stream().filter(g -> "board".equals(g.key())).findFirst().orElseThrow();

        assertThat(sales.guardedBy(RemovalGuard.of(49)).isRefused()).as("2 of 4 (the bot included): 50%").isTrue();
        assertThat(sales.guardedBy(RemovalGuard.of(49)).refused()).contains("removes 2 of 4 participants");
        assertThat(sales.guardedBy(RemovalGuard.of(50)).isRefused()).isFalse();
        assertThat(board.guardedBy(RemovalGuard.of(0))).as("a create removes nobody").isSameAs(board);
    }
}
