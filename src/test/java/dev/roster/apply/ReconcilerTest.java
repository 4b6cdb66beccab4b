package dev.roster.apply;

import static dev.roster.plan.PlanFixtures.desired;
import static dev.roster.plan.PlanFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.api.ApiException;
import dev.roster.api.ProgressListener;
import dev.roster.api.RetryPolicy;
import dev.roster.api.sinch.SinchGroupApi;
import dev.roster.api.sinch.SinchOptions;
import dev.roster.model.BotId;
import dev.roster.model.DesiredState;
import dev.roster.model.Secret;
import dev.roster.plan.GroupPlan;
import dev.roster.plan.PlanProblem;
import dev.roster.plan.PlannerOptions;
import dev.roster.plan.SetSubject;
import dev.roster.simulator.Simulator;
import dev.roster.simulator.SimulatorConfig;
import dev.roster.testing.LocalHttp;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What the reconciler plans when reads fail, over loopback HTTP: a bot whose groups cannot be listed is left out
 * (planning it against an empty list would create all its groups again), a group that cannot be read is a problem
 * while the bot's other groups are planned, and each failed read is a plan problem saying what to check.
 */
class ReconcilerTest {
    static final BotId BOT = BotId.of("447506616260");
    static final BotId STRANGER = BotId.of("447506616261");
    static final String TOKEN = "reconciler-test-token-5d2a";

    static SinchGroupApi api(URI baseUrl) {
        return SinchGroupApi.create(new SinchOptions(baseUrl, bot -> Secret.of(TOKEN), Duration.ofSeconds(2),
                Duration.ofSeconds(5), RetryPolicy.none()));
    }

    static Reconciler.Planned plan(URI baseUrl, DesiredState desired) {
        return new Reconciler(api(baseUrl), 2, new PlannerOptions(false)).plan(desired, ProgressListener.NONE);
    }

    static DesiredState salesOfBothBots() {
        return desired(spec("sales", "Sales Team").previously("Sales").build(),
                spec("board", "Board").bot(STRANGER).build());
    }

    @Test
    void aBotWhoseGroupsCannotBeListedIsLeftOutAndTheOtherBotIsPlanned() throws IOException {
        // the simulator knows BOT only: listing STRANGER's groups is answered 401
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withToken(TOKEN).withBots(BOT))) {
            sim.state().createGroup(BOT, "Sales");

            Reconciler.Planned planned = plan(sim.baseUrl(), salesOfBothBots());

            assertThat(planned.plan().groups()).extracting(GroupPlan::bot).containsOnly(BOT);
            assertThat(planned.plan().changedGroups()).extracting(GroupPlan::key).containsExactly("sales");
            assertThat(planned.readFailures()).singleElement().satisfies(f -> {
                assertThat(f.bot()).isEqualTo(STRANGER);
                assertThat(f.group()).isNull();
                assertThat(f.error()).isInstanceOf(ApiException.Unauthorized.class);
            });
            assertThat(planned.plan().problems()).extracting(PlanProblem::message).singleElement().asString()
                    .startsWith("bot " + STRANGER + ": could not list its groups, so none of its groups is planned: ")
                    .endsWith(" (the API refused the token: check this bot's token, SINCH_API_TOKEN or api.tokens, "
                            + "and that api.baseUrl is the token's region; a token of one region gets 401 in another)");
            assertThat(planned.readsCutByDeadline()).isZero();
            assertThat(planned.isComplete()).isFalse();
            assertThat(sim.state().stats().writes()).isZero();
        }
    }

    @Test
    void aBotWhoseEveryGroupWasReadGivesACompletePlan() throws IOException {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withToken(TOKEN).withBots(BOT))) {
            sim.state().createGroup(BOT, "Sales");

            Reconciler.Planned planned = plan(sim.baseUrl(), desired(spec("sales", "Sales Team").previously("Sales")
                    .build()));

            assertThat(planned.readFailures()).isEmpty();
            assertThat(planned.plan().problems()).isEmpty();
            assertThat(planned.isComplete()).isTrue();
        }
    }

    @Test
    void aGroupThatCannotBeReadIsAProblemAndTheBotsOtherGroupsArePlanned() throws IOException {
        try (ScriptedServer server = new ScriptedServer(call -> switch (call) {
            case "GET /groups" -> ScriptedServer.Answer.json("{\"groups\": [\"group:1\", \"group:2\"]}");
            case "GET /groups/group:1" -> ScriptedServer.Answer.json("{\"subject\": \"Sales\", \"creator\": \""
                    + BOT.value() + "\", \"admins\": [\"" + BOT.value() + "\"], \"members\": []}");
            default -> ScriptedServer.Answer.status(500);
        })) {
            Reconciler.Planned planned = plan(server.baseUrl(), desired(spec("sales", "Sales Team")
                    .previously("Sales").build()));

            assertThat(planned.plan().changedGroups()).singleElement().satisfies(g -> {
                assertThat(g.key()).isEqualTo("sales");
                assertThat(g.changes()).singleElement().isInstanceOf(SetSubject.class);
            });
            assertThat(planned.plan().problems()).extracting(PlanProblem::message).singleElement().asString()
                    .startsWith("could not read group group:2: ");
            assertThat(planned.isComplete()).isFalse();
        }
    }

    @Test
    void aListingTheTokenMayNotMakeSaysToCheckTheTokensRights() throws IOException {
        try (ScriptedServer server = new ScriptedServer(call -> ScriptedServer.Answer.status(403))) {
            assertThat(listingProblem(server.baseUrl())).endsWith(" (the token may not manage this bot's groups: "
                    + "check the bot id and the token's rights)");
        }
    }

    @Test
    void aListingThatFailsOnTheServerGivesNoHint() throws IOException {
        try (ScriptedServer server = new ScriptedServer(call -> ScriptedServer.Answer.status(500))) {
            assertThat(listingProblem(server.baseUrl())).doesNotContain("(check", "(the token", "(the API");
        }
    }

    @Test
    void anApiThatCannotBeReachedSaysToCheckTheUrlAndTheNetwork() throws IOException {
        assertThat(listingProblem(URI.create("http://127.0.0.1:" + LocalHttp.freePort())))
                .endsWith(" (check api.baseUrl and the network)");
    }

    /** The one problem of a plan of BOT whose groups could not be listed from {@code baseUrl}. */
    static String listingProblem(URI baseUrl) {
        Reconciler.Planned planned = plan(baseUrl, desired(spec("sales", "Sales Team").build()));
        assertThat(planned.plan().groups()).as("nothing planned, no create").isEmpty();
        assertThat(planned.plan().problems()).hasSize(1);
        String message = planned.plan().problems().get(0).message();
        assertThat(message).startsWith("bot " + BOT + ": could not list its groups, so none of its groups is planned: ");
        return message;
    }
}
