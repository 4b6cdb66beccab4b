package dev.roster.simulator;

import static dev.roster.simulator.SimHttp.api;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.LiveGroup;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SimulatorConcurrencyTest {
    static final String BOT = "46700000001";
    static final BotId BOT_ID = BotId.of(BOT);

    @Test
    void twoHundredConcurrentRequestsAreAllAnsweredAndTheStateStaysConsistent() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withBots(BOT_ID))) {
            GroupId shared = sim.state().createGroup(BOT_ID, "Shared");
            SimHttp http = new SimHttp(sim);
            ExecutorService pool = Executors.newFixedThreadPool(200);
            try {
                List<Callable<SimHttp.Reply>> calls = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    calls.add(() -> http.send("POST", api(BOT), "{\"subject\":\"Parallel\"}"));
                }
                for (int i = 0; i < 100; i++) {
                    String number = "4670200" + (1000 + i);
                    calls.add(() -> http.send("POST", "/_sim/" + BOT + "/groups/" + shared.value() + "/join",
                            "{\"numbers\":[\"" + number + "\"]}"));
                }
                List<Future<SimHttp.Reply>> replies = pool.invokeAll(calls);

                Set<String> createdIds = new HashSet<>();
                for (int i = 0; i < replies.size(); i++) {
                    SimHttp.Reply reply = replies.get(i).get();
                    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
                    if (i < 100) {
                        createdIds.add(reply.json().get("group_id").asText());
                    }
                }
                assertThat(createdIds).hasSize(100);
                assertThat(sim.state().groupIds(BOT_ID)).hasSize(101);
                LiveGroup group = sim.state().group(BOT_ID, shared).orElseThrow();
                assertThat(group.members()).hasSize(100);
                assertThat(sim.state().stats().requests("POST /groups")).isEqualTo(100);
                assertThat(sim.state().stats().writes()).isEqualTo(100);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
