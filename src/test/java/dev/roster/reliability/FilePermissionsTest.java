package dev.roster.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.roster.api.sinch.SinchGroupApi;
import dev.roster.api.sinch.SinchOptions;
import dev.roster.model.BotId;
import dev.roster.model.Secret;
import dev.roster.simulator.Simulator;
import dev.roster.simulator.SimulatorConfig;
import dev.roster.testing.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, finding 9: the files roster writes that others must not read (the audit log holds invite links; a
 * saved plan and the sandbox's and simulator's state hold people's numbers) are created {@code rw-------}, after
 * real runs: roster in a child JVM in a scratch folder (the sandbox keeps its state and audit log in
 * {@code .roster/} beside the desired-state files) and the simulator with a state file.
 */
class FilePermissionsTest {
    static final String OWNER_ONLY = "rw-------";

    @TempDir
    Path dir;

    @BeforeEach
    void posixOnly() {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
    }

    @Test
    void savedPlanSandboxStateAndAuditLogAreCreatedReadableByTheirOwnerOnly() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Path quickstart = Files.createDirectories(work.resolve("quickstart"));
        for (String name : List.of("groups.yaml", ".sandbox.yaml")) {
            Files.copy(Path.of("examples/quickstart").resolve(name), quickstart.resolve(name));
        }
        assertThat(permissions(quickstart.resolve(".sandbox.yaml"))).as("the seed, as checked out")
                .isNotEqualTo(OWNER_ONLY);

        String planned = roster(work, "plan", "quickstart", "--sandbox", "--out", "plan.json");
        Path state = quickstart.resolve(".roster/sandbox.yaml");
        assertThat(permissions(work.resolve("plan.json"))).as("saved plan; " + planned).isEqualTo(OWNER_ONLY);
        assertThat(permissions(state)).as("sandbox state, copied from the seed").isEqualTo(OWNER_ONLY);

        String applied = roster(work, "apply", "quickstart", "--sandbox", "--yes");
        Path audit = quickstart.resolve(".roster/audit.jsonl");
        assertThat(applied).contains("chat.whatsapp.com");
        assertThat(permissions(audit)).as("audit log").isEqualTo(OWNER_ONLY);
        assertThat(Files.readString(audit)).contains("chat.whatsapp.com");
        assertThat(permissions(state)).as("sandbox state, rewritten by the apply").isEqualTo(OWNER_ONLY);
    }

    @Test
    void simulatorStateFileIsWrittenReadableByItsOwnerOnly() throws IOException {
        Path file = dir.resolve("sim-state.yaml");
        BotId bot = BotId.of("46700000001");
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withBots(bot).withStateFile(file, true))) {
            SinchGroupApi.create(SinchOptions.of(sim.baseUrl(), Secret.of(SimulatorConfig.DEFAULT_TOKEN)))
                    .createGroup(bot, "Sales");
        }

        assertThat(Files.readString(file)).contains("Sales");
        assertThat(permissions(file)).isEqualTo(OWNER_ONLY);
    }

    private static String permissions(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    /** Runs roster in a child JVM in {@code work}; asserts exit 0 and returns stdout and stderr. */
    private static String roster(Path work, String... args) throws Exception {
        ProcessBuilder builder = ChildJvm.roster(List.of("-XX:TieredStopAtLevel=1"), args).directory(work.toFile())
                .redirectErrorStream(true);
        builder.environment().remove("SINCH_API_TOKEN");
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished: " + output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
