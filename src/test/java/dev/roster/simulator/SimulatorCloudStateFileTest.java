package dev.roster.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cloud API groups in the simulator's state file: written with the v1 groups, read back after a restart. */
class SimulatorCloudStateFileTest {
    static final String BOT = "106540352242922";
    static final String FIELDS = "?fields=subject,description,participants,join_approval_mode,suspended,"
            + "creation_timestamp";

    @TempDir
    Path dir;

    private static SimulatorConfig config(Path file, long createDelay) {
        return SimulatorConfig.defaults().withBots(BotId.of(BOT)).withStateFile(file, true)
                .withCloud(new CloudSettings(createDelay, 8, null));
    }

    private static String create(SimHttp http, String subject, String mode) {
        SimHttp.Reply reply = http.send("POST", "/v23.0/" + BOT + "/groups", "{\"messaging_product\":\"whatsapp\","
                + "\"subject\":\"" + subject + "\",\"description\":\"About " + subject + "\","
                + "\"join_approval_mode\":\"" + mode + "\"}");
        assertThat(reply.status()).isEqualTo(200);
        for (JsonNode g : http.get("/v23.0/" + BOT + "/groups?limit=1024").json().at("/data/groups")) {
            if (g.get("subject").asText().equals(subject)) {
                return g.get("id").asText();
            }
        }
        throw new AssertionError("group " + subject + " is not listed");
    }

    private static List<String> listedIds(SimHttp http) {
        List<String> ids = new ArrayList<>();
        http.get("/v23.0/" + BOT + "/groups?limit=1024").json().at("/data/groups")
                .forEach(g -> ids.add(g.get("id").asText()));
        return ids;
    }

    private static SimHttp.Reply sim(SimHttp http, String group, String action, String numbers) {
        return http.send("POST", "/_sim/" + BOT + "/groups/" + group + "/" + action,
                numbers == null ? "{}" : "{\"numbers\":[" + numbers + "]}");
    }

    @Test
    void everyPartOfACloudGroupSurvivesARestart() throws Exception {
        for (String name : new String[] {"state.yaml", "state.json"}) {
            Path file = dir.resolve(name);
            String asked;
            String open;
            String pendingRequest;
            String invite;
            JsonNode askedBefore;
            JsonNode openBefore;
            try (Simulator sim = Simulator.start(config(file, 0))) {
                SimHttp http = new SimHttp(sim);
                asked = create(http, "Asked", "approval_required");
                open = create(http, "Open", "auto_approve");
                sim(http, asked, "join_request", "\"46700000001\",\"46700000002\"");
                JsonNode requests = http.get("/v23.0/" + asked + "/join_requests").json().get("data");
                http.send("POST", "/v23.0/" + asked + "/join_requests", "{\"messaging_product\":\"whatsapp\","
                        + "\"join_requests\":[\"" + requests.get(0).get("join_request_id").asText() + "\"]}");
                pendingRequest = requests.get(1).get("join_request_id").asText();
                sim(http, open, "join", "\"46700000003\",\"46700000004\"");
                http.send("DELETE", "/v23.0/" + open + "/participants",
                        "{\"messaging_product\":\"whatsapp\",\"participants\":[{\"user\":\"46700000004\"}]}");
                invite = http.send("POST", "/v23.0/" + open + "/invite_link", "{\"messaging_product\":\"whatsapp\"}")
                        .json().get("invite_link").asText();
                sim(http, asked, "suspend", null);
                askedBefore = http.get("/v23.0/" + asked + FIELDS).json();
                openBefore = http.get("/v23.0/" + open + FIELDS).json();
                assertThat(Files.readString(file)).as("written after each write").contains(asked, open, pendingRequest);
            }

            try (Simulator again = Simulator.start(config(file, 0))) {
                SimHttp http = new SimHttp(again);
                assertThat(listedIds(http)).as(name).containsExactly(asked, open);
                assertThat(http.get("/v23.0/" + asked + FIELDS).json()).isEqualTo(askedBefore);
                assertThat(http.get("/v23.0/" + open + FIELDS).json()).isEqualTo(openBefore);
                assertThat(askedBefore.get("participants").toString()).isEqualTo("[{\"wa_id\":\"46700000001\"}]");
                assertThat(askedBefore.get("suspended").asBoolean()).isTrue();
                assertThat(http.get("/v23.0/" + open + "/invite_link").json().get("invite_link").asText())
                        .isEqualTo(invite);
                JsonNode requests = http.get("/v23.0/" + asked + "/join_requests").json().get("data");
                assertThat(requests).hasSize(1);
                assertThat(requests.get(0).get("join_request_id").asText()).isEqualTo(pendingRequest);
                assertThat(requests.get(0).get("wa_id").asText()).isEqualTo("46700000002");
                assertThat(http.send("POST", "/v23.0/" + asked, "{\"subject\":\"x\"}").json().at("/error/code").asInt())
                        .as("still suspended").isEqualTo(131207);
                assertThat(sim(http, open, "join", "\"46700000004\"").json().at("/error/code").asInt())
                        .as("still barred").isEqualTo(131203);

                String later = create(http, "Later", "auto_approve");
                assertThat(later).isNotIn(asked, open);
                assertThat(listedIds(http)).containsExactly(asked, open, later);
                sim(http, later, "join", "\"46700000005\"");
                String reset = http.send("POST", "/v23.0/" + later + "/invite_link",
                        "{\"messaging_product\":\"whatsapp\"}").json().get("invite_link").asText();
                assertThat(reset).as("invite links are not made twice").isNotEqualTo(invite);
            }
        }
    }

