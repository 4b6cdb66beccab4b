package dev.roster.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /{phone-number-id}/messages} with the group invite template, and {@code GET /_sim/{bot}/messages}. */
class SimulatorCloudMessagesTest {
    static final String BOT = "106540352242922";
    static final String OTHER = "106540352242923";
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path dir;

    private Simulator sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    /** A simulator whose bots own cg1000001 (BOT), cg1000002 (OTHER) and the suspended cg1000003 (BOT). */
    private SimHttp start(SimulatorConfig base) throws IOException {
        Path file = dir.resolve("seed.yaml");
        Files.writeString(file, """
                bots:
                  "106540352242922":
                    cloud_groups:
                      - {id: cg1000001, subject: Crew}
                      - {id: cg1000003, subject: Frozen, suspended: true}
                  "106540352242923":
                    cloud_groups:
                      - {id: cg1000002, subject: Elsewhere}
                """);
        sim = Simulator.start(base.withStateFile(file, false), Clock.fixed(NOW, ZoneOffset.UTC));
        return new SimHttp(sim);
    }

    private SimHttp start() throws IOException {
        return start(SimulatorConfig.defaults());
    }

    private static String invite(String to, String group) {
        return "{\"messaging_product\":\"whatsapp\",\"to\":\"" + to + "\",\"type\":\"template\",\"template\":{"
                + "\"name\":\"group_invite_link\",\"language\":{\"code\":\"en_US\"},\"components\":[{\"type\":\"body\","
                + "\"parameters\":[{\"type\":\"group_id\",\"group_id\":\"" + group + "\"}]}]}}";
    }

    private static SimHttp.Reply send(SimHttp http, String bot, String body) {
        return http.send("POST", "/v23.0/" + bot + "/messages", body);
    }

    private static JsonNode sent(SimHttp http, String bot) {
        SimHttp.Reply reply = http.get("/_sim/" + bot + "/messages");
        assertThat(reply.status()).isEqualTo(200);
        return reply.json().get("messages");
    }

    @Test
    void anInviteTemplateIsAnsweredAsMetaDoesAndListedForTheBot() throws Exception {
        SimHttp http = start();
        SimHttp.Reply reply = send(http, BOT, invite("+46 70 000 00 01", "cg1000001"));

        assertThat(reply.status()).isEqualTo(200);
        JsonNode answer = reply.json();
        assertThat(answer.get("messaging_product").asText()).isEqualTo("whatsapp");
        assertThat(answer.at("/contacts/0/input").asText()).isEqualTo("+46 70 000 00 01");
        assertThat(answer.at("/contacts/0/wa_id").asText()).isEqualTo("46700000001");
        String id = answer.at("/messages/0/id").asText();
        assertThat(id).startsWith("wamid.");

        JsonNode messages = sent(http, BOT);
        assertThat(messages).hasSize(1);
        JsonNode m = messages.get(0);
        assertThat(m.get("id").asText()).isEqualTo(id);
        assertThat(m.get("to").asText()).isEqualTo("46700000001");
        assertThat(m.get("template").asText()).isEqualTo("group_invite_link");
        assertThat(m.get("language").asText()).isEqualTo("en_US");
        assertThat(m.get("group_id").asText()).isEqualTo("cg1000001");
        assertThat(m.get("time").asText()).isEqualTo(NOW.toString());
        assertThat(sent(http, OTHER)).as("another bot sent nothing").isEmpty();

        assertThat(send(http, BOT, invite("46700000002", "cg1000001")).json().at("/messages/0/id").asText())
                .as("message ids are not reused").isNotEqualTo(id);
        assertThat(sim.state().stats().requests("CLOUD POST")).isEqualTo(2);
        assertThat(sim.state().stats().writes()).isEqualTo(2);
    }

