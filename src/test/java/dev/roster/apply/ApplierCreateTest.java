package dev.roster.apply;

import static dev.roster.plan.PlanFixtures.desired;
import static dev.roster.plan.PlanFixtures.liveStates;
import static dev.roster.plan.PlanFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.api.ProgressListener;
import dev.roster.api.RetryPolicy;
import dev.roster.api.sinch.SinchGroupApi;
import dev.roster.api.sinch.SinchOptions;
import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.Secret;
import dev.roster.plan.Plan;
import dev.roster.plan.Planner;
import dev.roster.plan.PlannerOptions;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The create rule over loopback HTTP, in this process: a create refused outright (429 or 503) is tried again after
 * a look at the bot's groups found no new group with the subject, at most three times in all; any other failed
 * create is tried once, and a group that a failed create made after all is adopted.
 */
class ApplierCreateTest {
    static final BotId BOT = BotId.of("46700000222");
    static final String NEW_ID = "group:46700000222-2000";

    final List<AuditEntry> audit = Collections.synchronizedList(new ArrayList<>());

    /** A bot whose creates answer as {@code createAnswer} says (by attempt, from 1); a create makes the group. */
    static ScriptedServer server(IntFunction<Integer> createAnswer) throws IOException {
        AtomicInteger creates = new AtomicInteger();
        AtomicInteger made = new AtomicInteger();
        return new ScriptedServer(call -> switch (call) {
            case "GET /groups" -> ScriptedServer.Answer.json(made.get() > 0
                    ? "{\"groups\": [\"" + NEW_ID + "\"]}" : "{\"groups\": []}");
            case "POST /groups" -> {
                int status = createAnswer.apply(creates.incrementAndGet());
                if (status == 200 || status == 502) { // 502: made, but the answer was lost on the way
                    made.incrementAndGet();
                }
                yield status == 200 ? ScriptedServer.Answer.json("{\"group_id\": \"" + NEW_ID + "\"}")
                        : ScriptedServer.Answer.status(status);
            }
            case "GET /groups/" + NEW_ID -> ScriptedServer.Answer.json("{\"subject\": \"Board\", \"creator\": \""
                    + BOT.value() + "\", \"admins\": [\"" + BOT.value() + "\"], \"members\": []}");
            default -> ScriptedServer.Answer.status(404);
        });
    }

    GroupResult createBoard(ScriptedServer server) {
        SinchGroupApi api = SinchGroupApi.create(new SinchOptions(server.baseUrl(), bot -> Secret.of("t0ken-c4"),
                Duration.ofSeconds(2), Duration.ofSeconds(5), RetryPolicy.none()));
        Plan plan = Planner.plan(desired(spec("board", "Board").bot(BOT).build()),
                liveStates().bot(BOT, List.of()).build(), PlannerOptions.defaults());
        ApplyReport report = new Applier(api, new ApplyOptions(1, 100, false, null), audit::add,
                Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC)).apply(plan, ProgressListener.NONE);
        assertThat(report.groups()).hasSize(1);
        return report.groups().get(0);
    }

    @Test
    void aCreateRefusedWith503IsTriedAgainOnceTheLookFoundNoNewGroup() throws IOException {
        try (ScriptedServer server = server(n -> n == 1 ? 503 : 200)) {
            GroupResult board = createBoard(server);

            assertThat(board.outcome()).isEqualTo(GroupResult.Outcome.APPLIED);
            assertThat(board.groupId()).isEqualTo(GroupId.of(NEW_ID));
            assertThat(server.count("POST /groups")).isEqualTo(2);
            assertThat(server.count("GET /groups")).as("looked before trying again").isEqualTo(1);
            assertThat(audit).singleElement().satisfies(e -> {
                assertThat(e.action()).isEqualTo("create_group");
                assertThat(e.outcome()).isEqualTo("ok");
                assertThat(e.groupId()).isEqualTo(NEW_ID);
            });
        }
    }

    @Test
    void aCreateRateLimitedIsTriedAgainToo() throws IOException {
        try (ScriptedServer server = server(n -> n == 1 ? 429 : 200)) {
            assertThat(createBoard(server).outcome()).isEqualTo(GroupResult.Outcome.APPLIED);
            assertThat(server.count("POST /groups")).isEqualTo(2);
        }
    }

    @Test
    void aCreateAlwaysRefusedIsTriedThreeTimesInAllThenReported() throws IOException {
        try (ScriptedServer server = server(n -> 503)) {
            GroupResult board = createBoard(server);

            assertThat(board.outcome()).isEqualTo(GroupResult.Outcome.FAILED);
            assertThat(board.groupId()).isNull();
            assertThat(board.message()).contains("503");
            assertThat(server.count("POST /groups")).isEqualTo(Applier.MAX_CREATE_ATTEMPTS).isEqualTo(3);
            assertThat(server.count("GET /groups")).isEqualTo(3);
            assertThat(audit).singleElement().satisfies(e -> assertThat(e.outcome()).isEqualTo("failed"));
        }
    }

    @Test
    void aCreateThatFailedOnTheServerIsNotTriedAgainInTheRun() throws IOException {
        // a 500 says nothing about whether the group was made: it may still appear, so one create per run
        try (ScriptedServer server = server(n -> 500)) {
            GroupResult board = createBoard(server);

            assertThat(board.outcome()).isEqualTo(GroupResult.Outcome.FAILED);
            assertThat(server.count("POST /groups")).isEqualTo(1);
            assertThat(server.count("GET /groups")).as("looked for a group it made all the same").isEqualTo(1);
        }
    }

    @Test
    void aGroupMadeByACreateWhoseAnswerWasLostIsAdoptedNotMadeAgain() throws IOException {
        try (ScriptedServer server = server(n -> 502)) {
            GroupResult board = createBoard(server);

            assertThat(board.outcome()).isEqualTo(GroupResult.Outcome.APPLIED);
            assertThat(board.groupId()).isEqualTo(GroupId.of(NEW_ID));
            assertThat(server.count("POST /groups")).isEqualTo(1);
            assertThat(audit).singleElement().satisfies(e -> assertThat(e.outcome()).isEqualTo("adopted"));
        }
    }
}
