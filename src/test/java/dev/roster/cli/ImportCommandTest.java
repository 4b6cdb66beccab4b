package dev.roster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.Msisdn;
import dev.roster.simulator.Simulator;
import dev.roster.simulator.SimulatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportCommandTest {
    private static final BotId BOT = BotId.of("46700000001");

    @Test
    void planOnAnImportedFileHasNoChanges(@TempDir Path dir) throws Exception {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withBots(BOT))) {
            GroupId sales = sim.state().createGroup(BOT, "Sales Team");
            sim.state().join(BOT, sales, List.of(Msisdn.parse("+46732002244"), Msisdn.parse("+46701234567")));
            sim.state().promote(BOT, sales, List.of(Msisdn.parse("+46701234567")));
            GroupId twin = sim.state().createGroup(BOT, "Sales Team"); // same subject: ids tell them apart
            sim.state().join(BOT, twin, List.of(Msisdn.parse("+46732003366")));
            Path settings = CliRun.settingsFor(sim, dir);
            Path imported = dir.resolve("desired/bot.yaml");
            Files.createDirectories(imported.getParent());

            CliRun imp = CliRun.of("import", "--bot", BOT.value(), "--out", imported.toString(), "--config",
                    settings.toString());
            assertThat(imp.exitCode()).as(imp.err()).isZero();
            assertThat(Files.readString(imported)).contains(sales.value(), twin.value(), "+46701234567");

            long writesBefore = sim.state().stats().snapshot().writes();
            CliRun plan = CliRun.of("plan", imported.toString(), "--detailed-exitcode", "--config",
                    settings.toString());
            assertThat(plan.exitCode()).as(plan.out() + plan.err()).isZero();
            assertThat(plan.out()).contains("No changes");
            assertThat(sim.state().stats().snapshot().writes()).isEqualTo(writesBefore);
        }
    }
}
