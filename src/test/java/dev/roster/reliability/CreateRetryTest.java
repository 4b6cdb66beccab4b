package dev.roster.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The create rule that makes fault runs converge: a create refused outright (503) is tried again in the same run,
 * but only after the bot's groups were listed and no new group with the subject was there; a create without an
 * answer is never tried again in the run, and the attempts are bounded.
 */
class CreateRetryTest {
    static final String BOT = "46700000222";
    static final String NEW_ID = "group:46700000222-2000";

    private static CliRun apply(ScriptedApi api, Path dir) throws IOException {
        Path desired = dir.resolve("groups.yaml");
        Files.writeString(desired, "bot: \"" + BOT + "\"\ngroups:\n  board: {subject: Board}\n");
        Path settings = Fixture.settings(dir, api.baseUrl(), "${ROSTER_TEST_TOKEN:-roster-dev-token}",
                List.of("readTimeout: 500ms", "retry: {maxAttempts: 2, initialBackoff: 5ms, maxBackoff: 10ms}"));
        return CliRun.of("apply", desired.toString(), "--config", settings.toString(), "--yes");
    }

    /** A bot whose create answers as {@code createAnswer} says, and that lists a group once one was made. */
    private static ScriptedApi api(java.util.function.IntFunction<MockResponse> createAnswer) throws IOException {
        AtomicInteger creates = new AtomicInteger();
        AtomicInteger created = new AtomicInteger();
        return new ScriptedApi(call -> switch (call) {
            case "GET /groups" -> ScriptedApi.json(created.get() > 0 ? "{\"groups\": [\"" + NEW_ID + "\"]}" : "{\"groups\": []}");
            case "POST /groups" -> {
                MockResponse answer = createAnswer.apply(creates.incrementAndGet());
                if (answer.getCode() == 200) {
                    created.incrementAndGet();
                }
                yield answer;
            }
            case "GET /groups/" + NEW_ID -> ScriptedApi.json("{\"subject\": \"Board\", \"creator\": \"" + BOT
                    + "\", \"admins\": [\"" + BOT + "\"], \"members\": []}");
            default -> ScriptedApi.status(404);
        });
    }

    @Test
    void aCreateRefusedWith503IsTriedAgainOnceTheLookFindsNoNewGroup(@TempDir Path dir) throws IOException {
        try (ScriptedApi api = api(n -> n == 1 ? ScriptedApi.status(503) : ScriptedApi.json("{\"group_id\": \"" + NEW_ID + "\"}"))) {
            CliRun run = apply(api, dir);

            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            assertThat(api.count("POST /groups")).isEqualTo(2);
            assertThat(Files.readString(dir.resolve("audit.jsonl"))).contains(NEW_ID).contains("\"outcome\":\"ok\"");
        }
    }

    @Test
    void aCreateAlwaysRefusedIsTriedThreeTimesInAllThenReported(@TempDir Path dir) throws IOException {
        try (ScriptedApi api = api(n -> ScriptedApi.status(503))) {
            CliRun run = apply(api, dir);

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.out()).contains("FAILED").contains("POST /groups");
            assertThat(api.count("POST /groups")).isEqualTo(3);
        }
    }

    @Test
    void aCreateWithoutAnAnswerIsNotTriedAgainInTheSameRun(@TempDir Path dir) throws IOException {
        // no answer, and (as far as a look can tell) no effect yet: the create may still land later
        try (ScriptedApi api = api(n -> new MockResponse.Builder().code(504)
                .onResponseStart(SocketEffect.Stall.INSTANCE).build())) {
            CliRun run = apply(api, dir);

            assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
            assertThat(run.out()).contains("read timed out");
            assertThat(api.count("POST /groups")).isEqualTo(1);
        }
    }
}
