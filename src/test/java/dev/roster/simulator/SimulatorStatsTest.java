package dev.roster.simulator;

import static dev.roster.simulator.SimHttp.api;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.model.BotId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimulatorStatsTest {
    static final String BOT = "46700000001";

    Simulator sim;
    SimHttp http;

    @BeforeEach
    void start() throws Exception {
        sim = Simulator.start(SimulatorConfig.defaults().withBots(BotId.of(BOT)));
        http = new SimHttp(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void requestsAreCountedPerEndpointTemplate() {
        String id = http.send("POST", api(BOT), "{\"subject\":\"S\"}").json().get("group_id").asText();
        http.get(api(BOT, id));
        http.get(api(BOT, id.replace(":", "%3A")));
        http.send("PATCH", api(BOT, id), "{\"subject\":\"T\"}");
        http.get(api(BOT, id) + "/invite");
        http.send("POST", api(BOT), "{\"subject\":\"\"}");
        http.get("/whatsapp/v1/" + BOT + "/other");

        Stats stats = sim.state().stats();
        assertThat(stats.totalRequests()).isEqualTo(7);
        assertThat(stats.requests("POST /groups")).isEqualTo(2);
        assertThat(stats.requests("GET /groups/{id}")).isEqualTo(2);
        assertThat(stats.requests("PATCH /groups/{id}")).isEqualTo(1);
        assertThat(stats.requests("GET /groups/{id}/invite")).isEqualTo(1);
        assertThat(stats.requests("UNMATCHED")).isEqualTo(1);
        assertThat(stats.writes()).as("the rejected create took no effect").isEqualTo(2);
        assertThat(stats.faults()).isZero();
        assertThat(stats.maxRequestsPerSecond()).isBetween(1L, 7L);
    }

    @Test
    void testEndpointsAreNotCounted() {
        String id = sim.state().createGroup(BotId.of(BOT), "S").value();
        http.send("POST", "/_sim/" + BOT + "/groups/" + id + "/join", "{\"numbers\":[\"46701111111\"]}");
        http.get("/_sim/stats");

        assertThat(sim.state().stats().totalRequests()).isZero();
    }

    @Test
    void statsAreServedAsJsonAndResetOverHttp() {
        http.get(api(BOT));
        http.get(api(BOT));

        JsonNode stats = http.get("/_sim/stats").json();
        assertThat(stats.get("total_requests").asLong()).isEqualTo(2);
        assertThat(stats.get("writes").asLong()).isZero();
        assertThat(stats.get("faults").asLong()).isZero();
        assertThat(stats.get("max_requests_per_second").asLong()).isPositive();
        assertThat(stats.get("requests").get("GET /groups").asLong()).isEqualTo(2);

        assertThat(http.send("POST", "/_sim/stats/reset", null).status()).isEqualTo(200);

        JsonNode after = http.get("/_sim/stats").json();
        assertThat(after.get("total_requests").asLong()).isZero();
        assertThat(after.get("requests")).isEmpty();
        assertThat(sim.state().stats().snapshot().requests("GET /groups")).isZero();
    }

    @Test
    void aBotCanBeAddedOverTheTestEndpoint() {
        assertThat(http.get(api("46700000002")).status()).isEqualTo(401);

        assertThat(http.send("PUT", "/_sim/46700000002", null).status()).isEqualTo(200);

        assertThat(http.get(api("46700000002")).status()).isEqualTo(200);
    }
}
