package dev.roster.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.roster.model.BotId;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulatorCloudApiTest {
    static final String BOT = "106540352242922";
    static final String SECRET = "app-secret-for-tests";

    private Simulator sim;
    private HttpServer hooks;
    private final LinkedBlockingQueue<String[]> received = new LinkedBlockingQueue<>(); // {signature, body}

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
        if (hooks != null) {
            hooks.stop(0);
        }
    }

    private SimHttp start(long createDelay, double failRate) throws IOException {
        hooks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hooks.createContext("/hooks", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                received.add(new String[] {exchange.getRequestHeaders().getFirst("X-Hub-Signature-256"),
                        new String(in.readAllBytes(), StandardCharsets.UTF_8)});
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        hooks.start();
        URI url = URI.create("http://127.0.0.1:" + hooks.getAddress().getPort() + "/hooks");
        sim = Simulator.start(SimulatorConfig.defaults().withBots(BotId.of(BOT)).withCallbackUrl(url)
                .withFailRate(failRate).withCloud(new CloudSettings(createDelay, 8, SECRET)));
        return new SimHttp(sim);
    }

    private static String groupsPath() {
        return "/v23.0/" + BOT + "/groups";
    }

    /** Creates a group and waits until it is listed; returns its id. */
    private String create(SimHttp http, String subject, String mode) {
        SimHttp.Reply reply = http.send("POST", groupsPath(), "{\"messaging_product\":\"whatsapp\",\"subject\":\""
                + subject + "\",\"join_approval_mode\":\"" + mode + "\"}");
        assertThat(reply.status()).isEqualTo(200);
        String[] id = new String[1];
        await(() -> {
            for (JsonNode g : http.get(groupsPath() + "?limit=1024").json().at("/data/groups")) {
                if (g.get("subject").asText().equals(subject)) {
                    id[0] = g.get("id").asText();
                    return true;
                }
            }
            return false;
        });
        return id[0];
    }

    private static void await(BooleanSupplier condition) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within 10 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private JsonNode webhookOfType(String type) throws InterruptedException, IOException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            String[] hook = received.poll(100, TimeUnit.MILLISECONDS);
            if (hook != null) {
                assertThat(hook[0]).isEqualTo("sha256=" + CloudApiHandler.sign(SECRET,
                        hook[1].getBytes(StandardCharsets.UTF_8)));
                JsonNode json = SimHttp.JSON.readTree(hook[1]);
                JsonNode group = json.at("/entry/0/changes/0/value/groups/0");
                if (group.path("type").asText().equals(type)) {
                    return json;
                }
            }
        }
        throw new AssertionError("no webhook " + type);
    }

    private static JsonNode parse(String s) {
        try {
            return SimHttp.JSON.readTree(s);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void createIsAsynchronousAndReportedBySignedWebhookWithTheRequestId() throws Exception {
        SimHttp http = start(2000, 0);
        SimHttp.Reply reply = http.send("POST", groupsPath(),
                "{\"messaging_product\":\"whatsapp\",\"subject\":\"  Team  \"}");
        assertThat(reply.json().get("messaging_product").asText()).isEqualTo("whatsapp");
        String requestId = reply.json().get("request_id").asText();
        assertThat(http.get(groupsPath()).json().at("/data/groups")).isEmpty();

        JsonNode hook = webhookOfType("group_create");
        assertThat(hook.get("object").asText()).isEqualTo("whatsapp_business_account");
        JsonNode change = hook.at("/entry/0/changes/0");
        assertThat(change.get("field").asText()).isEqualTo("group_lifecycle_update");
        assertThat(change.at("/value/metadata/phone_number_id").asText()).isEqualTo(BOT);
        JsonNode group = change.at("/value/groups/0");
        assertThat(group.get("request_id").asText()).isEqualTo(requestId);
        assertThat(group.get("subject").asText()).isEqualTo("Team");
        assertThat(group.get("invite_link").asText()).startsWith("https://chat.whatsapp.com/");
        assertThat(group.get("join_approval_mode").asText()).isEqualTo("auto_approve");
        assertThat(http.get(groupsPath()).json().at("/data/groups/0/id").asText())
                .isEqualTo(group.get("group_id").asText());
    }

    @Test
    void getAnswersOnlyTheIdWithoutFieldsAndTheAskedFieldsWithThem() throws Exception {
        SimHttp http = start(0, 0);
        String id = create(http, "Crew", "auto_approve");
        assertThat(http.send("POST", "/_sim/" + BOT + "/groups/" + id + "/join",
                "{\"numbers\":[\"+46700000001\"]}").status()).isEqualTo(200);
        assertThat(http.get("/v23.0/" + id).json().toString()).isEqualTo("{\"id\":\"" + id + "\"}");
        JsonNode g = http.get("/v23.0/" + id + "?fields=subject,description,participants,join_approval_mode,"
                + "suspended,creation_timestamp,total_participant_count").json();
        assertThat(g.get("subject").asText()).isEqualTo("Crew");
        assertThat(g.get("participants").toString()).isEqualTo("[{\"wa_id\":\"46700000001\"}]");
        assertThat(g.get("total_participant_count").asInt()).isEqualTo(1);
        assertThat(g.get("suspended").asBoolean()).isFalse();
        assertThat(g.get("creation_timestamp").isIntegralNumber()).isTrue();

        assertThat(http.send("POST", "/v23.0/" + id, "{\"messaging_product\":\"whatsapp\",\"subject\":\"New\","
                + "\"description\":\"About\"}").json().get("success").asBoolean()).isTrue();
        assertThat(http.get("/v23.0/" + id + "?fields=subject,description").json().get("description").asText())
                .isEqualTo("About");
        assertThat(webhookOfType("group_settings_update").at("/entry/0/changes/0/value/groups/0/group_subject/text")
                .asText()).isEqualTo("New");
        String link = http.get("/v23.0/" + id + "/invite_link").json().get("invite_link").asText();
        String reset = http.send("POST", "/v23.0/" + id + "/invite_link", "{\"messaging_product\":\"whatsapp\"}")
                .json().get("invite_link").asText();
        assertThat(reset).isNotEqualTo(link);
    }

    @Test
    void listPagesSixtyGroupsInThreePagesWithoutDuplicatesAndRejectsABadCursor() throws Exception {
        SimHttp http = start(0, 0);
        for (int i = 0; i < 60; i++) {
            http.send("POST", groupsPath(), "{\"messaging_product\":\"whatsapp\",\"subject\":\"G" + i + "\"}");
        }
        Set<String> seen = new HashSet<>();
        List<Integer> sizes = new ArrayList<>();
        String after = null;
        do {
            JsonNode page = http.get(groupsPath() + "?limit=25" + (after == null ? "" : "&after=" + after)).json();
            page.at("/data/groups").forEach(g -> assertThat(seen.add(g.get("id").asText())).isTrue());
            sizes.add(page.at("/data/groups").size());
            after = page.at("/paging").has("next") ? page.at("/paging/cursors/after").asText() : null;
        } while (after != null);
        assertThat(sizes).containsExactly(25, 25, 10);
        assertThat(seen).hasSize(60);

        SimHttp.Reply bad = http.get(groupsPath() + "?after=bogus");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/error/code").asInt()).isEqualTo(131059);
        assertThat(bad.json().at("/error/fbtrace_id").isTextual()).isTrue();
    }

    @Test
    void aNinthJoinIsRefusedWith131204() throws Exception {
        SimHttp http = start(0, 0);
        String id = create(http, "Full", "auto_approve");
        StringBuilder eight = new StringBuilder();
        for (int i = 1; i <= 8; i++) {
            eight.append(i == 1 ? "" : ",").append("\"4670000000").append(i).append('"');
        }
        assertThat(http.send("POST", "/_sim/" + BOT + "/groups/" + id + "/join", "{\"numbers\":[" + eight + "]}")
                .status()).isEqualTo(200);
        SimHttp.Reply ninth = http.send("POST", "/_sim/" + BOT + "/groups/" + id + "/join",
                "{\"numbers\":[\"46700000009\"]}");
        assertThat(ninth.status()).isEqualTo(400);
        assertThat(ninth.json().at("/error/code").asInt()).isEqualTo(131204);
    }

    @Test
    void removingSomeoneNotInTheGroupIsAPartialSuccessAndTheRemovedCannotRejoin() throws Exception {
        SimHttp http = start(0, 0);
        String id = create(http, "Gate", "auto_approve");
        http.send("POST", "/_sim/" + BOT + "/groups/" + id + "/join", "{\"numbers\":[\"46700000001\"]}");
        SimHttp.Reply partial = http.send("DELETE", "/v23.0/" + id + "/participants",
                "{\"messaging_product\":\"whatsapp\",\"participants\":[{\"user\":\"+46700000001\"},"
                        + "{\"user\":\"46700000002\"}]}");
        assertThat(partial.status()).isEqualTo(206);
        assertThat(partial.json().at("/errors/0/code").asInt()).isEqualTo(131201);
        assertThat(partial.json().get("removed_participants").toString()).isEqualTo("[\"46700000001\"]");
        assertThat(partial.json().at("/failed_participants/0/user").asText()).isEqualTo("46700000002");

        SimHttp.Reply none = http.send("DELETE", "/v23.0/" + id + "/participants",
                "{\"messaging_product\":\"whatsapp\",\"participants\":[{\"user\":\"46700000002\"}]}");
        assertThat(none.json().at("/error/code").asInt()).isEqualTo(131212);
        assertThat(http.send("POST", "/_sim/" + BOT + "/groups/" + id + "/join", "{\"numbers\":[\"46700000001\"]}")
                .status()).isEqualTo(400);
        assertThat(http.get("/v23.0/" + id + "?fields=total_participant_count").json()
                .get("total_participant_count").asInt()).isZero();
    }

    @Test
    void joinRequestsAreListedApprovedAndRejectedAndUnknownOnesFail() throws Exception {
        SimHttp http = start(0, 0);
        String id = create(http, "Asked", "approval_required");
        http.send("POST", "/_sim/" + BOT + "/groups/" + id + "/join_request",
                "{\"numbers\":[\"46700000001\",\"46700000002\"]}");
        assertThat(webhookOfType("group_join_request_created").at("/entry/0/changes/0/field").asText())
                .isEqualTo("group_participants_update");
        JsonNode requests = http.get("/v23.0/" + id + "/join_requests").json().get("data");
        assertThat(requests).hasSize(2);
        String first = requests.get(0).get("join_request_id").asText();
        String second = requests.get(1).get("join_request_id").asText();

        JsonNode approved = http.send("POST", "/v23.0/" + id + "/join_requests",
                "{\"messaging_product\":\"whatsapp\",\"join_requests\":[\"" + first + "\",\"nope\"]}").json();
        assertThat(approved.get("approved_join_requests").toString()).isEqualTo("[\"" + first + "\"]");
        assertThat(approved.at("/failed_join_requests/0/join_request_id").asText()).isEqualTo("nope");
        assertThat(approved.at("/failed_join_requests/0/errors/0/code").asInt()).isEqualTo(131213);
        JsonNode rejected = http.send("DELETE", "/v23.0/" + id + "/join_requests",
                "{\"messaging_product\":\"whatsapp\",\"join_requests\":[\"" + second + "\"]}").json();
        assertThat(rejected.get("rejected_join_requests").toString()).isEqualTo("[\"" + second + "\"]");
        assertThat(http.get("/v23.0/" + id + "?fields=participants").json().get("participants").toString())
                .isEqualTo("[{\"wa_id\":\"46700000001\"}]");
        assertThat(http.get("/v23.0/" + id + "/join_requests").json().get("data")).isEmpty();
    }

    @Test
    void unknownGroupSuspensionDeleteAndBadTokenAnswerTheGraphEnvelope() throws Exception {
        SimHttp http = start(0, 0);
        SimHttp.Reply unknown = http.get("/v21.0/nope?fields=subject");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().at("/error/code").asInt()).isEqualTo(131041);

        SimHttp.Reply denied = http.withToken("wrong").get(groupsPath());
        assertThat(denied.status()).isEqualTo(401);
        assertThat(denied.json().at("/error/type").asText()).isEqualTo("OAuthException");
        assertThat(denied.json().at("/error/code").asInt()).isEqualTo(190);

        String id = create(http, "Sus", "auto_approve");
        http.send("POST", "/_sim/" + BOT + "/groups/" + id + "/suspend", "{}");
        assertThat(webhookOfType("group_suspend").at("/entry/0/changes/0/field").asText())
                .isEqualTo("group_status_update");
        SimHttp.Reply blocked = http.send("POST", "/v23.0/" + id, "{\"subject\":\"x\"}");
        assertThat(blocked.status()).isEqualTo(403);
        assertThat(blocked.json().at("/error/code").asInt()).isEqualTo(131207);
        http.send("POST", "/_sim/" + BOT + "/groups/" + id + "/unsuspend", "{}");
        assertThat(http.send("DELETE", "/v23.0/" + id, null).json().get("success").asBoolean()).isTrue();
        assertThat(http.get(groupsPath()).json().at("/data/groups")).isEmpty();
        assertThat(webhookOfType("group_delete").at("/entry/0/changes/0/value/groups/0/group_id").asText())
                .isEqualTo(id);
    }

    @Test
    void aFaultAnswers429WithCode131208() throws Exception {
        SimHttp http = start(0, 1.0);
        SimHttp.Reply reply = http.get(groupsPath());
        assertThat(reply.status()).isEqualTo(429);
        assertThat(reply.json().at("/error/code").asInt()).isEqualTo(131208);
        assertThat(reply.json().at("/error/is_transient").asBoolean()).isTrue();
        assertThat(parse(reply.body()).has("error")).isTrue();
    }

    @Test
    void approvingBeyondEightParticipantsFailsThatRequestWith131204() throws Exception {
        SimHttp http = start(0, 0);
        String id = create(http, "Nine", "approval_required");
        StringBuilder nine = new StringBuilder();
        for (int i = 1; i <= 9; i++) {
            nine.append(i == 1 ? "" : ",").append("\"4670000001").append(i).append('"');
        }
        http.send("POST", "/_sim/" + BOT + "/groups/" + id + "/join_request", "{\"numbers\":[" + nine + "]}");
        List<String> ids = new ArrayList<>();
        http.get("/v23.0/" + id + "/join_requests").json().get("data")
                .forEach(r -> ids.add('"' + r.get("join_request_id").asText() + '"'));
        JsonNode answer = http.send("POST", "/v23.0/" + id + "/join_requests",
                "{\"messaging_product\":\"whatsapp\",\"join_requests\":[" + String.join(",", ids) + "]}").json();
        assertThat(answer.get("approved_join_requests")).hasSize(8);
        assertThat(answer.at("/failed_join_requests/0/errors/0/code").asInt()).isEqualTo(131204);
    }

    @Test
    void someoneLeavingIsReportedAsInitiatedByTheParticipant() throws Exception {
        SimHttp http = start(0, 0);
        String id = create(http, "Door", "auto_approve");
        http.send("POST", "/_sim/" + BOT + "/groups/" + id + "/join", "{\"numbers\":[\"46700000001\"]}");
        http.send("POST", "/_sim/" + BOT + "/groups/" + id + "/leave", "{\"numbers\":[\"46700000001\"]}");
        JsonNode group = webhookOfType("group_participants_remove").at("/entry/0/changes/0/value/groups/0");
        assertThat(group.get("initiated_by").asText()).isEqualTo("participant");
        assertThat(group.at("/removed_participants/0/wa_id").asText()).isEqualTo("46700000001");
    }

    @Test
    void aSubjectOver128CharactersIsRefusedInTheGraphEnvelope() throws Exception {
        SimHttp http = start(0, 0);
        SimHttp.Reply reply = http.send("POST", groupsPath(),
                "{\"messaging_product\":\"whatsapp\",\"subject\":\"" + "x".repeat(129) + "\"}");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().at("/error/message").asText()).contains("128");
    }

    @Test
    void theCloudBaseUrlIsTheV23PrefixOnTheSimulatorsPort() throws Exception {
        start(0, 0);
        assertThat(sim.cloudBaseUrl().toString()).isEqualTo("http://127.0.0.1:" + sim.port() + "/v23.0");
        SimHttp cloud = new SimHttp(sim.cloudBaseUrl(), SimulatorConfig.DEFAULT_TOKEN);
        assertThat(cloud.get("/" + BOT + "/groups").json().at("/data/groups").isArray()).isTrue();
    }

    @Test
    void aLostAnswerIsA503MarkedTransient() throws Exception {
        start(0, 0);
        sim.close();
        sim = Simulator.start(SimulatorConfig.defaults().withBots(BotId.of(BOT)).withFailAfterRate(1.0)
                .withCloud(new CloudSettings(0, 8, null)));
        SimHttp.Reply reply = new SimHttp(sim).send("POST", groupsPath(),
                "{\"messaging_product\":\"whatsapp\",\"subject\":\"Lost\"}");
        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.json().at("/error/is_transient").asBoolean()).isTrue();
        assertThat(new SimHttp(sim).get(groupsPath()).json().at("/data/groups/0/subject").asText()).isEqualTo("Lost");
    }
}