    @Test
    void aCreateStillPendingWhenTheSimulatorStopsExistsAfterTheRestart() throws Exception {
        Path file = dir.resolve("state.yaml");
        String requestId;
        try (Simulator sim = Simulator.start(config(file, 600_000))) {
            SimHttp http = new SimHttp(sim);
            requestId = http.send("POST", "/v23.0/" + BOT + "/groups",
                    "{\"messaging_product\":\"whatsapp\",\"subject\":\"Accepted\"}").json().get("request_id").asText();
            assertThat(listedIds(http)).as("not visible yet").isEmpty();
        }

        try (Simulator again = Simulator.start(config(file, 0))) {
            SimHttp http = new SimHttp(again);
            JsonNode groups = http.get("/v23.0/" + BOT + "/groups").json().at("/data/groups");
            assertThat(groups).hasSize(1);
            assertThat(groups.get(0).get("subject").asText()).isEqualTo("Accepted");
            String id = groups.get(0).get("id").asText();
            assertThat(http.get("/v23.0/" + id + "/invite_link").json().get("invite_link").asText())
                    .startsWith("https://chat.whatsapp.com/");
            String next = http.send("POST", "/v23.0/" + BOT + "/groups",
                    "{\"messaging_product\":\"whatsapp\",\"subject\":\"Next\"}").json().get("request_id").asText();
            assertThat(next).isNotEqualTo(requestId);
            assertThat(listedIds(http)).hasSize(2).doesNotHaveDuplicates().startsWith(id);
        }
    }

    @Test
    void aStateFileWithoutCloudGroupsLoadsAndIsWrittenWithoutACloudSection() throws Exception {
        Path file = dir.resolve("old.yaml");
        Files.writeString(file, """
                bots:
                  "46700000001":
                    groups:
                      - id: "group:46700000001-1700000000"
                        subject: Sales Team
                        members: ["+46709876543"]
                """);
        SimulatorConfig config = SimulatorConfig.defaults().withStateFile(file, true)
                .withCloud(new CloudSettings(0, 8, null));
        try (Simulator sim = Simulator.start(config)) {
            SimHttp http = new SimHttp(sim);
            assertThat(http.get("/v23.0/46700000001/groups").json().at("/data/groups")).isEmpty();
            http.send("PATCH", SimHttp.api("46700000001", "group:46700000001-1700000000"), "{\"subject\":\"Sales\"}");
        }
        String written = Files.readString(file);
        assertThat(written).contains("subject: Sales").doesNotContain("cloud");

        try (Simulator sim = Simulator.start(config)) {
            SimHttp http = new SimHttp(sim);
            http.send("POST", "/v23.0/46700000001/groups", "{\"messaging_product\":\"whatsapp\",\"subject\":\"New\"}");
        }
        try (Simulator sim = Simulator.start(config)) {
            assertThat(sim.state().group(BotId.of("46700000001"), GroupId.of("group:46700000001-1700000000"))
                    .orElseThrow().subject()).isEqualTo("Sales");
            assertThat(new SimHttp(sim).get("/v23.0/46700000001/groups").json().at("/data/groups/0/subject")
                    .asText()).isEqualTo("New");
        }
    }

