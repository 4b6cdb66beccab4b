package dev.roster.simulator;

import static dev.roster.simulator.SimHttp.api;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.testing.MutableClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server-side rate limit, over HTTP, with the simulator's clock moved by hand: no request depends on timing. */
class SimulatorRateLimitTest {
    static final String BOT = "46700000001";
    static final String OTHER_BOT = "46700000002";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T06:00:00Z"));
    private Simulator sim;
    private SimHttp http;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    private void start(double perSecond, RateLimitScope scope) throws IOException {
        sim = Simulator.start(SimulatorConfig.defaults().withBots(BotId.of(BOT), BotId.of(OTHER_BOT))
                .withCloud(new CloudSettings(0, 8, null)).withRateLimit(perSecond, scope), clock);
        http = new SimHttp(sim);
    }

    private static String rename(String subject) {
        return "{\"subject\":\"" + subject + "\"}";
    }

    @Test
    void aboveTheLimitInOneSecondARequestIsRefusedWith429AndRetryAfterAndHasNoEffect() throws IOException {
        start(3, RateLimitScope.ALL);
        GroupId group = sim.state().createGroup(BotId.of(BOT), "Before");

        for (int i = 0; i < 3; i++) {
            assertThat(http.get(api(BOT, group.value())).status()).isEqualTo(200);
        }
        clock.advance(Duration.ofMillis(999));
        SimHttp.Reply refused = http.send("PATCH", api(BOT, group.value()), rename("After"));

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.retryAfter()).isEqualTo("1");
        assertThat(refused.json().get("message").asText()).isEqualTo("429");
        assertThat(refused.json().get("reason").asText()).isEqualTo("Too many requests");
        assertThat(sim.state().group(BotId.of(BOT), group).orElseThrow().subject()).isEqualTo("Before");
        assertThat(sim.state().stats().writes()).isZero();