    @Test
    void theGroupIdIsFoundAtNearbySpellings() throws Exception {
        SimHttp http = start();
        String[] bodies = {
            "{\"messaging_product\":\"whatsapp\",\"to\":\"46700000001\",\"type\":\"template\",\"template\":{"
                    + "\"name\":\"invite\",\"language\":\"sv\",\"components\":[{\"type\":\"BODY\","
                    + "\"parameters\":[{\"type\":\"GROUP_ID\",\"groupId\":\"cg1000001\"}]}]}}",
            "{\"messaging_product\":\"whatsapp\",\"to\":\"46700000002\",\"type\":\"template\",\"template\":{"
                    + "\"name\":\"invite\",\"language\":{\"code\":\"sv\"},\"components\":[{\"type\":\"header\"},"
                    + "{\"type\":\"body\",\"parameters\":[{\"type\":\"group-id\",\"value\":\"cg1000001\"}]}]}}",
            "{\"messaging_product\":\"whatsapp\",\"to\":\"46700000003\",\"type\":\"template\",\"template\":{"
                    + "\"name\":\"invite\",\"language\":{\"code\":\"sv\"},\"components\":[{\"type\":\"body\","
                    + "\"parameters\":[{\"type\":\"text\",\"text\":\"Hi\"},{\"type\":\"group\",\"id\":\"cg1000001\"}]}]}}",
        };
        for (String body : bodies) {
            assertThat(send(http, BOT, body).status()).as(body).isEqualTo(200);
        }
        JsonNode messages = sent(http, BOT);
        assertThat(messages).hasSize(3);
        messages.forEach(m -> assertThat(m.get("group_id").asText()).isEqualTo("cg1000001"));
        assertThat(messages.get(0).get("language").asText()).isEqualTo("sv");
    }

    @Test
    void aGroupThatIsNotTheBotsIsRefusedWith131041AndNothingIsRecorded() throws Exception {
        SimHttp http = start();
        for (String group : new String[] {"cg1000002", "cg9999999"}) {
            SimHttp.Reply reply = send(http, BOT, invite("46700000001", group));
            assertThat(reply.status()).as(group).isEqualTo(400);
            assertThat(reply.json().at("/error/code").asInt()).isEqualTo(131041);
        }
        SimHttp.Reply frozen = send(http, BOT, invite("46700000001", "cg1000003"));
        assertThat(frozen.status()).isEqualTo(403);
        assertThat(frozen.json().at("/error/code").asInt()).isEqualTo(131207);
        assertThat(sent(http, BOT)).isEmpty();
        assertThat(sim.state().stats().writes()).isZero();
    }

    @Test
    void aMessageWithoutAGroupIdOrNotATemplateIsRefusedInTheGraphEnvelope() throws Exception {
        SimHttp http = start();
        SimHttp.Reply noGroup = send(http, BOT, "{\"messaging_product\":\"whatsapp\",\"to\":\"46700000001\","
                + "\"type\":\"template\",\"template\":{\"name\":\"invite\",\"language\":{\"code\":\"en\"}}}");
        assertThat(noGroup.status()).isEqualTo(400);
        assertThat(noGroup.json().at("/error/code").asInt()).isEqualTo(132000);

        SimHttp.Reply text = send(http, BOT, "{\"messaging_product\":\"whatsapp\",\"to\":\"46700000001\","
                + "\"type\":\"text\",\"text\":{\"body\":\"hello\"}}");
        assertThat(text.status()).isEqualTo(400);
        assertThat(text.json().at("/error/code").asInt()).isEqualTo(100);

        SimHttp.Reply noProduct = send(http, BOT, invite("46700000001", "cg1000001")
                .replace("\"messaging_product\":\"whatsapp\",", ""));
        assertThat(noProduct.json().at("/error/message").asText()).contains("messaging_product");

        SimHttp.Reply unknownBot = send(http, "999", invite("46700000001", "cg1000001"));
        assertThat(unknownBot.json().at("/error/code").asInt()).isEqualTo(131215);
        assertThat(sent(http, BOT)).isEmpty();
        assertThat(http.get("/_sim/999/messages").status()).isEqualTo(404);
    }

    @Test
    void aFaultBeforeAnyEffectRecordsNothing() throws Exception {
        SimHttp http = start(SimulatorConfig.defaults().withFailRate(1.0));
        SimHttp.Reply reply = send(http, BOT, invite("46700000001", "cg1000001"));
        assertThat(reply.status()).isEqualTo(429);
        assertThat(reply.json().at("/error/code").asInt()).isEqualTo(131208);
        assertThat(sent(http, BOT)).isEmpty();
        assertThat(sim.state().stats().faults()).isEqualTo(1);
    }

    @Test
    void aLostAnswerStillSendsTheMessage() throws Exception {
        SimHttp http = start(SimulatorConfig.defaults().withFailAfterRate(1.0));
        SimHttp.Reply reply = send(http, BOT, invite("46700000001", "cg1000001"));
        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.json().at("/error/is_transient").asBoolean()).isTrue();
        assertThat(sent(http, BOT)).hasSize(1);
    }
}
