package dev.roster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.simulator.Simulator;
import dev.roster.simulator.SimulatorConfig;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/cloud-api as a user runs it: a Cloud API bot and a v1 bot in one repository, planned and applied together
 * in the sandbox, and a join request from a declared person and one from a stranger settled by the next apply.
 */
class CloudSandboxTest {
    static final String CLOUD_BOT = "106540352242922";

    @TempDir
    Path dir;

    Path settings;
    Path groups;

    void copyExample() throws IOException {
        Path from = Path.of("examples/cloud-api");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(p -> !p.toString().contains("/.roster")).toList()) {
                Path to = dir.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        settings = dir.resolve("roster.yaml");
        groups = dir.resolve("groups");
    }

    CliRun roster(String command, String... more) {
        String[] args = new String[4 + more.length];
        args[0] = command;
        args[1] = "--sandbox";
        args[2] = "--config";
        args[3] = settings.toString();
        System.arraycopy(more, 0, args, 4, more.length);
        return CliRun.of(args);
    }

    /** People ask to join the group, as the simulator's test endpoint lets them, with the sandbox's state. */
    void requestToJoin(String group, String... numbers) throws Exception {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults()
                .withStateFile(groups.resolve(".roster/sandbox.yaml"), true))) {
            String body = "{\"numbers\": [\"" + String.join("\", \"", numbers) + "\"]}";
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    sim.baseUrl().resolve("/_sim/" + CLOUD_BOT + "/groups/" + group + "/join"))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isLessThan(300);
        }
    }

    @Test
    void aCloudBotAndAV1BotApplyTogetherAndJoinRequestsAreSettled() throws Exception {
        copyExample();

        CliRun applied = roster("apply", groups.toString(), "--yes");
        CliRun converged = roster("plan", groups.toString(), "--detailed-exitcode");
        Matcher id = Pattern.compile("store-012 +(cg\\d+)").matcher(converged.out());
        assertThat(id.find()).as(converged.out()).isTrue();
        requestToJoin(id.group(1), "+46701112001", "+46709999999");
        CliRun gated = roster("plan", groups.toString(), "--format", "json");
        CliRun settled = roster("apply", groups.toString(), "--yes");
        CliRun after = roster("plan", groups.toString(), "--detailed-exitcode");
        CliRun imported = roster("import", "--bot", CLOUD_BOT, groups.toString());

        assertThat(applied.exitCode()).as(applied.err()).isZero();
        assertThat(applied.out()).contains("3 change(s) applied");
        assertThat(converged.exitCode()).as(converged.out() + converged.err()).isZero();
        assertThat(converged.out()).contains("No changes.");
        assertThat(gated.out()).contains("\"approve_join_requests\"").contains("\"reject_join_requests\"")
                .contains("+46701112001");
        assertThat(settled.exitCode()).as(settled.err()).isZero();
        assertThat(after.exitCode()).as(after.out()).isZero();
        assertThat(after.out()).contains("No changes.")
                .contains("pending, to join by invite link: +46701112002, +46701112003");
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("joinApproval: required").contains("description:")
                .doesNotContain("admins");
        assertThat(Files.readString(groups.resolve(".roster/audit.jsonl")))
                .contains("\"action\":\"reject_join_requests\",\"numbers\":[\"+46709999999\"]")
                .contains("\"action\":\"approve_join_requests\",\"numbers\":[\"+46701112001\"]");
    }

    @Test
    void aCloudGroupThatDeclaresAdminsIsALocatedErrorAndNothingIsSent() throws IOException {
        copyExample();
        Path stores = groups.resolve("stores.yaml");
        Files.writeString(stores, Files.readString(stores).replace("    joinApproval: auto\n",
                "    joinApproval: auto\n    admins: [\"+46 70 111 40 03\"]\n"));

        CliRun run = roster("apply", groups.toString(), "--yes");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).containsPattern("stores\\.yaml:\\d+:\\d+: .*admins");
        assertThat(groups.resolve(".roster/sandbox.yaml")).doesNotExist();
    }
}
