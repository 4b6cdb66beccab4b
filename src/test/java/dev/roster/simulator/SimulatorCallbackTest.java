package dev.roster.simulator;

import static dev.roster.simulator.SimHttp.api;
import static dev.roster.testing.LocalHttp.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.simulator.CallbackReceiver.Received;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimulatorCallbackTest {
    static final String BOT = "46700000001";
    static final BotId BOT_ID = BotId.of(BOT);
    static final Instant NOW = Instant.parse("2024-03-01T12:00:00.250Z");
    static final String ALICE = "46732001122";
    static final String BOB = "46732003344";

    CallbackReceiver receiver;
    Simulator sim;
    SimHttp http;

    @BeforeEach
    void start() throws Exception {
        receiver = new CallbackReceiver();
        sim = Simulator.start(SimulatorConfig.defaults().withBots(BOT_ID)
                        .withCallbackUrl(receiver.url("/hooks/sinch?key=k3y"))
                        .withCallbackRetryDelay(10),
                Clock.fixed(NOW, ZoneOffset.UTC));
        http = new SimHttp(sim);
    }

    @AfterEach
    void stop() {
        sim.close();
        receiver.close();
    }

    String create(String subject) {
        SimHttp.Reply reply = http.send("POST", api(BOT), "{\"subject\":\"" + subject + "\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("group_id").asText();
    }

    void ok(String method, String path, String body) {
        SimHttp.Reply reply = http.send(method, path, body);
        assertThat(reply.status()).as(method + " " + path + ": " + reply.body()).isEqualTo(200);
    }

    static String numbers(String... numbers) {
        return "{\"numbers\":[" + List.of(numbers).stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(","))
                + "]}";
    }

    List<Received> awaitReceived(int count) {
        await(count + " callbacks", 20, () -> receiver.received().size() >= count,
                () -> receiver.received().stream().map(Received::eventType).toList().toString());
        return receiver.received();
    }

    @Test
    void createSendsGroupCreatedInTheProvidersEnvelope() {
        String id = create("Sales");

        Received created = awaitReceived(1).get(0);
        JsonNode json = created.json();
        assertThat(json.get("type").asText()).isEqualTo("whatsapp");
        assertThat(json.get("notifications")).hasSize(1);
        JsonNode n = created.notification();
        assertThat(n.get("from").asText()).isEqualTo(BOT);
        assertThat(n.get("to").asText()).isEqualTo(BOT);
        assertThat(n.get("in_group").asText()).isEqualTo(id);
        assertThat(n.get("timestamp").asText()).isEqualTo("2024-03-01T12:00:00Z");
        assertThat(created.messageId()).isNotBlank();
        JsonNode message = created.message();
        assertThat(message.get("type").asText()).isEqualTo("group_event");
        assertThat(created.eventType()).isEqualTo("group_created");
        assertThat(created.members()).containsExactly(BOT);
        assertThat(message.get("in_group").asText()).isEqualTo(id);
        assertThat(message.get("body").asText()).contains("+" + BOT);
        assertThat(created.uri().getPath()).isEqualTo("/hooks/sinch");
        assertThat(created.uri().getQuery()).as("the URL's query is kept").isEqualTo("key=k3y");
        assertThat(created.contentType()).isEqualTo("application/json");
    }

    @Test
    void eachApiWriteSendsItsEventToTheBot() {
        String id = create("Sales");
        ok("POST", "/_sim/" + BOT + "/groups/" + id + "/join", numbers(ALICE, "+" + BOB));
        ok("POST", api(BOT, id) + "/admin", numbers(ALICE, BOB));
        ok("DELETE", api(BOT, id) + "/admin", numbers(BOB));
        ok("DELETE", api(BOT, id) + "/member", numbers(ALICE, "46799999999"));
        ok("DELETE", api(BOT, id) + "/invite", null);
        ok("PATCH", api(BOT, id), "{\"subject\":\"Sales Team\"}");
        ok("DELETE", api(BOT, id), null);

        List<Received> events = awaitReceived(9);
        assertThat(events).extracting(Received::eventType).containsExactly(
                "group_created", "group_user_joined", "group_user_joined", "group_user_promoted",
                "group_user_demoted", "group_user_left", "group_invite_link_revoked", "group_subject_changed",
                "group_user_left");
        assertThat(events).extracting(Received::members).containsExactly(
                List.of(BOT), List.of(ALICE), List.of(BOB), List.of(ALICE, BOB),
                List.of(BOB), List.of(ALICE), List.of(BOT), List.of(BOT),
                List.of(BOT));
        assertThat(events).extracting(e -> e.notification().get("from").asText()).containsExactly(
                BOT, ALICE, BOB, BOT, BOT, BOT, BOT, BOT, BOT);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.notification().get("to").asText()).isEqualTo(BOT);
            assertThat(e.notification().get("in_group").asText()).isEqualTo(id);
            assertThat(e.message().get("in_group").asText()).isEqualTo(id);
        });
        assertThat(events).extracting(Received::messageId).doesNotHaveDuplicates();
    }

    @Test
    void peopleActingInTheAppSendTheirEvents() {
        String id = create("Sales");
        ok("POST", "/_sim/" + BOT + "/groups/" + id + "/join", numbers(ALICE, BOB));
        ok("POST", "/_sim/" + BOT + "/groups/" + id + "/subject",
                "{\"subject\":\"Renamed\",\"from\":\"+" + ALICE + "\"}");
        ok("POST", "/_sim/" + BOT + "/groups/" + id + "/subject", "{\"subject\":\"Renamed again\"}");
        ok("POST", "/_sim/" + BOT + "/groups/" + id + "/leave", numbers(ALICE, BOB));
        ok("POST", "/_sim/" + BOT + "/groups/" + id + "/end", null);

        List<Received> events = awaitReceived(8).subList(3, 8);
        assertThat(events).extracting(Received::eventType).containsExactly(
                "group_subject_changed", "group_subject_changed", "group_user_left", "group_user_left", "group_ended");
        assertThat(events).extracting(e -> e.notification().get("from").asText())
                .as("a rename without `from` is by a participant other than the bot")
                .containsExactly(ALICE, ALICE, ALICE, BOB, BOT);
        assertThat(events).extracting(Received::members)
                .containsExactly(List.of(ALICE), List.of(ALICE), List.of(ALICE), List.of(BOB), List.of(BOT));
        assertThat(http.get(api(BOT)).json().get("groups")).as("an ended group is gone").isEmpty();
        assertThat(http.get(api(BOT, id)).status()).isEqualTo(404);
    }

    @Test
    void aRenameInTheAppChangesTheSubject() {
        String id = create("Sales");

        ok("POST", "/_sim/" + BOT + "/groups/" + id + "/subject", "{\"subject\":\"Renamed by hand\"}");

        assertThat(http.get(api(BOT, id)).json().get("subject").asText()).isEqualTo("Renamed by hand");
    }

    @Test
    void theBotCannotLeaveThroughTheTestEndpoint() {
        String id = create("Sales");

        assertThat(http.send("POST", "/_sim/" + BOT + "/groups/" + id + "/leave", numbers(BOT)).status())
                .isEqualTo(400);
        assertThat(http.get(api(BOT, id)).status()).isEqualTo(200);
    }

    @Test
    void changesThatChangeNothingSendNoEvent() {
        String id = create("Sales");
        ok("DELETE", api(BOT, id) + "/member", numbers(ALICE)); // not a participant: nothing removed
        ok("POST", "/_sim/" + BOT + "/groups/" + id + "/join", numbers(ALICE));

        List<Received> events = awaitReceived(2);
        assertThat(events).extracting(Received::eventType).containsExactly("group_created", "group_user_joined");
    }

    @Test
    void aRedeliveryKeepsTheMessageId() {
        receiver.answer(500);

        create("Sales");

        List<Received> attempts = awaitReceived(2);
        assertThat(attempts.get(1).messageId()).isEqualTo(attempts.get(0).messageId());
        await("the redelivery counted", 20, () -> sim.state().stats().callbacksDelivered() == 1);
        assertThat(sim.state().stats().callbacksFailed()).isZero();
        JsonNode stats = http.get("/_sim/stats").json().get("callbacks");
        assertThat(stats.get("delivered").asLong()).isEqualTo(1);
    }

    @Test
    void anEventIsGivenUpAfterThreeAttempts() {
        receiver.answer(500, 503, 500, 500);

        create("Sales");

        await("the event given up", 20, () -> sim.state().stats().callbacksFailed() == 1);
        assertThat(receiver.received()).hasSize(CallbackSender.MAX_ATTEMPTS)
                .extracting(Received::messageId).containsOnly(receiver.received().get(0).messageId());
        assertThat(sim.state().stats().callbacksDelivered()).isZero();
    }

    @Test
    void apiCallsDoNotWaitForAReceiverThatNeverAnswers() {
        receiver.hold();
        String id = create("Sales");
        awaitReceived(1);

        for (int i = 0; i < 10; i++) {
            ok("PATCH", api(BOT, id), "{\"subject\":\"S" + i + "\"}");
        }

        assertThat(receiver.answered()).as("callbacks answered while the API answered").isZero();
        assertThat(sim.state().group(BOT_ID, GroupId.of(id)).orElseThrow().subject()).isEqualTo("S9");
    }

    @Test
    void closingStopsTheSenderEvenWhileAReceiverHangs() throws Exception {
        Set<Thread> before = senderThreads();
        try (CallbackReceiver hanging = new CallbackReceiver();
                Simulator other = Simulator.start(SimulatorConfig.defaults().withBots(BOT_ID)
                        .withCallbackUrl(hanging.url("/hooks")))) {
            hanging.hold();
            Set<Thread> started = senderThreads();
            started.removeAll(before);
            assertThat(started).hasSize(1);
            new SimHttp(other).send("POST", api(BOT), "{\"subject\":\"Sales\"}");
            await("a callback in flight", 20, () -> hanging.received().size() == 1);

            other.close();

            assertThat(started).allSatisfy(t -> assertThat(t.isAlive()).as(t.getName()).isFalse());
        }
    }

    private static Set<Thread> senderThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("roster-sim-callbacks"))
                .collect(Collectors.toSet());
    }

    @Test
    void aUrlSetAtRunTimeIsUsedAndClearingItStopsTheCallbacks() throws Exception {
        try (CallbackReceiver later = new CallbackReceiver()) {
            ok("PUT", "/_sim/callback", "{\"url\":null}");
            create("Quiet");
            ok("PUT", "/_sim/callback", "{\"url\":\"" + later.url("/hooks/sinch/s3cret") + "\"}");
            String loud = create("Loud");

            await("the callback at the new URL", 20, () -> later.received().size() == 1);
            assertThat(later.received().get(0).notification().get("in_group").asText())
                    .as("only the group created while the URL was set").isEqualTo(loud);
            assertThat(later.received().get(0).uri().getPath()).isEqualTo("/hooks/sinch/s3cret");
        }
    }

    @Test
    void callbackUrlsOffThisMachineAreRefused() {
        for (String url : List.of("http://receiver.invalid/hooks", "http://127.0.0.1.receiver.invalid/hooks", "ftp://127.0.0.1/hooks",
                "http://user@127.0.0.1/hooks", "/hooks")) {
            assertThatThrownBy(() -> SimulatorConfig.defaults().withCallbackUrl(URI.create(url)))
                    .as(url).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> sim.setCallbackUrl(URI.create(url)))
                    .as(url).isInstanceOf(IllegalArgumentException.class);
        }

        SimHttp.Reply refused = http.send("PUT", "/_sim/callback",
                "{\"url\":\"http://receiver.invalid/hooks?key=s3cret\"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("reason").asText()).contains("receiver.invalid").doesNotContain("s3cret");
    }

    @Test
    void loopbackCallbackUrlsAreAccepted() {
        for (String url : List.of("http://localhost:1/hooks", "http://127.0.0.2:1/hooks", "http://[::1]:1/hooks",
                "https://127.0.0.1/hooks?key=x")) {
            assertThat(SimulatorConfig.defaults().withCallbackUrl(URI.create(url)).callbackUrl())
                    .isEqualTo(URI.create(url));
        }
    }

    @Test
    void theConfigNeverShowsTheCallbackUrlsQuery() {
        String shown = SimulatorConfig.defaults().withCallbackUrl(URI.create("http://127.0.0.1:9/hooks?key=s3cret"))
                .toString();

        assertThat(shown).contains("http://127.0.0.1:9/hooks").doesNotContain("s3cret");
    }
}
