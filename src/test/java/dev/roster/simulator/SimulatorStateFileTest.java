package dev.roster.simulator;

import static dev.roster.simulator.SimHttp.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.LiveGroup;
import dev.roster.model.Msisdn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorStateFileTest {
    static final BotId BOT = BotId.of("46700000001");
    static final GroupId SALES = GroupId.of("group:46700000001-1700000000");

    @TempDir
    Path dir;

    @Test
    void yamlStateFileSeedsBotsAndGroups() throws Exception {
        Path file = dir.resolve("state.yaml");
        Files.writeString(file, """
                bots:
                  "46700000001":
                    groups:
                      - id: "group:46700000001-1700000000"
                        subject: Sales Team
                        admins: ["+46 70 123 45 67"]
                        members: [46709876543, "+46701234567"]
                        created: 2024-01-01T10:00:00Z
                        invite: "https://chat.whatsapp.com/abc"
                  "+46700000002":
                """);

        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withStateFile(file, false))) {
            LiveGroup sales = sim.state().group(BOT, SALES).orElseThrow();
            assertThat(sales.subject()).isEqualTo("Sales Team");
            assertThat(sales.creator()).isEqualTo(Msisdn.parse("+46700000001"));
            assertThat(sales.admins()).containsExactlyInAnyOrder(Msisdn.parse("+46700000001"), Msisdn.parse("+46701234567"));
            assertThat(sales.members()).containsExactly(Msisdn.parse("+46709876543"));
            assertThat(sim.state().creationTime(BOT, SALES)).isEqualTo(Instant.parse("2024-01-01T10:00:00Z"));
            assertThat(sim.state().inviteLink(BOT, SALES)).isEqualTo("https://chat.whatsapp.com/abc");
            assertThat(sim.state().bots()).containsExactly(BOT, BotId.of("46700000002"));
            assertThat(new SimHttp(sim).get(api("46700000002")).status()).isEqualTo(200);
        }
    }

    @Test
    void jsonStateFileIsReadToo() throws Exception {
        Path file = dir.resolve("state.json");
        Files.writeString(file, """
                {"bots": {"46700000001": {"groups": [
                  {"id": "group:46700000001-1700000000", "subject": "Json", "members": ["46709876543"]}]}}}
                """);

        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withStateFile(file, false))) {
            LiveGroup group = sim.state().group(BOT, SALES).orElseThrow();
            assertThat(group.admins()).containsExactly(Msisdn.parse("+46700000001"));
            assertThat(group.members()).containsExactly(Msisdn.parse("+46709876543"));
        }
    }

    @Test
    void newGroupIdsDoNotCollideWithLoadedOnes() throws Exception {
        Path file = dir.resolve("state.yaml");
        long future = Instant.now().getEpochSecond() + 3600;
        Files.writeString(file, "bots:\n  \"46700000001\":\n    groups:\n"
                + "      - {id: \"group:46700000001-" + future + "\", subject: Later}\n");

        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withStateFile(file, false))) {
            GroupId created = sim.state().createGroup(BOT, "New");
            assertThat(created.value()).isEqualTo("group:46700000001-" + (future + 1));
        }
    }

    @Test
    void persistedStateSurvivesARestart() throws Exception {
        for (String name : new String[] {"state.yaml", "state.json"}) {
            Path file = dir.resolve(name);
            SimulatorConfig config = SimulatorConfig.defaults().withBots(BOT).withStateFile(file, true);
            String id;
            String invite;
            try (Simulator sim = Simulator.start(config)) {
                SimHttp http = new SimHttp(sim);
                id = http.send("POST", api(BOT.value()), "{\"subject\":\"Kept\"}").json().get("group_id").asText();
                http.send("POST", "/_sim/" + BOT + "/groups/" + id + "/join", "{\"numbers\":[\"46701111111\"]}");
                http.send("POST", api(BOT.value(), id) + "/admin", "{\"numbers\":[\"46701111111\"]}");
                invite = http.get(api(BOT.value(), id) + "/invite").json().get("invite_link").asText();
                assertThat(Files.readString(file)).as("written after each write").contains(id);
            }

            try (Simulator again = Simulator.start(config)) {
                LiveGroup kept = again.state().group(BOT, GroupId.of(id)).orElseThrow();
                assertThat(kept.subject()).isEqualTo("Kept");
                assertThat(kept.admins()).containsExactlyInAnyOrder(Msisdn.parse("+46700000001"), Msisdn.parse("+46701111111"));
                assertThat(again.state().inviteLink(BOT, GroupId.of(id))).isEqualTo(invite);
            }
        }
    }

    @Test
    void persistWritesAFileThatDidNotExist() throws Exception {
        Path file = dir.resolve("sub/state.yaml");
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withBots(BOT).withStateFile(file, true))) {
            sim.state().createGroup(BOT, "Direct");
        }
        assertThat(Files.readString(file)).contains("Direct").contains("'+46700000001'");
    }

    @Test
    void aBadStateFileNamesTheFileAndThePlace() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "bots:\n  \"46700000001\":\n    groups:\n      - id: g1\n        admins: [\"abc\"]\n");

        assertThatThrownBy(() -> Simulator.start(SimulatorConfig.defaults().withStateFile(file, false)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("bad.yaml")
                .hasMessageContaining("bots.46700000001.groups[0].admins[0]");
    }
}
