package dev.roster.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.api.sinch.SinchGroupApi;
import dev.roster.api.sinch.SinchOptions;
import dev.roster.model.BotId;
import dev.roster.model.DesiredState;
import dev.roster.model.GroupId;
import dev.roster.model.GroupSpec;
import dev.roster.model.LiveGroup;
import dev.roster.model.Membership;
import dev.roster.model.Msisdn;
import dev.roster.model.Secret;
import dev.roster.model.SourceLocation;
import dev.roster.simulator.Simulator;
import dev.roster.simulator.SimulatorConfig;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reader against the simulator, over HTTP. */
class LiveStateReaderTest {
    static final BotId BOT = BotId.of("447506616260");
    static final Msisdn ALICE = Msisdn.parse("+46732001122");
    static final Msisdn BOB = Msisdn.parse("+46732002244");

    Simulator sim;
    SinchGroupApi api;

    @BeforeEach
    void start() throws IOException {
        sim = Simulator.start(SimulatorConfig.defaults().withBots(Set.of(BOT)));
        api = SinchGroupApi.create(SinchOptions.of(sim.baseUrl(), Secret.of(SimulatorConfig.DEFAULT_TOKEN)));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void aGroupReadHoldsTheDeclaredNumberInstancesOfTheSpecItMatches() {
        GroupId id = sim.state().createGroup(BOT, "Renamed since");
        sim.state().join(BOT, id, List.of(Msisdn.parse("+46732001122"), Msisdn.parse("+46732002244")));
        sim.state().promote(BOT, id, List.of(Msisdn.parse("+46732001122")));
        GroupSpec spec = spec("Sales", List.of("Renamed since"), List.of(ALICE), List.of(BOB));

        LiveGroup live = read(spec).get(id);

        assertThat(live.admins()).contains(ALICE);
        assertThat(live.admins().stream().filter(ALICE::equals).findFirst().orElseThrow()).isSameAs(ALICE);
        assertThat(live.members()).singleElement().isSameAs(BOB);
    }

    @Test
    void aGroupNoSpecNamesIsReadAsItIs() {
        GroupId id = sim.state().createGroup(BOT, "Someone else's");
        sim.state().join(BOT, id, List.of(Msisdn.parse("+46732002244")));
        GroupSpec spec = spec("Sales", List.of(), List.of(), List.of(BOB));

        LiveGroup live = read(spec).get(id);

        assertThat(live.members()).containsExactly(BOB);
        assertThat(live.members().iterator().next()).isNotSameAs(BOB);
    }

    @Test
    void eachGroupReadIsHandedOnWithTheSpecItLikelyIsAsItComes() {
        GroupId sales = sim.state().createGroup(BOT, "Sales");
        GroupId pinned = sim.state().createGroup(BOT, "Any subject");
        GroupId other = sim.state().createGroup(BOT, "Someone else's");
        GroupSpec bySubject = spec("Sales", List.of(), List.of(), List.of());
        GroupSpec byId = new GroupSpec(BOT, "pinned", "Pinned", pinned, List.of(), Set.of(), Set.of(),
                Membership.EXACT, false, new SourceLocation("groups.yaml", 5, 1));
        Map<GroupId, Map.Entry<GroupSpec, LiveGroup>> told = new ConcurrentHashMap<>();

        LiveStateReader.Result result = new LiveStateReader(api, 4, false).read(
                new DesiredState(List.of(bySubject, byId)), ProgressListener.NONE,
                (likely, group) -> told.put(group.id(), Map.entry(likely, group)));

        Map<GroupId, LiveGroup> read = result.state().bots().get(BOT).groups();
        assertThat(told).containsOnlyKeys(sales, pinned);
        assertThat(told.get(sales).getKey()).isSameAs(bySubject);
        assertThat(told.get(sales).getValue()).isSameAs(read.get(sales));
        assertThat(told.get(pinned).getKey()).isSameAs(byId);
        assertThat(told.get(pinned).getValue()).isSameAs(read.get(pinned));
        assertThat(read).containsKey(other);
    }

    private Map<GroupId, LiveGroup> read(GroupSpec spec) {
        LiveStateReader.Result result = new LiveStateReader(api, 4, false).read(new DesiredState(List.of(spec)));
        assertThat(result.failures()).isEmpty();
        return result.state().bots().get(BOT).groups();
    }

    private static GroupSpec spec(String subject, List<String> previously, List<Msisdn> admins, List<Msisdn> members) {
        return new GroupSpec(BOT, "sales", subject, null, previously, Set.copyOf(admins), Set.copyOf(members),
                Membership.EXACT, false, new SourceLocation("groups.yaml", 1, 1));
    }
}
