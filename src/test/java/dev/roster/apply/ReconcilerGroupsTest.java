package dev.roster.apply;

import static dev.roster.plan.PlanFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.api.RetryPolicy;
import dev.roster.api.sinch.SinchGroupApi;
import dev.roster.api.sinch.SinchOptions;
import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.GroupSpec;
import dev.roster.model.Msisdn;
import dev.roster.model.Secret;
import dev.roster.plan.Action;
import dev.roster.plan.GroupPlan;
import dev.roster.plan.PlannerOptions;
import dev.roster.plan.SetSubject;
import dev.roster.simulator.Simulator;
import dev.roster.simulator.SimulatorConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Reconciler#planGroups}: some live groups of a bot, each planned against the declared group it is known to
 * be, over HTTP against the simulator (a run started by the provider's events).
 */
class ReconcilerGroupsTest {
    static final BotId BOT = BotId.of("447506616260");
    static final String TOKEN = "reconciler-groups-token-4d5e";
    static final String ALICE = "+46732001122";
    static final String BOB = "+46732002244";

    Simulator sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    private Reconciler reconciler(SimulatorConfig config) throws Exception {
        sim = Simulator.start(config.withToken(TOKEN).withBots(BOT));
        SinchGroupApi api = SinchGroupApi.create(new SinchOptions(sim.baseUrl(), bot -> Secret.of(TOKEN),
                Duration.ofSeconds(2), Duration.ofSeconds(5), RetryPolicy.none()));
        return new Reconciler(api, 4, new PlannerOptions(true));
    }

    @Test
    void aGroupRenamedByHandIsRenamedBackAndOnlyTheNamedGroupsAreRead() throws Exception {
        Reconciler reconciler = reconciler(SimulatorConfig.defaults());
        GroupId sales = sim.state().createGroup(BOT, "Hacked");
        GroupId board = sim.state().createGroup(BOT, "Board");
        sim.state().createGroup(BOT, "Unmanaged");
        sim.state().join(BOT, board, List.of(Msisdn.parse(ALICE), Msisdn.parse(BOB)));
        Map<GroupId, GroupSpec> known = new LinkedHashMap<>();
        known.put(sales, spec("sales", "Sales Team").build());
        known.put(board, spec("board", "Board").admins(ALICE).build());
        sim.state().stats().reset();

        Reconciler.Planned planned = reconciler.planGroups(BOT, known);

        assertThat(planned.readFailures()).isEmpty();
        assertThat(planned.plan().problems()).isEmpty();
        assertThat(planned.plan().unmanaged()).as("the bot's other groups are not planned").isEmpty();
        assertThat(planned.plan().groups()).extracting(GroupPlan::key).containsExactlyInAnyOrder("sales", "board");
        GroupPlan salesPlan = planned.plan().groups().stream().filter(g -> g.key().equals("sales")).findFirst()
                .orElseThrow();
        assertThat(salesPlan.groupId()).isEqualTo(sales);
        assertThat(salesPlan.changes()).containsExactly(new SetSubject("Hacked", "Sales Team"));
        GroupPlan boardPlan = planned.plan().groups().stream().filter(g -> g.key().equals("board")).findFirst()
                .orElseThrow();
        assertThat(boardPlan.changes()).extracting(c -> c.action()).containsExactlyInAnyOrder(Action.ADD_ADMINS,
                Action.REMOVE_MEMBERS, Action.ROTATE_INVITE);
        assertThat(sim.state().stats().requestsByEndpoint()).as("one get per group, no list")
                .containsOnly(Map.entry("GET /groups/{id}", 2L));
    }

    @Test
    void aGroupThatIsGoneIsAProblemNeverACreate() throws Exception {
        Reconciler reconciler = reconciler(SimulatorConfig.defaults());
        GroupId gone = GroupId.of("group:447506616260-1600000000");

        Reconciler.Planned planned = reconciler.planGroups(BOT, Map.of(gone, spec("sales", "Sales Team").build()));

        assertThat(planned.plan().groups()).noneMatch(g -> g.changes().stream()
                .anyMatch(c -> c.action() == Action.CREATE_GROUP));
        assertThat(planned.plan().problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains(gone.value()).contains("not among the bot's groups"));
    }

    @Test
    void aGroupThatCannotBeReadIsAReadFailure() throws Exception {
        Reconciler reconciler = reconciler(SimulatorConfig.defaults().withFailRate(1.0));
        GroupId sales = sim.state().createGroup(BOT, "Sales Team");

        Reconciler.Planned planned = reconciler.planGroups(BOT, Map.of(sales, spec("sales", "Sales Team").build()));

        assertThat(planned.readFailures()).singleElement().satisfies(f -> assertThat(f.group()).isEqualTo(sales));
        assertThat(planned.plan().problems()).anySatisfy(p -> assertThat(p.message())
                .startsWith("could not read group " + sales.value()));
        assertThat(planned.isComplete()).isFalse();
    }
}