        clock.advance(Duration.ofMillis(1));
        assertThat(http.send("PATCH", api(BOT, group.value()), rename("After")).status())
                .isEqualTo(200);
        assertThat(sim.state().group(BotId.of(BOT), group).orElseThrow().subject()).isEqualTo("After");
    }

    @Test
    void theWindowSlidesAndRefusedRequestsTakeNoSlot() throws IOException {
        start(2, RateLimitScope.ALL);

        assertThat(http.get(api(BOT)).status()).isEqualTo(200);          // t = 0
        clock.advance(Duration.ofMillis(600));
        assertThat(http.get(api(BOT)).status()).isEqualTo(200);          // t = 600
        clock.advance(Duration.ofMillis(300));
        assertThat(http.get(api(BOT)).status()).isEqualTo(429);          // t = 900: 2 in (-100, 900]
        assertThat(http.get(api(BOT)).status()).isEqualTo(429);
        clock.advance(Duration.ofMillis(100));
        assertThat(http.get(api(BOT)).status()).as("t = 1000: the first left the window, the refused took none")
                .isEqualTo(200);
        assertThat(http.get(api(BOT)).status()).as("t = 1000: 600 and 1000 fill it").isEqualTo(429);
        clock.advance(Duration.ofMillis(600));
        assertThat(http.get(api(BOT)).status()).isEqualTo(200);          // t = 1600
    }

    @Test
    void retryAfterIsTheWholeSecondsUntilASlotFreesRoundedUp() throws IOException {
        start(0.25, RateLimitScope.ALL); // one request every 4 s

        assertThat(http.get(api(BOT)).status()).isEqualTo(200);
        clock.advance(Duration.ofMillis(500));

        assertThat(http.get(api(BOT)).retryAfter()).isEqualTo("4");
        clock.advance(Duration.ofMillis(2600));
        assertThat(http.get(api(BOT)).retryAfter()).isEqualTo("1");
        clock.advance(Duration.ofMillis(900));
        assertThat(http.get(api(BOT)).status()).isEqualTo(200);
    }

    @Test
    void perBotScopeGivesEachBotItsOwnWindow() throws IOException {
        start(1, RateLimitScope.BOT);

        assertThat(http.get(api(BOT)).status()).isEqualTo(200);
        assertThat(http.get(api(BOT)).status()).isEqualTo(429);
        assertThat(http.get(api(OTHER_BOT)).status()).as("another bot's window").isEqualTo(200);
        assertThat(http.get(api(OTHER_BOT)).status()).isEqualTo(429);
    }

    @Test
    void serverScopeSharesOneWindowAmongBots() throws IOException {
        start(1, RateLimitScope.ALL);

        assertThat(http.get(api(BOT)).status()).isEqualTo(200);
        assertThat(http.get(api(OTHER_BOT)).status()).isEqualTo(429);
    }

    @Test
    void cloudApiRequestsAreLimitedPerOwningBotWithCode131208() throws IOException {
        start(1, RateLimitScope.BOT);
        SimHttp.Reply created = http.send("POST", "/v23.0/" + BOT + "/groups",
                "{\"messaging_product\":\"whatsapp\",\"subject\":\"Cloud\"}");
        assertThat(created.status()).isEqualTo(200);
        String group = sim.state().cloud().all().get(0).id;

        SimHttp.Reply refused = http.send("POST", "/v23.0/" + group, "{\"subject\":\"Renamed\"}");
        SimHttp.Reply otherBot = http.get("/v23.0/" + OTHER_BOT + "/groups");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.retryAfter()).isEqualTo("1");
        assertThat(refused.json().at("/error/code").asInt()).isEqualTo(131208);
        assertThat(sim.state().cloud().get(group).subject).as("no effect").isEqualTo("Cloud");
        assertThat(otherBot.status()).as("the group's path counts for the bot that owns it").isEqualTo(200);
    }

    @Test
    void bothDialectsShareTheServerWindow() throws IOException {
        start(1, RateLimitScope.ALL);

        assertThat(http.get(api(BOT)).status()).isEqualTo(200);
        assertThat(http.get("/v23.0/" + BOT + "/groups").status()).isEqualTo(429);
    }

    @Test
    void rateLimitedRequestsAreCountedInStatsPerSecond() throws IOException {
        start(2, RateLimitScope.ALL);
        for (int i = 0; i < 5; i++) {
            http.get(api(BOT));
        }
        clock.advance(Duration.ofSeconds(1));
        http.get(api(BOT));

        JsonNode stats = http.get("/_sim/stats").json();
        assertThat(stats.get("total_requests").asLong()).as("refused requests are requests too").isEqualTo(6);
        assertThat(stats.get("rate_limited").asLong()).isEqualTo(3);
        JsonNode seconds = stats.get("per_second");
        long first = clock.instant().getEpochSecond() - 1;
        assertThat(seconds).hasSize(2);
        assertThat(seconds.get(0).get("second").asLong()).isEqualTo(first);
        assertThat(seconds.get(0).get("requests").asLong()).isEqualTo(5);
        assertThat(seconds.get(0).get("rate_limited").asLong()).isEqualTo(3);
        assertThat(seconds.get(1).get("second").asLong()).isEqualTo(first + 1);
        assertThat(seconds.get(1).get("requests").asLong()).isEqualTo(1);
        assertThat(seconds.get(1).get("rate_limited").asLong()).isZero();
        assertThat(sim.state().stats().snapshot().rateLimited()).isEqualTo(3);
        assertThat(stats.get("first_request_ms").asLong()).isEqualTo(clock.millis() - 1000);
        assertThat(stats.get("last_request_ms").asLong()).isEqualTo(clock.millis());

        http.send("POST", "/_sim/stats/reset", null);
        JsonNode after = http.get("/_sim/stats").json();
        assertThat(after.get("rate_limited").asLong()).isZero();
        assertThat(after.get("per_second")).isEmpty();
        assertThat(after.get("first_request_ms").isNull()).isTrue();
    }

    @Test
    void testEndpointsAreNeitherLimitedNorCounted() throws IOException {
        start(1, RateLimitScope.ALL);
        GroupId group = sim.state().createGroup(BotId.of(BOT), "S");
        http.get(api(BOT));

        SimHttp.Reply join = http.send("POST", "/_sim/" + BOT + "/groups/" + group.value() + "/join",
                "{\"numbers\":[\"46701111111\"]}");

        assertThat(join.status()).isEqualTo(200);
        assertThat(http.get("/_sim/stats").status()).isEqualTo(200);
        assertThat(http.get(api(BOT)).status()).as("the window still holds only the first request").isEqualTo(429);
        assertThat(sim.state().stats().totalRequests()).isEqualTo(2);
    }

    @Test
    void withoutALimitNothingIsRefused() throws IOException {
        sim = Simulator.start(SimulatorConfig.defaults().withBots(BotId.of(BOT)), clock);
        http = new SimHttp(sim);

        for (int i = 0; i < 50; i++) {
            assertThat(http.get(api(BOT)).status()).isEqualTo(200);
        }
        assertThat(sim.state().stats().rateLimited()).isZero();
    }
}
