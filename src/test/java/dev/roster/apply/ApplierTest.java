package dev.roster.apply;

import dev.roster.api.ProgressListener;
import static dev.roster.plan.PlanFixtures.desired;
import static dev.roster.plan.PlanFixtures.liveStates;
import static dev.roster.plan.PlanFixtures.n;
import static dev.roster.plan.PlanFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.api.GroupApi;
import dev.roster.api.RetryPolicy;
import dev.roster.api.RunDeadline;
import dev.roster.api.sinch.SinchGroupApi;
import dev.roster.api.sinch.SinchOptions;
import dev.roster.model.BotId;
import dev.roster.model.DesiredState;
import dev.roster.model.GroupId;
import dev.roster.model.LiveGroup;
import dev.roster.model.Msisdn;
import dev.roster.model.Secret;
import dev.roster.plan.Action;
import dev.roster.plan.GroupPlan;
import dev.roster.plan.Plan;
import dev.roster.plan.Planner;
import dev.roster.plan.PlannerOptions;
import dev.roster.plan.SavedPlan;
import dev.roster.render.PlanFile;
import dev.roster.render.PlanTarget;
import dev.roster.simulator.Simulator;
import dev.roster.simulator.SimulatorConfig;
import dev.roster.simulator.SimulatorState;
import dev.roster.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The applier against the simulator over loopback HTTP, through the real Sinch client: plans made by the
 * {@link Reconciler} from live reads, applied, and checked against the simulator's state and counters.
 */
class ApplierTest {
    static final BotId BOT = BotId.of("447506616260");
    static final String TOKEN = "applier-test-token-7c1e";
    static final String ALICE = "+46732001122";
    static final String BOB = "+46732002244";
    static final String CAROL = "+46732003366";
    static final String DAVE = "+46732004488";
    static final String EVE = "+46732005500";

    @TempDir
    Path dir;

    Simulator sim;
    SinchGroupApi api;
    final List<AuditEntry> audit = Collections.synchronizedList(new ArrayList<>());
    final AuditLog recording = audit::add;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    void start(SimulatorConfig config) throws IOException {
        sim = Simulator.start(config.withToken(TOKEN).withBots(BOT));
        api = SinchGroupApi.create(new SinchOptions(sim.baseUrl(), bot -> Secret.of(TOKEN), Duration.ofSeconds(2),
                Duration.ofSeconds(5), RetryPolicy.none()));
    }

    void start() throws IOException {
        start(SimulatorConfig.defaults());
    }

    SimulatorState state() {
        return sim.state();
    }

    /** A live group of {@link #BOT} made directly in the simulator, with these people joined and promoted. */
    GroupId group(String subject, List<String> admins, List<String> members) {
        GroupId id = state().createGroup(BOT, subject);
        List<Msisdn> all = new ArrayList<>();
        admins.forEach(a -> all.add(n(a)));
        members.forEach(m -> all.add(n(m)));
        if (!all.isEmpty()) {
            state().join(BOT, id, all);
        }
        if (!admins.isEmpty()) {
            state().promote(BOT, id, admins.stream().map(Msisdn::parse).toList());
        }
        return id;
    }

    Plan plan(DesiredState desired, boolean prune) {
        Reconciler.Planned planned = new Reconciler(api, 4, new PlannerOptions(prune)).plan(desired, ProgressListener.NONE);
        assertThat(planned.readFailures()).isEmpty();
        assertThat(planned.plan().problems()).isEmpty();
        return planned.plan();
    }

    Plan plan(DesiredState desired) {
        return plan(desired, false);
    }

