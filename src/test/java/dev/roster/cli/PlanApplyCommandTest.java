package dev.roster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.Msisdn;
import dev.roster.simulator.Simulator;
import dev.roster.simulator.SimulatorConfig;
import dev.roster.simulator.SimulatorState;
import dev.roster.testing.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code roster plan} and {@code roster apply} as a user runs them, in-process through {@link CliRun},
 * against a simulator over loopback HTTP: exit codes, output formats, saved plans and refusals.
 */
class PlanApplyCommandTest {
    static final BotId BOT = BotId.of("46700000001");
    static final String ALICE = "+46732001122";
    static final String BOB = "+46732002244";
    static final String CAROL = "+46732003366";
    static final String LEAVER = "+46732009999";

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

    SimulatorState state() {
        return sim.state();
    }

    Path file(String name, String yaml) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, yaml);
        return file;
    }

    /** Sales with Alice (admin) and Bob declared; Carol is pending. */
    Path salesFile() throws IOException {
        return file("sales.yaml", """
                bot: "46700000001"
                groups:
                  sales:
                    subject: Sales Team
                    admins: ["+46732001122"]
                    members: ["+46732002244", "+46732003366"]
                """);
    }

    /** The live Sales group: Alice and Bob are members, and someone who has left the company. */
    GroupId liveSales() {
        GroupId id = state().createGroup(BOT, "Sales Team");
        state().join(BOT, id, List.of(Msisdn.parse(ALICE), Msisdn.parse(BOB), Msisdn.parse(LEAVER)));
        return id;
    }

    /** Sales already as declared, except that Carol has not joined. */
    GroupId convergedSales() {
        GroupId id = state().createGroup(BOT, "Sales Team");
        state().join(BOT, id, List.of(Msisdn.parse(ALICE), Msisdn.parse(BOB)));
        state().promote(BOT, id, List.of(Msisdn.parse(ALICE)));
        return id;
    }

    CliRun plan(String... more) {
        return run("plan", more);
    }

    CliRun apply(String... more) {
        return run("apply", more);
    }

    CliRun run(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--config", settings.toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    static void assertNoStackTrace(CliRun run) {
        assertThat(run.err()).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(run.out()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void planExitsZeroAndDetailedExitcodeTwoWhenThereAreChanges() throws IOException {
        liveSales();
        Path files = salesFile();

        CliRun plain = plan(files.toString());
        CliRun detailed = plan(files.toString(), "--detailed-exitcode");

        assertThat(plain.exitCode()).as(plain.err()).isEqualTo(0);
        assertThat(plain.out()).contains("Plan: 0 to create, 1 to change");
        assertThat(detailed.exitCode()).isEqualTo(2);
        assertThat(state().stats().writes()).isZero();
    }

    @Test
    void detailedExitcodeIsZeroWhenOnlyPeopleArePending() throws IOException {
        convergedSales();

        CliRun run = plan(salesFile().toString(), "--detailed-exitcode");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).contains("No changes.").contains("1 pending").contains(CAROL);
    }

    @Test
    void invalidFilesExitOneWithFileLineColumnAndNoApiCall() throws IOException {
        Path bad = file("bad.yaml", """
                bot: "46700000001"
                groups:
                  sales:
                    subject: Sales Team
                    memebers: ["+46732002244"]
                """);

        CliRun run = plan(bad.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(bad + ":5:5: unknown key 'memebers'");
        assertThat(state().stats().totalRequests()).isZero();
        assertNoStackTrace(run);
    }

    @Test
    void anIdentityProblemExitsOneAndNamesTheCandidates() throws IOException {
        GroupId first = state().createGroup(BOT, "Sales Team");
        GroupId second = state().createGroup(BOT, "Sales Team");

        CliRun run = plan(salesFile().toString(), "--detailed-exitcode");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out() + run.err()).contains(first.value()).contains(second.value()).contains("id:");
        assertNoStackTrace(run);
    }

    @Test
    void applyWithoutYesAndWithoutATerminalRefusesAndWritesNothing() throws IOException {
        liveSales();

        CliRun run = apply(salesFile().toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("refusing to apply without --yes");
        assertThat(state().stats().writes()).isZero();
    }

    @Test
    void applyYesConvergesSoTheNextPlanHasNoChanges() throws IOException {
        GroupId sales = liveSales();
        Path files = salesFile();

        CliRun applied = apply(files.toString(), "--yes");
        CliRun after = plan(files.toString(), "--detailed-exitcode");

        assertThat(applied.exitCode()).as(applied.out() + applied.err()).isEqualTo(0);
        assertThat(applied.out()).contains("applied").contains("invite").contains(CAROL)
                .contains(state().inviteLink(BOT, sales));
        assertThat(after.exitCode()).as(after.out()).isEqualTo(0);
        assertThat(after.out()).contains("No changes.");
        assertThat(state().group(BOT, sales).orElseThrow().participants()).doesNotContain(Msisdn.parse(LEAVER));
        assertThat(Files.readString(dir.resolve("audit.jsonl"))).contains("\"action\":\"remove_members\"")
                .doesNotContain(SimulatorConfig.DEFAULT_TOKEN);
    }

    @Test
    void applyExitsOneWhenTheRemovalGuardRefusesAGroup() throws IOException {
        GroupId sales = convergedSales();
        state().join(BOT, sales, List.of(Msisdn.parse(LEAVER), Msisdn.parse("+46732001001")));

        CliRun run = apply(salesFile().toString(), "--yes");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("REFUSED").contains("removes 2 of 5 participants")
                .contains("reconcile.maxRemovalPercent");
        assertThat(state().stats().writes()).isZero();
        assertNoStackTrace(run);
    }

    @Test
    void aCreateWhoseAnswerIsLostLeavesNoDuplicate() throws IOException {
        sim.close();
        sim = Simulator.start(SimulatorConfig.defaults().withBots(BOT).withFailAfterRate(1.0));
        settings = CliRun.settingsFor(sim, dir);
        Path board = file("board.yaml", """
                bot: "46700000001"
                groups:
                  board:
                    subject: Board
                    admins: ["+46732001122"]
                """);

        CliRun first = apply(board.toString(), "--yes");
        CliRun second = apply(board.toString(), "--yes");

        assertThat(first.exitCode()).as(first.out() + first.err()).isEqualTo(0);
        assertThat(second.exitCode()).as(second.out() + second.err()).isEqualTo(0);
        assertThat(state().groups(BOT)).extracting(g -> g.subject()).containsExactly("Board");
        assertThat(state().stats().requests("POST /groups")).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("audit.jsonl"))).contains("\"outcome\":\"adopted\"");
    }

    @Test
    void aSavedPlanIsAppliedWithApplyPlan() throws IOException {
        GroupId sales = liveSales();
        Path saved = dir.resolve("p.json");

        CliRun planned = plan(salesFile().toString(), "--out", saved.toString());
        CliRun applied = apply("--plan", saved.toString(), "--yes");

        assertThat(planned.exitCode()).as(planned.err()).isEqualTo(0);
        assertThat(applied.exitCode()).as(applied.out() + applied.err()).isEqualTo(0);
        assertThat(state().group(BOT, sales).orElseThrow().admins()).contains(Msisdn.parse(ALICE));
        assertThat(plan(salesFile().toString(), "--detailed-exitcode").exitCode()).isEqualTo(0);
    }

    /** Ops: the bot, Alice and three people who left; the files keep Alice only, so 3 of 5 go (60 %). */
    Path opsWithThreeOfFiveToRemove() throws IOException {
        GroupId ops = state().createGroup(BOT, "Ops");
        state().join(BOT, ops, List.of(Msisdn.parse(ALICE), Msisdn.parse("+46732009991"),
                Msisdn.parse("+46732009992"), Msisdn.parse("+46732009993")));
        return file("ops.yaml", """
                bot: "46700000001"
                groups:
                  ops:
                    subject: Ops
                    members: ["+46732001122"]
                """);
    }

    @Test
    void aPlanShowsTheGroupsApplyWillRefuseInEveryFormat() throws IOException {
        Path ops = opsWithThreeOfFiveToRemove();

        CliRun text = plan(ops.toString());
        CliRun markdown = plan(ops.toString(), "--format", "markdown");
        CliRun json = plan(ops.toString(), "--format", "json");

        String why = "refused: the plan removes 3 of 5 participants (60%), more than reconcile.maxRemovalPercent (25%)";
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains("! " + why).contains("; 1 group refused by a guard");
        assertThat(markdown.out()).contains("| ⛔ |").contains("- ⛔ **refused: the plan removes 3 of 5 participants")
                .contains("; 1 group refused by a guard**");
        JsonNode tree = new ObjectMapper().readTree(json.out());
        assertThat(tree.get("summary").get("refused").asInt()).isEqualTo(1);
        assertThat(tree.get("changes").get(0).get("refused").asText()).startsWith(why);

        CliRun applied = apply(ops.toString(), "--yes");
        assertThat(applied.exitCode()).isEqualTo(1);
        assertThat(applied.out()).contains(why);
        assertThat(state().stats().writes()).isZero();
    }

    @Test
    void aTargetedGroupIsTheOnlyOnePlannedAndAppliedAndNothingElseIsLeft() throws IOException {
        liveSales();
        Path ops = opsWithThreeOfFiveToRemove();
        Path sales = salesFile();
        Path prune = CliRun.settingsFor(sim, dir, "reconcile:\n  prune: true\n  maxRemovalPercent: 100");

        CliRun planned = CliRun.of("plan", "--config", prune.toString(), "--target", "46700000001:ops",
                ops.toString(), sales.toString());
        CliRun applied = CliRun.of("apply", "--config", prune.toString(), "--target", "46700000001:ops", "--yes",
                ops.toString(), sales.toString());

        assertThat(planned.exitCode()).as(planned.err()).isZero();
        assertThat(planned.out()).contains("~ ops").doesNotContain("sales").contains("0 to leave")
                .contains("only the targeted groups were planned");
        assertThat(applied.exitCode()).as(applied.out() + applied.err()).isZero();
        assertThat(state().groups(BOT)).extracting(g -> g.subject()).contains("Sales Team", "Ops");
        assertThat(plan(ops.toString(), sales.toString()).out()).doesNotContain("~ ops").contains("~ sales");
    }

    @Test
    void aTargetBotIsTheOnlyBotRead() throws IOException {
        BotId other = BotId.of("46700000002");
        state().addBot(other);
        Path both = file("both.yaml", "bot: \"46700000002\"\ngroups:\n  desk:\n    subject: Desk\n");
        state().stats().reset();

        CliRun planned = plan("--target", "46700000002", both.toString(), salesFile().toString());

        assertThat(planned.exitCode()).as(planned.err()).isZero();
        assertThat(planned.out()).contains("+ desk").doesNotContain("sales");
        assertThat(state().stats().requests("GET /groups")).isEqualTo(1);
    }

    @Test
    void aTargetThatMatchesNothingIsAnErrorBeforeAnythingIsRead() throws IOException {
        Path sales = salesFile();
        state().stats().reset();

        CliRun planned = plan("--target", "46700000001:nope", "--target", "46700000009", sales.toString());

        assertThat(planned.exitCode()).isEqualTo(1);
        assertThat(planned.err()).isEqualTo("error: --target 46700000001:nope, 46700000009 matches no declared bots or "
                + "groups in the files\n");
        assertThat(state().stats().totalRequests()).isZero();
    }

    @Test
    void theRemovalGuardCanBeLiftedForOneRunByPercentOrByGroup() throws IOException {
        Path ops = opsWithThreeOfFiveToRemove();

        CliRun byPercent = plan(ops.toString(), "--max-removal-percent", "60");
        CliRun byGroup = apply(ops.toString(), "--allow-removal", "46700000001:ops", "--yes");

        assertThat(byPercent.out()).doesNotContain("refused");
        assertThat(byGroup.exitCode()).as(byGroup.out() + byGroup.err()).isZero();
        assertThat(plan(ops.toString(), "--detailed-exitcode").exitCode()).isZero();
    }

    @Test
    void aSavedPlanWithARefusedGroupIsRefusedByApplyAsThePlanSaid() throws IOException {
        Path ops = opsWithThreeOfFiveToRemove();
        Path saved = dir.resolve("p.json");
        plan(ops.toString(), "--out", saved.toString());

        CliRun applied = apply("--plan", saved.toString(), "--yes");

        assertThat(applied.exitCode()).isEqualTo(1);
        assertThat(applied.out()).contains("refused: the plan removes 3 of 5 participants");
        assertThat(state().stats().writes()).isZero();
    }

    @Test
    void applyPlanShowsThePlanBeforeApplyingIt() throws IOException {
        liveSales();
        Path saved = dir.resolve("p.json");
        plan(salesFile().toString(), "--out", saved.toString());

        CliRun applied = apply("--plan", saved.toString(), "--yes");

        assertThat(applied.out()).contains("~ sales").contains("+ add admins: " + ALICE)
                .contains("Plan: 0 to create, 1 to change");
        assertThat(applied.out().indexOf("+ add admins")).isLessThan(applied.out().indexOf("Applying "));
    }

    @Test
    void showRendersASavedPlanInEachFormatAndSendsNothing() throws Exception {
        liveSales();
        Path saved = dir.resolve("p.json");
        CliRun text = plan(salesFile().toString());
        CliRun markdown = plan(salesFile().toString(), "--format", "markdown");
        plan(salesFile().toString(), "--out", saved.toString());
        state().stats().reset();

        CliRun shownText = run("show", saved.toString());
        CliRun shownMarkdown = run("show", saved.toString(), "--format", "markdown");
        CliRun shownJson = run("show", saved.toString(), "--format", "json");

        assertThat(shownText.exitCode()).as(shownText.err()).isZero();
        // the same lines as the plan itself, less the file location a saved plan does not keep
        assertThat(shownText.out()).isEqualTo(text.out().replaceAll("  \\(" + java.util.regex.Pattern.quote(
                salesFile().toString()) + ":\\d+\\)", ""));
        assertThat(shownMarkdown.out()).contains("remove members: `+46 7•• ••• 999`")
                .contains(markdown.out().lines().filter(l -> l.startsWith("**Plan:")).findFirst().orElseThrow());
        JsonNode json = new ObjectMapper().readTree(shownJson.out());
        assertThat(json.get("changes")).isNotEmpty();
        assertThat(state().stats().totalRequests()).isZero();
    }

    @Test
    void showRefusesAnEditedPlanAsApplyDoes() throws IOException {
        liveSales();
        Path saved = dir.resolve("p.json");
        plan(salesFile().toString(), "--out", saved.toString());
        Files.writeString(saved, Files.readString(saved).replace(ALICE, CAROL));

        CliRun shown = run("show", saved.toString());

        assertThat(shown.exitCode()).isEqualTo(1);
        assertThat(shown.err()).startsWith("error: " + saved + ": saved plan");
        assertThat(shown.out()).isEmpty();
    }

    @Test
    void driftBetweenPlanAndApplyMakesTheGroupStaleAndExitsOne() throws IOException {
        GroupId sales = liveSales();
        Path saved = dir.resolve("p.json");
        plan(salesFile().toString(), "--out", saved.toString());
        state().setSubjectDirect(BOT, sales, "Renamed In The App");
        state().stats().reset();

        CliRun applied = apply("--plan", saved.toString(), "--yes");

        assertThat(applied.exitCode()).isEqualTo(1);
        assertThat(applied.out()).contains("STALE").contains("stale plan");
        assertThat(state().stats().writes()).isZero();
        assertNoStackTrace(applied);
    }

    @Test
    void jsonPlanHasTheDesignShapeAndNothingElse() throws IOException {
        GroupId sales = liveSales();
        state().createGroup(BOT, "Old Project");

        CliRun run = plan(salesFile().toString(), "--format", "json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.err()).doesNotContain("Reading groups");
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("format_version").asInt()).isEqualTo(1);
        assertThat(json.fieldNames()).toIterable()
                .contains("format_version", "changes", "summary", "pending", "unmanaged_groups", "warnings");
        assertThat(json.get("changes").isArray()).isTrue();
        JsonNode removal = null;
        for (JsonNode c : json.get("changes")) {
            assertThat(c.get("bot").asText()).isEqualTo(BOT.value());
            assertThat(c.get("group").asText()).isEqualTo("sales");
            assertThat(c.get("group_id").asText()).isEqualTo(sales.value());
            if (c.get("action").asText().equals("remove_members")) {
                removal = c;
            }
        }
        assertThat(removal).isNotNull();
        assertThat(removal.get("numbers")).extracting(JsonNode::asText)
                .contains(LEAVER).allMatch(s -> s.startsWith("+"));
        assertThat(json.get("summary").get("remove_members").asInt()).isEqualTo(1);
        assertThat(json.get("pending").get(0).get("numbers").get(0).asText()).isEqualTo(CAROL);
        assertThat(json.get("unmanaged_groups")).hasSize(1);
        assertThat(json.get("warnings").isArray()).isTrue();
    }

    @Test
    void jsonPlanWithAProblemStillParsesListsTheProblemAndExitsOne() throws IOException {
        GroupId first = state().createGroup(BOT, "Sales Team");
        state().createGroup(BOT, "Sales Team");

        CliRun run = plan(salesFile().toString(), "--format", "json");

        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("format_version").asInt()).isEqualTo(1);
        assertThat(json.get("changes")).isEmpty();
        assertThat(json.get("problems")).singleElement()
                .satisfies(p -> assertThat(p.get("message").asText()).contains(first.value()));
    }

    @Test
    void markdownMasksNumbersThatAreInNoFile() throws IOException {
        liveSales();

        CliRun run = plan(salesFile().toString(), "--format", "markdown");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).contains("remove").contains("999")
                .doesNotContain(LEAVER).doesNotContain(LEAVER.substring(1)).doesNotContain("2009999")
                .contains(ALICE);
    }

    @Test
    void markdownOfAHugePlanStaysUnderTheCommentLimit() throws IOException {
        StringBuilder yaml = new StringBuilder("bot: \"46700000001\"\ngroups:\n");
        for (int i = 0; i < 3000; i++) {
            yaml.append(String.format("  g%04d:%n    subject: Group %04d%n    admins: [\"+4673%07d\"]%n", i, i, i));
        }
        Path big = file("big.yaml", yaml.toString());

        CliRun run = plan(big.toString(), "--format", "markdown");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out().length()).isLessThanOrEqualTo(60_000);
        assertThat(run.out()).contains("3000 to create").contains("left out");
    }

    @Test
    void aMissingTokenIsAClearOneLineError() throws IOException {
        Path noToken = file("no-token.yaml", "api:\n  baseUrl: " + sim.baseUrl()
                + "\n  token: ${ROSTER_TEST_UNSET_VAR}\n");

        CliRun run = CliRun.of("plan", "--config", noToken.toString(), salesFile().toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no API token");
        assertNoStackTrace(run);
        assertThat(state().stats().totalRequests()).isZero();
    }

    @Test
    void invalidFilesAreReportedBeforeAMissingToken() throws IOException {
        Path noToken = file("no-token.yaml", "api:\n  baseUrl: " + sim.baseUrl()
                + "\n  token: ${ROSTER_TEST_UNSET_VAR}\n");
        Path bad = file("bad.yaml", "bot: \"46700000001\"\ngroups:\n  sales:\n    subject: [\n");

        CliRun run = CliRun.of("apply", "--yes", "--config", noToken.toString(), bad.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(bad + ":").doesNotContain("no API token");
        assertNoStackTrace(run);
        assertThat(state().stats().totalRequests()).isZero();
    }

    @Test
    void anUnreachableApiIsAnErrorWithoutAStackTrace() throws IOException {
        Path files = salesFile();
        sim.close();

        CliRun run = plan(files.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out() + run.err()).contains("could not list");
        assertNoStackTrace(run);
    }

    /**
     * The newcomer's story from the README, in a child JVM whose working directory is a scratch folder: the
     * sandbox keeps its state beside the files, and nothing in the working directory.
     */
    @Test
    @Tag("child-jvm")
    void sandboxPlanApplyPlanEndsWithNoChangesAndThePendingInvitations() throws Exception {
        Path work = dir.resolve("work");
        Path quickstart = work.resolve("quickstart");
        Files.createDirectories(quickstart);
        for (String name : List.of("groups.yaml", ".sandbox.yaml")) {
            Files.copy(Path.of("examples/quickstart").resolve(name), quickstart.resolve(name));
        }

        Child first = child(work, "plan", "quickstart", "--sandbox");
        Child applied = child(work, "apply", "quickstart", "--sandbox", "--yes");
        Child again = child(work, "plan", "quickstart", "--sandbox", "--detailed-exitcode");

        assertThat(first.exitCode()).as(first.output()).isEqualTo(0);
        assertThat(first.output()).contains("Plan: 1 to create, 2 to change");
        assertThat(applied.exitCode()).as(applied.output()).isEqualTo(0);
        assertThat(applied.output()).contains("chat.whatsapp.com");
        assertThat(again.exitCode()).as(again.output()).isEqualTo(0);
        assertThat(again.output()).contains("No changes.").contains("pending").contains("+46732004455");
        assertThat(first.output()).contains("roster: new sandbox in quickstart/.roster, from quickstart/.sandbox.yaml");
        assertThat(applied.output()).doesNotContain("new sandbox");
        assertThat(quickstart.resolve(".roster/sandbox.yaml")).isRegularFile();
        assertThat(quickstart.resolve(".roster/audit.jsonl")).isRegularFile();
        try (var inWork = Files.list(work)) {
            assertThat(inWork.map(p -> p.getFileName().toString())).containsExactly("quickstart");
        }
    }

    @Test
    @Tag("child-jvm")
    void aSandboxPlanSavedWithOutIsAppliedToTheSameSandbox() throws Exception {
        Path work = dir.resolve("work");
        Path quickstart = work.resolve("quickstart");
        Files.createDirectories(quickstart);
        for (String name : List.of("groups.yaml", ".sandbox.yaml")) {
            Files.copy(Path.of("examples/quickstart").resolve(name), quickstart.resolve(name));
        }

        Child planned = child(work, "plan", "quickstart", "--sandbox", "--out", "p.json");
        // the hint is run as printed
        String hint = planned.output().lines().filter(l -> l.contains("apply it with: ")).findFirst().orElseThrow();
        String command = hint.substring(hint.indexOf("apply it with: ") + "apply it with: ".length());
        assertThat(command).isEqualTo("roster apply --plan p.json --sandbox quickstart");
        List<String> words = new ArrayList<>(List.of(command.substring("roster ".length()).split(" ")));
        words.add("--yes");
        Child applied = child(work, words.toArray(String[]::new));
        Child again = child(work, "plan", "quickstart", "--sandbox", "--detailed-exitcode");

        assertThat(planned.exitCode()).as(planned.output()).isEqualTo(0);
        assertThat(applied.exitCode()).as(applied.output()).isEqualTo(0);
        assertThat(applied.output()).doesNotContain("STALE");
        assertThat(again.exitCode()).as(again.output()).isEqualTo(0);
    }

    @Test
    void theOutHintQuotesWhatAShellWouldSplit() {
        assertThat(PlanCommand.shellWord("plans/p.json")).isEqualTo("plans/p.json");
        assertThat(PlanCommand.shellWord("my plans/it's.json")).isEqualTo("'my plans/it'\\''s.json'");
    }

    @Test
    void aSandboxApplyOfASavedPlanNeedsThePathsThatPickTheSandbox() throws IOException {
        CliRun run = CliRun.of("apply", "--sandbox", "--plan", dir.resolve("p.json").toString(), "--yes");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--sandbox").contains("PATH");
        assertNoStackTrace(run);
    }

    /** Debug logs go to the process's stderr, so the run is a child JVM whose whole output is checked. */
    @Test
    @Tag("child-jvm") // left out of mutation testing (pom.xml, profile mutation): a JVM start per mutant
    void theTokenAppearsNowhereInADebugApply() throws Exception {
        String token = "tok-e2e-5f0c9a7d3b1e";
        sim.close();
        sim = Simulator.start(SimulatorConfig.defaults().withBots(BOT).withToken(token));
        settings = CliRun.settingsFor(sim, dir);
        liveSales();

        Child run = child(dir, Main.class, List.of("ROSTER_TEST_TOKEN=" + token),
                "apply", "--config", settings.toString(), salesFile().toString(), "--yes", "--debug");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(0);
        assertThat(run.output()).contains("DEBUG").doesNotContain(token);
        assertThat(Files.readString(dir.resolve("audit.jsonl"))).doesNotContain(token);
        assertThat(state().stats().writes()).isPositive();
    }

    record Child(int exitCode, String output) {}

    static Child child(Path workingDir, String... args) throws Exception {
        return child(workingDir, Main.class, List.of(), args);
    }

    /** Runs {@code main} in a new JVM with the test class path, stdin closed, stdout and stderr merged. */
    static Child child(Path workingDir, Class<?> main, List<String> env, String... args) throws Exception {
        ProcessBuilder builder = ChildJvm.java(List.of("-XX:TieredStopAtLevel=1"), main.getName(), List.of(args))
                .directory(workingDir.toFile()).redirectErrorStream(true);
        builder.environment().remove("SINCH_API_TOKEN");
        builder.environment().put("NO_COLOR", "1");
        for (String variable : env) {
            int eq = variable.indexOf('=');
            builder.environment().put(variable.substring(0, eq), variable.substring(eq + 1));
        }
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
