package dev.roster.simulator;

import static dev.roster.simulator.SimHttp.api;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorFaultTest {
    static final String BOT = "46700000001";
    static final BotId BOT_ID = BotId.of(BOT);
    static final String UNAVAILABLE = "Internal service not available, request could not be handled";

    @Test
    void failRateOneAnswers503BeforeAnyEffect() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withBots(BOT_ID).withFailRate(1.0))) {
            GroupId existing = sim.state().createGroup(BOT_ID, "Before");
            SimHttp http = new SimHttp(sim);

            SimHttp.Reply create = http.send("POST", api(BOT), "{\"subject\":\"Never\"}");
            SimHttp.Reply rename = http.send("PATCH", api(BOT, existing.value()), "{\"subject\":\"Never\"}");
            SimHttp.Reply read = http.get(api(BOT));

            for (SimHttp.Reply reply : List.of(create, rename, read)) {
                assertThat(reply.status()).isEqualTo(503);
                assertThat(reply.json().get("message").asText()).isEqualTo("503");
                assertThat(reply.json().get("reason").asText()).isEqualTo(UNAVAILABLE);
            }
            assertThat(sim.state().groups(BOT_ID)).singleElement()
                    .satisfies(g -> assertThat(g.subject()).isEqualTo("Before"));
            assertThat(sim.state().stats().faults()).isEqualTo(3);
            assertThat(sim.state().stats().writes()).isZero();
        }
    }

    @Test
    void failRateAppliesEvenToABadToken() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withBots(BOT_ID).withFailRate(1.0))) {
            assertThat(new SimHttp(sim).withToken("wrong").get(api(BOT)).status()).isEqualTo(503);
        }
    }

    @Test
    void failAfterRateOneAppliesTheWriteThenAnswers503() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withBots(BOT_ID).withFailAfterRate(1.0))) {
            SimHttp http = new SimHttp(sim);

            SimHttp.Reply create = http.send("POST", api(BOT), "{\"subject\":\"Lost answer\"}");

            assertThat(create.status()).isEqualTo(503);
            assertThat(create.json().get("reason").asText()).isEqualTo(UNAVAILABLE);
            assertThat(sim.state().groups(BOT_ID)).singleElement()
                    .satisfies(g -> assertThat(g.subject()).isEqualTo("Lost answer"));
            assertThat(sim.state().stats().writes()).isEqualTo(1);
            assertThat(sim.state().stats().faults()).isEqualTo(1);
        }
    }

    @Test
    void failAfterRateLeavesReadsAlone() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withBots(BOT_ID).withFailAfterRate(1.0))) {
            assertThat(new SimHttp(sim).get(api(BOT)).status()).isEqualTo(200);
        }
    }

    @Test
    void aRejectedWriteIsNotTurnedInto503() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withBots(BOT_ID).withFailAfterRate(1.0))) {
            assertThat(new SimHttp(sim).send("POST", api(BOT), "{\"subject\":\"\"}").status()).isEqualTo(400);
            assertThat(sim.state().stats().writes()).isZero();
        }
    }

    @Test
    void theSameSeedGivesTheSameFaultSequence() throws Exception {
        List<Integer> first = statuses(SimulatorConfig.defaults().withFailRate(0.5).withSeed(42));
        List<Integer> second = statuses(SimulatorConfig.defaults().withFailRate(0.5).withSeed(42));
        List<Integer> otherSeed = statuses(SimulatorConfig.defaults().withFailRate(0.5).withSeed(43));

        assertThat(first).isEqualTo(second).contains(200, 503);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void latencyDelaysEveryAnswer() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withBots(BOT_ID).withLatency(300))) {
            SimHttp http = new SimHttp(sim);
            long started = System.nanoTime();

            SimHttp.Reply reply = http.get(api(BOT));
            SimHttp.Reply refused = http.withToken("wrong").get(api(BOT));

            long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(reply.status()).isEqualTo(200);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(elapsedMillis).isGreaterThanOrEqualTo(600);
        }
    }

    private static List<Integer> statuses(SimulatorConfig config) throws Exception {
        try (Simulator sim = Simulator.start(config.withBots(BOT_ID))) {
            SimHttp http = new SimHttp(sim);
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                statuses.add(http.get(api(BOT)).status());
            }
            return statuses;
        }
    }
}
