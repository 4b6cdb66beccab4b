package dev.roster.daemon;

import static dev.roster.daemon.DaemonFixtures.BOT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.config.RosterSettings;
import dev.roster.model.GroupId;
import dev.roster.simulator.Simulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon audits a group's invite link when it is handed out anew, not on every run. */
class InviteLinkAuditTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Simulator sim;
    Daemon daemon;

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private Daemon start(Path desired) throws Exception {
        sim = DaemonFixtures.simulator(0);
        RosterSettings settings = DaemonFixtures.settings(sim, dir, "  schedule: \"0 0 0 1 1 ? 2099\"\n");
        return Daemon.start(settings, DaemonFixtures.client(sim), Daemon.Options.of(List.of(desired))
                .withNode("audit").withHttpPort(0).withRunAtStart(false));
    }

    private List<JsonNode> inviteLines() throws IOException {
        return Files.readAllLines(dir.resolve("audit.jsonl")).stream().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).filter(line -> line.get("action").asText().equals("invite_link")).toList();
    }

    @Test
    void runsInARowWithTheSamePeoplePendingWriteTheLinkOnceAndARotatedLinkAgain() throws Exception {
        Path desired = dir.resolve("sales.yaml");
        Files.writeString(desired, DaemonFixtures.salesFile("Sales Team"));
        daemon = start(desired);

        daemon.runner().run(BOT, null);
        daemon.runner().run(BOT, null);
        daemon.runner().run(BOT, null);

        assertThat(inviteLines()).as("three runs with Alice and Bob pending").hasSize(1);
        GroupId id = sim.state().groups(BOT).get(0).id();
        String first = inviteLines().get(0).get("detail").asText();
        assertThat(first).isEqualTo(sim.state().inviteLink(BOT, id));

        sim.state().revokeInvite(BOT, id); // rotated by someone else
        daemon.runner().run(BOT, null);
        daemon.runner().run(BOT, null);

        assertThat(inviteLines()).hasSize(2);
        assertThat(inviteLines().get(1).get("detail").asText()).isNotEqualTo(first)
                .isEqualTo(sim.state().inviteLink(BOT, id));
    }

    @Test
    void theSameLinkHandedToSomeoneNewlyDeclaredIsWrittenAgain() throws Exception {
        Path desired = dir.resolve("sales.yaml");
        Files.writeString(desired, DaemonFixtures.salesFile("Sales Team"));
        daemon = start(desired);
        daemon.runner().run(BOT, null);
        daemon.runner().run(BOT, null);

        Files.writeString(desired, DaemonFixtures.salesFile("Sales Team").replace("[\"" + DaemonFixtures.BOB + "\"]",
                "[\"" + DaemonFixtures.BOB + "\", \"+46732003366\"]"));
        daemon.runner().run(BOT, null);
        daemon.runner().run(BOT, null);

        List<JsonNode> lines = inviteLines();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1).get("detail").asText()).isEqualTo(lines.get(0).get("detail").asText());
        assertThat(lines.get(1).get("numbers").toString()).contains("+46732003366");
    }
}