    @Test
    void aSeedDeclaresCloudGroupsAndNewIdsComeAfterTheirs() throws Exception {
        Path file = dir.resolve(".sandbox.yaml");
        Files.writeString(file, """
                bots:
                  "106540352242922":
                    cloud_groups:
                      - id: cg1000005
                        subject: Crew
                        join_approval_mode: approval_required
                        participants: ["+46 70 000 00 01", 46700000002]
                        barred: ["46700000003"]
                        created: 2026-01-01T10:00:00Z
                        join_requests:
                          - {id: jr9, wa_id: "+46700000004"}
                      - id: hand-made
                        subject: Hand
                        description: Written by hand
                        suspended: true
                        invite: "https://chat.whatsapp.com/Hand"
                """);
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withStateFile(file, false)
                .withCloud(new CloudSettings(0, 8, null)))) {
            SimHttp http = new SimHttp(sim);
            JsonNode crew = http.get("/v23.0/cg1000005" + FIELDS).json();
            assertThat(crew.get("participants").toString())
                    .isEqualTo("[{\"wa_id\":\"46700000001\"},{\"wa_id\":\"46700000002\"}]");
            assertThat(crew.get("join_approval_mode").asText()).isEqualTo("approval_required");
            assertThat(crew.get("creation_timestamp").asLong()).isEqualTo(1767261600L);
            assertThat(http.get("/v23.0/cg1000005/join_requests").json().at("/data/0/wa_id").asText())
                    .isEqualTo("46700000004");
            assertThat(http.get("/v23.0/cg1000005/invite_link").json().get("invite_link").asText())
                    .startsWith("https://chat.whatsapp.com/");
            JsonNode hand = http.get("/v23.0/hand-made" + FIELDS).json();
            assertThat(hand.get("description").asText()).isEqualTo("Written by hand");
            assertThat(hand.get("suspended").asBoolean()).isTrue();
            assertThat(hand.get("join_approval_mode").asText()).isEqualTo("auto_approve");

            String created = create(http, "Fresh", "auto_approve");
            assertThat(Long.parseLong(created.substring(2))).isGreaterThan(1_000_005L);
            assertThat(listedIds(http)).containsExactly("cg1000005", "hand-made", created);
            sim(http, "cg1000005", "join_request", "\"46700000006\"");
            JsonNode requests = http.get("/v23.0/cg1000005/join_requests").json().get("data");
            assertThat(requests.get(1).get("join_request_id").asText()).isNotEqualTo("jr9");
        }
    }

    @Test
    void aPhoneNumberIdLongerThanAPhoneNumberSurvivesARestart() throws Exception {
        Path file = dir.resolve("state.yaml");
        String longBot = "1065403522429221";
        SimulatorConfig config = SimulatorConfig.defaults().withBots(BotId.of(longBot)).withStateFile(file, true)
                .withCloud(new CloudSettings(0, 8, null));
        try (Simulator sim = Simulator.start(config)) {
            new SimHttp(sim).send("POST", "/v23.0/" + longBot + "/groups",
                    "{\"messaging_product\":\"whatsapp\",\"subject\":\"Long\"}");
        }
        try (Simulator again = Simulator.start(config.withBots(java.util.Set.of()))) {
            assertThat(again.state().bots()).containsExactly(BotId.of(longBot));
            assertThat(new SimHttp(again).get("/v23.0/" + longBot + "/groups").json().at("/data/groups/0/subject")
                    .asText()).isEqualTo("Long");
        }
    }

    @Test
    void aBadCloudGroupNamesTheFileAndThePlace() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "bots:\n  \"" + BOT + "\":\n    cloud_groups:\n      - id: cg1000001\n"
                + "        join_approval_mode: sometimes\n");

        assertThatThrownBy(() -> Simulator.start(SimulatorConfig.defaults().withStateFile(file, false)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("bad.yaml")
                .hasMessageContaining("bots." + BOT + ".cloud_groups[0].join_approval_mode");
    }
}
