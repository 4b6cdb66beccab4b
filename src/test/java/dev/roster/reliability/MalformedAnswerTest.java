package dev.roster.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7, faults: the server answers one group's GET with malformed JSON and another's with an empty body.
 * Those two groups get a clear error naming them; the other groups are still planned and applied.
 */
class MalformedAnswerTest {
    static final String BOT = "46700000555";
    static final String MEMBER = "46731110000";
    static final List<String> GOOD = List.of("group:46700000555-1001", "group:46700000555-1002");
    static final String BROKEN_JSON = "group:46700000555-1003";
    static final String EMPTY_BODY = "group:46700000555-1004";

    static ScriptedApi api;

    @BeforeAll
    static void start() throws IOException {
        api = new ScriptedApi(call -> {
            if (call.equals("GET /groups")) {
                return ScriptedApi.json("{\"groups\": [\"" + String.join("\", \"", GOOD) + "\", \"" + BROKEN_JSON
                        + "\", \"" + EMPTY_BODY + "\"]}");
            }
            if (call.equals("GET /groups/" + BROKEN_JSON)) {
                return ScriptedApi.json("{\"subject\": \"Old 3\", \"members\": [\"4673");
            }
            if (call.equals("GET /groups/" + EMPTY_BODY)) {
                return new MockResponse.Builder().code(200).build();
            }
            for (String id : GOOD) {
                if (call.equals("GET /groups/" + id)) {
                    return ScriptedApi.json("{\"subject\": \"Old\", \"creator\": \"" + BOT + "\", \"admins\": [\"" + BOT
                            + "\"], \"members\": [\"" + MEMBER + "\"], \"creation_time\": \"2026-01-05T10:00:00Z\"}");
                }
                if (call.equals("PATCH /groups/" + id)) {
                    return ScriptedApi.status(200);
                }
            }
            return ScriptedApi.status(500);
        });
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static Path desired(Path dir) throws IOException {
        StringBuilder y = new StringBuilder("bot: \"" + BOT + "\"\ngroups:\n");
        List<String> ids = List.of(GOOD.get(0), GOOD.get(1), BROKEN_JSON, EMPTY_BODY);
        for (int i = 0; i < ids.size(); i++) {
            y.append("  g").append(i + 1).append(":\n    id: \"").append(ids.get(i)).append("\"\n")
                    .append("    subject: \"New ").append(i + 1).append("\"\n")
                    .append("    members: [\"+").append(MEMBER).append("\"]\n");
        }
        Path file = dir.resolve("groups.yaml");
        Files.writeString(file, y.toString());
        return file;
    }

    private static CliRun run(Path dir, String... command) throws IOException {
        Path settings = Fixture.settings(dir, api.baseUrl(), "${ROSTER_TEST_TOKEN:-roster-dev-token}",
                List.of("retry: {maxAttempts: 2, initialBackoff: 5ms, maxBackoff: 10ms}"));
        List<String> args = new java.util.ArrayList<>(List.of(command));
        args.add(desired(dir).toString());
        args.addAll(List.of("--config", settings.toString()));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void planNamesEachUnreadableGroupAndStillPlansTheOthers(@TempDir Path dir) throws IOException {
        CliRun run = run(dir, "plan", "--format", "json");
        String all = run.out() + run.err();

        assertThat(run.exitCode()).as(all).isEqualTo(1);
        assertThat(all).contains("could not read group " + BROKEN_JSON + ": GET /groups/" + BROKEN_JSON)
                .contains("unreadable JSON");
        assertThat(all).contains("could not read group " + EMPTY_BODY + ": GET /groups/" + EMPTY_BODY)
                .contains("empty body");
        for (String good : GOOD) {
            assertThat(run.out()).contains("\"group_id\" : \"" + good + "\"");
        }
        assertThat(run.out()).contains("\"to\" : \"New 1\"").contains("\"to\" : \"New 2\"")
                .doesNotContain("\"to\" : \"New 3\"").doesNotContain("\"to\" : \"New 4\"");
        assertThat(all).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void applyChangesTheReadableGroupsAndTouchesNoUnreadableOne(@TempDir Path dir) throws IOException {
        CliRun run = run(dir, "apply", "--yes");
        String all = run.out() + run.err();

        assertThat(run.exitCode()).as(all).isEqualTo(1);
        for (String good : GOOD) {
            assertThat(api.count("PATCH /groups/" + good)).as(good).isEqualTo(1);
        }
        assertThat(api.count("PATCH /groups/" + BROKEN_JSON)).isZero();
        assertThat(api.count("PATCH /groups/" + EMPTY_BODY)).isZero();
        assertThat(all).contains("could not read group " + BROKEN_JSON).contains("could not read group " + EMPTY_BODY);
        assertThat(all).doesNotContain("\tat ").doesNotContain("Exception");
    }
}
