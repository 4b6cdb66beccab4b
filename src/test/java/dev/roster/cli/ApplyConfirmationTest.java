package dev.roster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.Msisdn;
import dev.roster.simulator.Simulator;
import dev.roster.simulator.SimulatorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When apply asks before writing (a saved plan with changes; never pending people alone), and the summary line
 * it ends with. Runs in this JVM without a terminal, against the simulator over HTTP.
 */
class ApplyConfirmationTest {
    private static final BotId BOT = BotId.of("46700000001");
    private static final Msisdn ALICE = Msisdn.parse("+46732001122");
    private static final Msisdn BOB = Msisdn.parse("+46732002244");
    private static final Msisdn LEAVER = Msisdn.parse("+46732009999");

    @TempDir
    Path dir;
    Simulator sim;
    Path settings;

    @BeforeEach
    void start() throws IOException {
        sim = Simulator.start(SimulatorConfig.defaults().withBots(BOT));
        settings = CliRun.settingsFor(sim, dir);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    /** Alice (admin) and Bob declared; Carol declared too, and not in the live group: pending. */
    private Path salesFile() throws IOException {
        Path file = dir.resolve("sales.yaml");
        Files.writeString(file, """
                bot: "46700000001"
                groups:
                  sales:
                    subject: Sales Team
                    admins: ["+46732001122"]
                    members: ["+46732002244", "+46732003366"]
                """);
        return file;
    }

    private CliRun run(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--config", settings.toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void aSavedPlanWithChangesIsNotAppliedWithoutYesWhenNoTerminalCanAsk() throws IOException {
        GroupId sales = sim.state().createGroup(BOT, "Sales Team");
        sim.state().join(BOT, sales, List.of(ALICE, BOB, LEAVER));
        Path saved = dir.resolve("plan.json");
        assertThat(run("plan", salesFile().toString(), "--out", saved.toString()).exitCode()).isZero();
        sim.state().stats().reset();

        CliRun applied = run("apply", "--plan", saved.toString());

        assertThat(applied.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(applied.err()).contains("refusing to apply without --yes");
        assertThat(sim.state().stats().writes()).isZero();
        assertThat(sim.state().group(BOT, sales).orElseThrow().participants()).contains(LEAVER);
    }

    @Test
    void aSavedPlanWithOnlyPendingPeopleNeedsNoConfirmationAndChangesNothing() throws IOException {
        GroupId sales = sim.state().createGroup(BOT, "Sales Team");
        sim.state().join(BOT, sales, List.of(ALICE, BOB));
        sim.state().promote(BOT, sales, List.of(ALICE));
        Path saved = dir.resolve("plan.json");
        assertThat(run("plan", salesFile().toString(), "--out", saved.toString()).exitCode()).isZero();
        sim.state().stats().reset();

        CliRun applied = run("apply", "--plan", saved.toString());

        assertThat(applied.exitCode()).as(applied.out() + applied.err()).isZero();
        assertThat(applied.err()).doesNotContain("refusing");
        assertThat(applied.out()).contains("invite").contains(sim.state().inviteLink(BOT, sales))
                .contains("Apply complete: 0 change(s) applied, 0 group(s) changed, 0 failed or refused.");
        assertThat(sim.state().stats().writes()).isZero();
    }

    @Test
    void theSummaryCountsTheChangesTheChangedGroupsAndTheRefusedOnes() throws IOException {
        GroupId sales = sim.state().createGroup(BOT, "Sales Team");
        sim.state().join(BOT, sales, List.of(ALICE, BOB, LEAVER));
        Path board = dir.resolve("board.yaml");
        Files.writeString(board, """
                bot: "46700000001"
                groups:
                  board:
                    subject: Board
                    admins: ["+46732001122"]
                """);
        GroupId boardId = sim.state().createGroup(BOT, "Board");
        // four of five participants to remove: over the default 25 % guard, so the board is refused
        sim.state().join(BOT, boardId, List.of(ALICE, Msisdn.parse("+46732001001"), Msisdn.parse("+46732001002"),
                Msisdn.parse("+46732001003"), Msisdn.parse("+46732001004")));
        sim.state().promote(BOT, boardId, List.of(ALICE));

        CliRun applied = run("apply", salesFile().toString(), board.toString(), "--yes");

        assertThat(applied.exitCode()).isEqualTo(ExitCodes.ERROR);
        // sales: rotate the link, remove the leaver, promote Alice
        assertThat(applied.out()).contains("applied   46700000001 sales: 3 change(s)")
                .contains("REFUSED   46700000001 board")
                .contains("Apply incomplete: 3 change(s) applied, 1 group(s) changed, 1 failed or refused.");
    }
}
