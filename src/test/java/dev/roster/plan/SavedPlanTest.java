package dev.roster.plan;

import static dev.roster.plan.PlanFixtures.BOT;
import static dev.roster.plan.PlanFixtures.desired;
import static dev.roster.plan.PlanFixtures.live;
import static dev.roster.plan.PlanFixtures.liveStates;
import static dev.roster.plan.PlanFixtures.plan;
import static dev.roster.plan.PlanFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a saved plan keeps of a plan, and when it counts as having changes (which decides the confirmation). */
class SavedPlanTest {
    private static final String G1 = "group:447506616260-1565342732";
    private static final String G2 = "group:447506616260-1565342733";

    @Test
    void aPlanWithOnlyPendingPeopleIsSavedWithoutChanges() {
        Plan planned = plan(desired(spec("sales", "Sales").admins("+46732001122").members("+46732004444").build()),
                liveStates().bot(BOT, List.of(), live(G1, "Sales").admins("+46732001122").build()).build());

        SavedPlan saved = SavedPlan.of(planned);

        assertThat(saved.groups()).hasSize(1);
        assertThat(saved.groups().get(0).pending()).containsExactly(PlanFixtures.n("+46732004444"));
        assertThat(saved.groups().get(0).hasChanges()).isFalse();
        assertThat(saved.hasChanges()).isFalse();
    }

    @Test
    void oneChangedGroupAmongConvergedOnesMakesTheSavedPlanHaveChanges() {
        Plan planned = plan(desired(
                        spec("sales", "Sales").admins("+46732001122").members("+46732004444").build(),
                        spec("board", "Board").admins("+46732001122").build()),
                liveStates().bot(BOT, List.of(),
                        live(G1, "Sales").admins("+46732001122").build(),
                        live(G2, "Board").members("+46732001122").build()).build());

        SavedPlan saved = SavedPlan.of(planned);

        assertThat(saved.groups()).extracting(SavedGroupPlan::key).containsExactly("sales", "board");
        assertThat(saved.groups()).extracting(SavedGroupPlan::hasChanges).containsExactly(false, true);
        assertThat(saved.hasChanges()).isTrue();
    }

    @Test
    void aConvergedGroupWithNobodyPendingIsLeftOutAndItsIdKeptAsKnown() {
        Plan planned = plan(desired(spec("sales", "Sales").admins("+46732001122").build()),
                liveStates().bot(BOT, List.of(), live(G1, "Sales").admins("+46732001122").build()).build());

        SavedPlan saved = SavedPlan.of(planned);

        assertThat(saved.groups()).isEmpty();
        assertThat(saved.hasChanges()).isFalse();
        assertThat(saved.knownGroups(BOT)).containsExactly(GroupId.of(G1));
        assertThat(saved.knownGroups(BotId.of("46700000009"))).isEmpty();
    }
}
