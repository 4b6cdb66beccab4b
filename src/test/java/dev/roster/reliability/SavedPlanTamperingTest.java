package dev.roster.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.cli.CliRun;
import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.Msisdn;
import dev.roster.render.ForgedPlans;
import dev.roster.simulator.Simulator;
import dev.roster.simulator.SimulatorConfig;
import dev.roster.testing.ChildJvm;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Edited saved plans for {@code roster apply --plan} (issue 13, finding 5): each edit an outside review applied
 * successfully is refused with exit 1 before any request, checked over HTTP at the simulator ({@code /_sim/stats}
 * and the group as the API answers it); an unchanged plan still applies; a plan is bound to the API and tokens
 * it was made with; the file holds no part of the token.
 */
class SavedPlanTamperingTest {
    static final String TOKEN = "tamper-test-token-4c91e07b2d";
    static final BotId BOT = BotId.of("46700000001");
    static final String ALICE = "+46732001122";
    static final String BOB = "+46732002244";
    static final String LEAVER = "+46732009999";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;
    Simulator sim;
    Path settings;
    Path desired;
    GroupId sales;

    @BeforeEach
    void start() throws IOException {
        sim = Simulator.start(SimulatorConfig.defaults().withToken(TOKEN).withBots(BOT));
        settings = settings(dir, sim.baseUrl());
        sales = sim.state().createGroup(BOT, "Sales");
        sim.state().join(BOT, sales, List.of(Msisdn.parse(ALICE), Msisdn.parse(BOB), Msisdn.parse(LEAVER)));
        desired = dir.resolve("sales.yaml");
        Files.writeString(desired, """
                bot: "46700000001"
                groups:
                  sales:
                    subject: Sales Team
                    previously: [Sales]
                    admins: ["+46732001122"]
                    members: ["+46732002244"]
                """);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    /** Settings for {@code baseUrl} whose token comes from a variable no one sets, so the fallback is used. */
    static Path settings(Path dir, URI baseUrl) throws IOException {
        Path file = dir.resolve("settings-" + baseUrl.getPort() + ".yaml");
        Files.writeString(file, "api:\n  baseUrl: " + baseUrl + "\n  token: ${ROSTER_PLAN_TEST_TOKEN:-" + TOKEN
                + "}\nreconcile:\n  maxRemovalPercent: 100\naudit:\n  file: " + dir.resolve("audit.jsonl") + "\n");
        return file;
    }

    /** {@code roster plan --out}: the rename, Leaver's removal, the link's rotation and Alice's promotion. */
    Path savedPlan() throws IOException {
        Path plan = dir.resolve("PLAN.json");
        CliRun run = CliRun.of("plan", desired.toString(), "--config", settings.toString(), "--out", plan.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        return plan;
    }

    CliRun applySaved(Path plan, String... more) {
        List<String> args = new ArrayList<>(List.of("apply", "--plan", plan.toString(), "--yes"));
        args.addAll(List.of(more));
        if (!args.contains("--config")) {
            args.addAll(List.of("--config", settings.toString()));
        }
        return CliRun.of(args.toArray(String[]::new));
    }

    static Stream<Arguments> edits() {
        return Stream.of(
                Arguments.of("other numbers", (Consumer<ObjectNode>) f ->
                        ((ArrayNode) change(f, "remove_members").get("numbers")).set(0, BOB)),
                Arguments.of("an added remove_admins", (Consumer<ObjectNode>) f ->
                        ((ArrayNode) f.get("groups").get(0).get("changes")).addObject()
                                .put("action", "remove_admins").putArray("numbers").add(ALICE)),
                Arguments.of("an added group \"Evil Group\"", (Consumer<ObjectNode>) f -> {
                    ObjectNode evil = ((ArrayNode) f.get("groups")).addObject();
                    evil.put("bot", BOT.value()).put("group", "evil").putNull("group_id").putNull("live_fingerprint");
                    evil.putArray("changes").addObject().put("action", "create_group").put("subject", "Evil Group");
                    evil.putArray("pending");
                    evil.putArray("pending_admins");
                }),
                Arguments.of("a subject with NUL", subject("Sales\u0000Team")),
                Arguments.of("a subject with a newline", subject("Sales\nTeam")),
                Arguments.of("a 10,000-character subject", subject("S".repeat(10_000))));
    }

    static Consumer<ObjectNode> subject(String subject) {
        return f -> change(f, "set_subject").put("to", subject);
    }

    static ObjectNode change(ObjectNode file, String action) {
        for (JsonNode c : file.get("groups").get(0).get("changes")) {
            if (c.get("action").textValue().equals(action)) {
                return (ObjectNode) c;
            }
        }
        throw new AssertionError("no " + action + " in " + file);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("edits")
    void anEditedPlanIsRefusedWithExitOneAndNothingReachesTheApi(String name, Consumer<ObjectNode> edit)
            throws Exception {
        Path plan = savedPlan();
        ObjectNode file = ForgedPlans.tree(Files.readString(plan));
        edit.accept(file);
        Files.writeString(plan, ForgedPlans.MAPPER.writeValueAsString(file));
        JsonNode before = group(sales);
        resetStats();

        CliRun run = applySaved(plan);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: " + plan + ": saved plan's signature does not match: the file "
                + "was changed after `roster plan --out` wrote it").doesNotContain("\tat ");
        assertThat(stats().get("total_requests").asLong()).as("requests after the refusal").isZero();
        assertThat(group(sales)).isEqualTo(before);
    }

    static Stream<Arguments> badSubjects() {
        return Stream.of(
                Arguments.of("Sales\u0000Team", "subject must be one line of text"),
                Arguments.of("Sales\nTeam", "subject must be one line of text"),
                Arguments.of("S".repeat(10_000), "subject is 10000 characters long; at most 25 are allowed"));
    }

    /** A forger who holds the token (or anyone, in the sandbox, whose token is public) still gets no bad value in. */
    @ParameterizedTest
    @MethodSource("badSubjects")
    void aReSignedPlanWithASubjectTheFilesCouldNotHoldIsRefused(String subject, String message) throws Exception {
        Path plan = savedPlan();
        ObjectNode file = ForgedPlans.tree(Files.readString(plan));
        subject(subject).accept(file);
        Files.writeString(plan, ForgedPlans.resign(file, TOKEN));
        resetStats();

        CliRun run = applySaved(plan);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: " + plan + ": saved plan: groups[0].changes[0].to: " + message);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(stats().get("total_requests").asLong()).isZero();
        assertThat(group(sales).get("subject").textValue()).isEqualTo("Sales");
    }

    @Test
    void anUnchangedPlanStillApplies() throws Exception {
        Path plan = savedPlan();
        resetStats();

        CliRun run = applySaved(plan);

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode after = group(sales);
        assertThat(after.get("subject").textValue()).isEqualTo("Sales Team");
        assertThat(after.toString()).doesNotContain(LEAVER.substring(1));
        assertThat(stats().get("writes").asLong()).isEqualTo(4); // rename, remove, rotate, promote
    }

    @Test
    void aPlanIsRefusedByAnotherApiUrlNamingTheUrlItWasMadeFor() throws Exception {
        Path plan = savedPlan();
        try (Simulator other = Simulator.start(SimulatorConfig.defaults().withToken(TOKEN).withBots(BOT))) {
            resetStats();

            CliRun run = applySaved(plan, "--api-url", other.baseUrl().toString());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).startsWith("error: " + plan + ": saved plan was made for " + sim.baseUrl()
                    + ", not for " + other.baseUrl() + " (api.baseUrl or --api-url)");
            assertThat(stats().get("total_requests").asLong()).isZero();
            assertThat(other.state().stats().totalRequests()).isZero();
        }
    }

    @Test
    void aPlanMadeWithAnotherTokenIsRefused() throws Exception {
        Path plan = savedPlan();
        Path otherToken = dir.resolve("other-token.yaml");
        Files.writeString(otherToken, Files.readString(settings).replace(TOKEN, "some-other-token-0000"));
        resetStats();

        CliRun run = applySaved(plan, "--config", otherToken.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("saved plan's signature does not match")
                .contains("another API token for bot(s) 46700000001");
        assertThat(stats().get("total_requests").asLong()).isZero();
    }

    @Test
    void aSandboxPlanIsRefusedByARealApiUrlAndAnApiPlanByTheSandbox() throws Exception {
        Path work = dir.resolve("work");
        Files.createDirectories(work);
        Files.copy(desired, work.resolve("sales.yaml"));
        Files.writeString(work.resolve(".sandbox.yaml"), """
                bots:
                  "46700000001":
                    groups:
                      - id: "group:46700000001-1700000000"
                        subject: Sales
                        creator: "+46700000001"
                        admins: ["+46700000001"]
                        members: ["+46732001122", "+46732002244", "+46732009999"]
                """);
        Child sandboxPlan = child(work, "plan", "sales.yaml", "--sandbox", "--out", "sandbox-plan.json");
        assertThat(sandboxPlan.exitCode()).as(sandboxPlan.output()).isZero();
        Path apiPlan = savedPlan();
        resetStats();

        CliRun sandboxPlanAtTheApi = applySaved(work.resolve("sandbox-plan.json"));
        Child apiPlanInTheSandbox = child(work, "apply", "sales.yaml", "--sandbox", "--plan", apiPlan.toString(),
                "--yes");
        Child sandboxPlanInTheSandbox = child(work, "apply", "sales.yaml", "--sandbox", "--plan",
                "sandbox-plan.json", "--yes");

        assertThat(sandboxPlanAtTheApi.exitCode()).isEqualTo(1);
        assertThat(sandboxPlanAtTheApi.err()).contains("saved plan was made for the sandbox (--sandbox), not for "
                + sim.baseUrl() + ": apply it with --sandbox");
        assertThat(stats().get("total_requests").asLong()).isZero();
        assertThat(apiPlanInTheSandbox.exitCode()).isEqualTo(1);
        assertThat(apiPlanInTheSandbox.output()).contains("saved plan was made for " + sim.baseUrl()
                + ", not for the sandbox (--sandbox)");
        assertThat(sandboxPlanInTheSandbox.exitCode()).as(sandboxPlanInTheSandbox.output()).isZero();
        assertThat(sandboxPlanInTheSandbox.output()).contains("4 change(s) applied");
    }

    @Test
    void theSavedPlanHoldsNoPartOfTheTokenAndRefusalsNeverPrintIt() throws Exception {
        Path plan = savedPlan();
        String file = Files.readString(plan);
        Files.writeString(plan, file.replace(LEAVER, BOB));

        CliRun refused = applySaved(plan);

        assertThat(refused.exitCode()).isEqualTo(1);
        for (int i = 0; i + 6 <= TOKEN.length(); i++) {
            String part = TOKEN.substring(i, i + 6);
            assertThat(file).doesNotContain(part);
            assertThat(refused.out() + refused.err()).doesNotContain(part);
        }
        assertThat(JSON.readTree(file).get("signature").textValue()).matches("hmac-sha256:[0-9a-f]{64}");
    }

    // --- over HTTP, as any client of the simulator sees it

    JsonNode group(GroupId id) throws Exception {
        return JSON.readTree(send("GET", "/whatsapp/v1/" + BOT.value() + "/groups/" + id.value(), true));
    }

    JsonNode stats() throws Exception {
        return JSON.readTree(send("GET", "/_sim/stats", false));
    }

    void resetStats() throws Exception {
        send("POST", "/_sim/stats/reset", false);
    }

    String send(String method, String path, boolean auth) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
                .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody());
        if (auth) {
            request.header("Authorization", "Bearer " + TOKEN);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
        return response.body();
    }

    record Child(int exitCode, String output) {}

    /** roster in a new JVM in {@code work}, so that the sandbox's state stays under the test's folder. */
    static Child child(Path work, String... args) throws Exception {
        ProcessBuilder builder = ChildJvm.roster(List.of("-XX:TieredStopAtLevel=1"), args)
                .directory(work.toFile()).redirectErrorStream(true);
        builder.environment().remove("SINCH_API_TOKEN");
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("roster " + String.join(" ", args) + " did not finish: " + output);
        }
        return new Child(process.exitValue(), output);
    }
}