    Applier applier(int maxRemovalPercent, boolean prune, AuditLog log) {
        return new Applier(api, new ApplyOptions(4, maxRemovalPercent, prune, null), log,
                Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));
    }

    ApplyReport apply(Plan plan) {
        return applier(100, false, recording).apply(plan, ProgressListener.NONE);
    }

    LiveGroup live(GroupId id) {
        return state().group(BOT, id).orElseThrow();
    }

    GroupResult result(ApplyReport report, String key) {
        return report.groups().stream().filter(g -> key.equals(g.key())).findFirst().orElseThrow();
    }

    long groupsWithSubject(String subject) {
        return state().groups(BOT).stream().filter(g -> g.subject().equals(subject)).count();
    }

    List<String> actionsOf(String key) {
        synchronized (audit) {
            return audit.stream().filter(e -> key.equals(e.groupKey())).map(AuditEntry::action).toList();
        }
    }

    /** Sales gets a rename, removals, a demotion and a promotion; a new group is created. */
    DesiredState salesAndNewGroup() {
        return desired(
                spec("sales", "Sales Team").previously("Sales").admins(ALICE, BOB).members(CAROL).build(),
                spec("board", "Board").admins(ALICE).build());
    }

    @Test
    void planThenApplyThenPlanIsEmpty() throws IOException {
        start();
        GroupId sales = group("Sales", List.of(ALICE, DAVE), List.of(BOB, EVE));

        ApplyReport report = apply(plan(salesAndNewGroup()));

        assertThat(report.hasFailures()).isFalse();
        assertThat(result(report, "sales").outcome()).isEqualTo(GroupResult.Outcome.APPLIED);
        assertThat(result(report, "board").outcome()).isEqualTo(GroupResult.Outcome.APPLIED);
        LiveGroup after = live(sales);
        assertThat(after.subject()).isEqualTo("Sales Team");
        assertThat(after.participants()).containsExactlyInAnyOrder(n(BOT.value()), n(ALICE), n(BOB));
        assertThat(after.admins()).containsExactlyInAnyOrder(n(BOT.value()), n(ALICE), n(BOB));
        assertThat(groupsWithSubject("Board")).isEqualTo(1);

        Plan again = plan(salesAndNewGroup());
        assertThat(again.hasChanges()).isFalse();
        assertThat(again.groups()).filteredOn(g -> g.key().equals("sales"))
                .singleElement().satisfies(g -> assertThat(g.pending()).containsExactly(n(CAROL)));
    }

    @Test
    void secondApplyMakesNoWrites() throws IOException {
        start();
        group("Sales", List.of(ALICE, DAVE), List.of(BOB, EVE));
        apply(plan(salesAndNewGroup()));
        state().stats().reset();

        ApplyReport second = apply(plan(salesAndNewGroup()));

        assertThat(second.changesApplied()).isZero();
        assertThat(second.hasFailures()).isFalse();
        assertThat(state().stats().writes()).isZero();
        assertThat(state().stats().totalRequests()).isPositive();
    }

    @Test
    void changesInsideAGroupRunInDesignOrder() throws IOException {
        start();
        group("Sales", List.of(DAVE), List.of(ALICE, EVE));

        ApplyReport report = apply(plan(desired(
                spec("sales", "Sales Team").previously("Sales").admins(ALICE).members(DAVE).build())));

        assertThat(report.hasFailures()).isFalse();
        assertThat(actionsOf("sales")).containsExactly("set_subject", "remove_admins", "rotate_invite",
                "remove_members", "add_admins");
        assertThat(result(report, "sales").applied()).extracting(c -> c.action())
                .containsExactly(Action.SET_SUBJECT, Action.REMOVE_ADMINS, Action.ROTATE_INVITE,
                        Action.REMOVE_MEMBERS, Action.ADD_ADMINS);
    }

    @Test
    void inviteLinkIsRotatedBeforeRemovalsSoRemovedPeopleCannotRejoin() throws IOException {
        start();
        GroupId sales = group("Sales Team", List.of(), List.of(ALICE, BOB, CAROL, DAVE));
        String oldLink = state().inviteLink(BOT, sales);

        ApplyReport report = apply(plan(desired(spec("sales", "Sales Team").members(ALICE, BOB, CAROL, EVE).build())));

        assertThat(report.hasFailures()).isFalse();
        assertThat(actionsOf("sales")).containsExactly("rotate_invite", "remove_members", "invite_link");
        assertThat(live(sales).participants()).doesNotContain(n(DAVE));
        String newLink = state().inviteLink(BOT, sales);
        assertThat(newLink).isNotEqualTo(oldLink);
        assertThat(result(report, "sales").inviteLink()).as("pending people get the new link").hasToString(newLink);
    }

    @Test
    void removalGuardRefusesAGroupWholeAndAppliesTheOthers() throws IOException {
        start();
        GroupId big = group("Big", List.of(), List.of(ALICE, BOB, CAROL));
        GroupId small = group("Small", List.of(), List.of(ALICE));
        Plan plan = plan(desired(
                spec("big", "Big Renamed").previously("Big").members(ALICE).build(),
                spec("small", "Small Renamed").previously("Small").members(ALICE).build()));
        state().stats().reset();

        ApplyReport report = applier(25, false, recording).apply(plan, ProgressListener.NONE);

        GroupResult refused = result(report, "big");
        assertThat(refused.outcome()).isEqualTo(GroupResult.Outcome.REFUSED);
        assertThat(refused.message()).contains("removes 2 of 4 participants").contains("reconcile.maxRemovalPercent");
        assertThat(refused.applied()).isEmpty();
        assertThat(live(big).subject()).isEqualTo("Big");
        assertThat(live(big).participants()).hasSize(4);
        assertThat(result(report, "small").outcome()).isEqualTo(GroupResult.Outcome.APPLIED);
        assertThat(live(small).subject()).isEqualTo("Small Renamed");
        assertThat(state().stats().writes()).isEqualTo(1);
        assertThat(report.hasFailures()).isTrue();
        assertThat(audit).filteredOn(e -> "big".equals(e.groupKey())).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("remove_members");
            assertThat(e.outcome()).isEqualTo("refused");
            assertThat(e.numbers()).containsExactly(n(BOB), n(CAROL));
            assertThat(e.error()).contains("reconcile.maxRemovalPercent");
        });
    }

    @Test
    void anUnmanagedGroupIsLeftOnlyWithPrune() throws IOException {
        start();
        GroupId old = group("Old Project", List.of(), List.of(ALICE));
        DesiredState none = desired(spec("sales", "Sales Team").build());

        assertThat(plan(none, false).changedGroups()).extracting(GroupPlan::key).containsExactly("sales");
        Plan pruning = plan(none, true);
        assertThat(pruning.groups()).anyMatch(GroupPlan::isLeave);

        ApplyReport withoutPrune = applier(100, false, recording).apply(pruning, ProgressListener.NONE);
        assertThat(withoutPrune.groups()).filteredOn(g -> old.equals(g.groupId()))
                .singleElement().satisfies(g -> {
                    assertThat(g.outcome()).isEqualTo(GroupResult.Outcome.REFUSED);
                    assertThat(g.message()).contains("reconcile.prune");
                });
        assertThat(state().groupIds(BOT)).contains(old);
        assertThat(audit).filteredOn(e -> old.value().equals(e.groupId())).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("leave_group");
            assertThat(e.outcome()).isEqualTo("refused");
        });

        ApplyReport withPrune = applier(100, true, recording).apply(plan(none, true), ProgressListener.NONE);
        assertThat(withPrune.hasFailures()).isFalse();
        assertThat(state().groupIds(BOT)).doesNotContain(old);
    }

    @Test
    void aFailingGroupDoesNotStopTheOthers() throws IOException {
        start();
        GroupId gone = group("Gone", List.of(), List.of(ALICE, BOB));
        GroupId kept = group("Kept", List.of(), List.of(ALICE, BOB));
        Plan plan = plan(desired(
                spec("gone", "Gone Renamed").previously("Gone").members(ALICE, BOB).build(),
                spec("kept", "Kept Renamed").previously("Kept").members(ALICE, BOB).build()));
        state().leave(BOT, gone); // deleted behind roster's back between plan and apply

        ApplyReport report = apply(plan);

        GroupResult failed = result(report, "gone");
        assertThat(failed.outcome()).isEqualTo(GroupResult.Outcome.FAILED);
        assertThat(failed.message()).isNotBlank();
        assertThat(result(report, "kept").outcome()).isEqualTo(GroupResult.Outcome.APPLIED);
        assertThat(live(kept).subject()).isEqualTo("Kept Renamed");
        assertThat(report.hasFailures()).isTrue();
        assertThat(audit).filteredOn(e -> "gone".equals(e.groupKey())).singleElement()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo("failed"));
    }

    @Test
    void aCreateWhoseAnswerWasLostIsAdoptedNotDuplicated() throws IOException {
        start(SimulatorConfig.defaults().withFailAfterRate(1.0));
        DesiredState wanted = desired(spec("board", "Board").admins(ALICE).build());

        ApplyReport report = apply(plan(wanted));

        assertThat(state().stats().requests("POST /groups")).isEqualTo(1);
        assertThat(groupsWithSubject("Board")).isEqualTo(1);
        GroupResult board = result(report, "board");
        assertThat(board.outcome()).isEqualTo(GroupResult.Outcome.APPLIED);
        assertThat(board.groupId()).isEqualTo(state().groupIds(BOT).get(0));
        assertThat(audit).filteredOn(e -> e.action().equals("create_group")).singleElement()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo("adopted"));

        ApplyReport rerun = apply(plan(wanted));

        assertThat(rerun.changesApplied()).isZero();
        assertThat(state().stats().requests("POST /groups")).isEqualTo(1);
        assertThat(groupsWithSubject("Board")).isEqualTo(1);
    }

    @Test
    void aFailedCreateIsNotRetriedBlindly() throws IOException {
        start(SimulatorConfig.defaults().withFailRate(1.0));
        api = SinchGroupApi.create(new SinchOptions(sim.baseUrl(), bot -> Secret.of(TOKEN), Duration.ofSeconds(2),
                Duration.ofSeconds(5), new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofSeconds(5))));
        Plan plan = Planner.plan(desired(spec("board", "Board").build()), liveStates().bot(BOT, List.of()).build(),
                PlannerOptions.defaults());

        ApplyReport report = apply(plan);

        GroupResult board = result(report, "board");
        assertThat(board.outcome()).isEqualTo(GroupResult.Outcome.FAILED);
        assertThat(board.groupId()).isNull();
        assertThat(state().stats().requests("POST /groups")).isEqualTo(1);
        assertThat(state().stats().requests("GET /groups")).as("the look for an adoptable group is retried")
                .isEqualTo(3);
        assertThat(state().groupIds(BOT)).isEmpty();
        assertThat(audit).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("create_group");
            assertThat(e.outcome()).isEqualTo("failed");
            assertThat(e.error()).isNotBlank();
        });
    }

    @Test
    void pendingPeopleGetTheInviteLinkInTheReportAndTheAuditLog() throws IOException {
        start();
        GroupId sales = group("Sales Team", List.of(), List.of(ALICE));

        ApplyReport report = apply(plan(desired(spec("sales", "Sales Team").admins(BOB).members(ALICE, CAROL).build())));

        GroupResult g = result(report, "sales");
        assertThat(g.outcome()).isEqualTo(GroupResult.Outcome.UNCHANGED);
        assertThat(g.pending()).containsExactly(n(BOB), n(CAROL));
        String link = state().inviteLink(BOT, sales);
        assertThat(g.inviteLink()).hasToString(link);
        assertThat(audit).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("invite_link");
            assertThat(e.numbers()).containsExactly(n(BOB), n(CAROL));
            assertThat(e.detail()).isEqualTo(link);
            assertThat(e.groupId()).isEqualTo(sales.value());
        });
        assertThat(state().stats().writes()).isZero();
    }

    @Test
    void auditLinesHoldEveryFieldAndNeverTheToken() throws IOException {
        start();
        GroupId sales = group("Sales", List.of(), List.of(ALICE, BOB, CAROL));
        Path file = dir.resolve("var/audit.jsonl");

        try (JsonlAuditLog log = new JsonlAuditLog(file)) {
            applier(100, false, log).apply(plan(desired(
                    spec("sales", "Sales Team").previously("Sales").members(ALICE, BOB).admins(DAVE).build())), ProgressListener.NONE);
        }

        String text = Files.readString(file);
        assertThat(text).doesNotContain(TOKEN);
        List<JsonNode> lines = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : text.split("\n")) {
            lines.add(json.readTree(line));
        }
        assertThat(lines).extracting(l -> l.get("action").asText())
                .containsExactly("set_subject", "rotate_invite", "remove_members", "invite_link");
        for (JsonNode line : lines) {
            assertThat(line.fieldNames()).toIterable()
                    .contains("time", "bot", "group", "group_id", "action", "numbers", "outcome", "error");
            assertThat(line.get("time").asText()).isEqualTo("2026-01-02T03:04:05Z");
            assertThat(line.get("bot").asText()).isEqualTo(BOT.value());
            assertThat(line.get("group").asText()).isEqualTo("sales");
            assertThat(line.get("group_id").asText()).isEqualTo(sales.value());
            assertThat(line.get("outcome").asText()).isEqualTo("ok");
            assertThat(line.get("error").isNull()).isTrue();
        }
        assertThat(lines.get(2).get("numbers")).hasSize(1);
        assertThat(lines.get(2).get("numbers").get(0).asText()).isEqualTo(CAROL);
        assertThat(lines.get(3).get("numbers").get(0).asText()).isEqualTo(DAVE);
        assertThat(lines.get(3).get("detail").asText()).startsWith("https://chat.whatsapp.com/");
    }

    @Test
    void aSavedPlanRefusesAGroupThatChangedSincePlanningAndAppliesTheOthers() throws IOException {
        start();
        GroupId drifted = group("Drifted", List.of(), List.of(ALICE, BOB));
        GroupId steady = group("Steady", List.of(), List.of(ALICE, BOB));
        Plan plan = plan(desired(
                spec("drifted", "Drifted Renamed").previously("Drifted").members(ALICE, BOB).build(),
                spec("steady", "Steady Renamed").previously("Steady").members(ALICE, BOB).build()));
        SavedPlan saved = roundTrip(plan);
        state().join(BOT, drifted, List.of(n(CAROL))); // someone joined after the plan was made

        ApplyReport report = applier(100, false, recording).applySaved(saved, ProgressListener.NONE);

        GroupResult stale = result(report, "drifted");
        assertThat(stale.outcome()).isEqualTo(GroupResult.Outcome.STALE);
        assertThat(stale.message()).contains("stale plan");
        assertThat(live(drifted).subject()).isEqualTo("Drifted");
        assertThat(result(report, "steady").outcome()).isEqualTo(GroupResult.Outcome.APPLIED);
        assertThat(live(steady).subject()).isEqualTo("Steady Renamed");
        assertThat(report.hasFailures()).isTrue();
    }

    @Test
    void aSavedCreateIsRefusedWhenAGroupWithThatSubjectAppearedMeanwhile() throws IOException {
        start();
        group("Sales", List.of(), List.of(ALICE));
        SavedPlan saved = roundTrip(plan(desired(
                spec("sales", "Sales").members(ALICE).build(),
                spec("board", "Board").build())));
        GroupId appeared = state().createGroup(BOT, "Board");
        state().stats().reset();

        ApplyReport report = applier(100, false, recording).applySaved(saved, ProgressListener.NONE);

        GroupResult board = result(report, "board");
        assertThat(board.outcome()).isEqualTo(GroupResult.Outcome.STALE);
        assertThat(board.message()).contains(appeared.value());
        assertThat(groupsWithSubject("Board")).isEqualTo(1);
        assertThat(state().stats().requests("POST /groups")).isZero();
    }

    @Test
    void aSavedGroupWithOnlyPendingPeopleIsNotStaleWhenOneOfThemJoined() throws IOException {
        start();
        GroupId sales = group("Sales Team", List.of(), List.of(ALICE));
        SavedPlan saved = roundTrip(plan(desired(
                spec("sales", "Sales Team").members(ALICE, BOB, CAROL).build())));
        state().join(BOT, sales, List.of(n(BOB))); // accepted the invitation after the plan was made

        ApplyReport report = applier(100, false, recording).applySaved(saved, ProgressListener.NONE);

        GroupResult g = result(report, "sales");
        assertThat(g.outcome()).isEqualTo(GroupResult.Outcome.UNCHANGED);
        assertThat(report.hasFailures()).isFalse();
        assertThat(g.inviteLink()).hasToString(state().inviteLink(BOT, sales));
        assertThat(g.pending()).containsExactly(n(CAROL));
        assertThat(audit).singleElement().satisfies(e -> assertThat(e.numbers()).containsExactly(n(CAROL)));
    }

    @Test
    void aSavedPlanAppliesWhenNothingChanged() throws IOException {
        start();
        GroupId sales = group("Sales", List.of(), List.of(ALICE, BOB));
        SavedPlan saved = roundTrip(plan(salesAndNewGroup()));

        ApplyReport report = applier(100, false, recording).applySaved(saved, ProgressListener.NONE);

        assertThat(report.hasFailures()).isFalse();
        assertThat(live(sales).subject()).isEqualTo("Sales Team");
        assertThat(groupsWithSubject("Board")).isEqualTo(1);
        assertThat(plan(salesAndNewGroup()).hasChanges()).isFalse();
    }

    Applier applier(GroupApi through, AuditLog log) {
        return new Applier(through, new ApplyOptions(4, 100, false, null), log,
                Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));
    }

    /** A run deadline of 10 minutes on {@code clock}. */
    static RunDeadline tenMinutes(MutableClock clock) {
        return RunDeadline.after(Duration.ofMinutes(10), clock);
    }

    @Test
    void aSavedGroupDeletedSincePlanningIsStaleAndNothingIsWritten() throws IOException {
        start();
        GroupId sales = group("Sales", List.of(), List.of(ALICE));
        SavedPlan saved = roundTrip(plan(desired(spec("sales", "Sales Team").previously("Sales").members(ALICE)
                .build())));
        state().leave(BOT, sales);
        state().stats().reset();

        ApplyReport report = applier(100, false, recording).applySaved(saved, ProgressListener.NONE);

        GroupResult g = result(report, "sales");
        assertThat(g.outcome()).isEqualTo(GroupResult.Outcome.STALE);
        assertThat(g.message()).isEqualTo("stale plan: group " + sales + " no longer exists; plan again");
        assertThat(state().stats().writes()).isZero();
        assertThat(audit).isEmpty();
    }

    @Test
    void aSavedGroupThatCannotBeReadAgainFailsWithoutWriting() throws IOException {
        start();
        AtomicReference<String> token = new AtomicReference<>(TOKEN);
        api = SinchGroupApi.create(new SinchOptions(sim.baseUrl(), bot -> Secret.of(token.get()),
                Duration.ofSeconds(2), Duration.ofSeconds(5), RetryPolicy.none()));
        group("Sales", List.of(), List.of(ALICE));
        SavedPlan saved = roundTrip(plan(desired(spec("sales", "Sales Team").previously("Sales").members(ALICE)
                .build())));
        token.set("revoked-since-planning");
        state().stats().reset();

        ApplyReport report = applier(100, false, recording).applySaved(saved, ProgressListener.NONE);

        GroupResult g = result(report, "sales");
        assertThat(g.outcome()).isEqualTo(GroupResult.Outcome.FAILED);
        assertThat(g.message()).startsWith("could not re-read the group: ").contains("401");
        assertThat(g.applied()).isEmpty();
        assertThat(state().stats().writes()).isZero();
        assertThat(audit).isEmpty();
    }

    @Test
    void aSavedPlanAppliedAfterTheRunDeadlineMakesNoCallAndIsNotDone() throws IOException {
        start();
        group("Sales", List.of(), List.of(ALICE));
        group("Board", List.of(), List.of(ALICE));
        SavedPlan saved = roundTrip(plan(desired(
                spec("sales", "Sales Team").previously("Sales").members(ALICE).build(),
                spec("board", "Board").members(ALICE, BOB).build())));
        MutableClock clock = new MutableClock(Instant.parse("2026-01-02T03:00:00Z"));
        RunDeadline deadline = tenMinutes(clock);
        clock.advance(Duration.ofMinutes(11));
        state().stats().reset();

        ApplyReport report = applier(deadline.bound(api), recording).applySaved(saved, ProgressListener.NONE);

        assertThat(report.groups()).hasSize(2).allSatisfy(g -> {
            assertThat(g.outcome()).isEqualTo(GroupResult.Outcome.NOT_DONE);
            assertThat(g.message()).contains("the run's time limit of 10m had passed");
        });
        assertThat(state().stats().totalRequests()).isZero();
        assertThat(audit).isEmpty();
    }

    @Test
    void pendingPeopleWhoseInviteLinkWasNotReadBeforeTheDeadlineLeaveTheGroupNotDoneOrFailed() throws IOException {
        start();
        group("Sales", List.of(), List.of(ALICE));
        group("Board", List.of(), List.of(ALICE));
        Plan plan = plan(desired(
                spec("sales", "Sales Team").previously("Sales").members(ALICE, BOB).build(),
                spec("board", "Board").members(ALICE, BOB).build()));
        MutableClock clock = new MutableClock(Instant.parse("2026-01-02T03:00:00Z"));
        RunDeadline deadline = tenMinutes(clock);
        AuditLog passesAfterTheRename = entry -> {
            audit.add(entry);
            clock.advance(Duration.ofMinutes(11));
        };

        ApplyReport report = new Applier(deadline.bound(api), new ApplyOptions(1, 100, false, null),
                passesAfterTheRename, Clock.systemUTC()).apply(plan, ProgressListener.NONE);

        GroupResult sales = result(report, "sales");
        assertThat(sales.outcome()).as("renamed, then no link").isEqualTo(GroupResult.Outcome.FAILED);
        assertThat(sales.applied()).hasSize(1);
        assertThat(sales.message()).startsWith("could not read the invite link: ")
                .contains("the run's time limit of 10m had passed");
        GroupResult board = result(report, "board");
        assertThat(board.outcome()).as("nothing written for it").isEqualTo(GroupResult.Outcome.NOT_DONE);
        assertThat(board.inviteLink()).isNull();
        assertThat(actionsOf("sales")).containsExactly("set_subject");
        assertThat(actionsOf("board")).isEmpty();
    }

    @Test
    void anAuditLineThatCannotBeWrittenFailsTheGroupAndSaysWhy() throws IOException {
        start();
        GroupId sales = group("Sales", List.of(), List.of(ALICE));
        Plan plan = plan(desired(spec("sales", "Sales Team").previously("Sales").members(ALICE).build()));
        JsonlAuditLog closed = new JsonlAuditLog(dir.resolve("audit.jsonl"));
        closed.close();

        ApplyReport report = applier(100, false, closed).apply(plan, ProgressListener.NONE);

        GroupResult g = result(report, "sales");
        assertThat(g.outcome()).isEqualTo(GroupResult.Outcome.FAILED);
        assertThat(g.message()).startsWith("unexpected UncheckedIOException: cannot write audit log: ");
        assertThat(live(sales).subject()).as("the write itself was made").isEqualTo("Sales Team");
    }

    @Test
    void anApplyInterruptedWhileWaitingReportsTheGroupsAsInterruptedAndKeepsTheInterrupt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (ScriptedServer server = new ScriptedServer(call -> {
            try {
                release.await(3, TimeUnit.SECONDS); // bounded: a wrong applier that waits gets an answer and fails
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ScriptedServer.Answer.status(503);
        })) {
            GroupApi held = SinchGroupApi.create(new SinchOptions(server.baseUrl(), bot -> Secret.of(TOKEN),
                    Duration.ofSeconds(2), Duration.ofSeconds(30), RetryPolicy.none()));
            Plan plan = Planner.plan(desired(spec("board", "Board").build(), spec("council", "Council").build()),
                    liveStates().bot(BOT, List.of()).build(), PlannerOptions.defaults());

            Thread.currentThread().interrupt();
            ApplyReport report;
            boolean stillInterrupted;
            try {
                report = applier(held, recording).apply(plan, ProgressListener.NONE);
            } finally {
                stillInterrupted = Thread.interrupted();
                release.countDown();
            }

            assertThat(stillInterrupted).as("the caller's interrupt is kept").isTrue();
            assertThat(report.groups()).hasSize(2).allSatisfy(g -> {
                assertThat(g.outcome()).isEqualTo(GroupResult.Outcome.FAILED);
                assertThat(g.message()).isEqualTo("interrupted");
                assertThat(g.applied()).isEmpty();
            });
        }
    }

    /** The plan as `apply --plan` reads it back after `plan --out` saved it. */
    private static SavedPlan roundTrip(Plan plan) {
        PlanTarget target = PlanTarget.sandbox();
        Function<BotId, Secret> tokens = bot -> Secret.of(TOKEN);
        return PlanFile.read(PlanFile.write(plan, target, tokens), target, tokens, 25);
    }
}
