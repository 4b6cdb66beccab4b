package dev.roster.apply;

import static dev.roster.plan.PlanFixtures.desired;
import static dev.roster.plan.PlanFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.api.ProgressListener;
import dev.roster.api.RetryPolicy;
import dev.roster.api.RunDeadline;
import dev.roster.api.sinch.SinchGroupApi;
import dev.roster.api.sinch.SinchOptions;
import dev.roster.model.BotId;
import dev.roster.model.DesiredState;
import dev.roster.model.GroupId;
import dev.roster.model.Msisdn;
import dev.roster.model.Secret;
import dev.roster.plan.CreateGroup;
import dev.roster.model.GroupSpec;
import dev.roster.plan.Plan;
import dev.roster.plan.PlannerOptions;
import dev.roster.simulator.Simulator;
import dev.roster.simulator.SimulatorConfig;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, finding 3, inside the engine: what a run does when its deadline ({@code api.runTimeout}) passes, over
 * real HTTP to the simulator, with the deadline's clock moved by the test at a chosen point instead of waiting.
 */
class ApplierDeadlineTest {
    static final BotId BOT = BotId.of("447506616260");
    static final String TOKEN = "deadline-test-token-41f0";
    static final String ALICE = "+46732001122";
    static final String BOB = "+46732002244";
    static final int GROUPS = 4;
    static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");

    Simulator sim;
    SinchGroupApi api;
    final List<AuditEntry> audit = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws IOException {
        sim = Simulator.start(SimulatorConfig.defaults().withToken(TOKEN).withBots(BOT));
        api = SinchGroupApi.create(new SinchOptions(sim.baseUrl(), bot -> Secret.of(TOKEN), Duration.ofSeconds(2),
                Duration.ofSeconds(5), RetryPolicy.none()));
        // each live group: an old subject, Alice a member, Bob an admin
        for (int i = 0; i < GROUPS; i++) {
            GroupId id = sim.state().createGroup(BOT, "Old " + i);
            sim.state().join(BOT, id, List.of(Msisdn.parse(ALICE), Msisdn.parse(BOB)));
            sim.state().promote(BOT, id, List.of(Msisdn.parse(BOB)));
        }
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    /** Each group: renamed, Bob demoted, Alice promoted: three changes. */
    static DesiredState desiredState() {
        return desired(IntStream.range(0, GROUPS).mapToObj(i -> spec("team-" + i, "Team " + i)
                .previously("Old " + i).admins(ALICE).members(BOB).build()).toArray(GroupSpec[]::new));
    }

    Reconciler.Planned plan(dev.roster.api.GroupApi through) {
        return new Reconciler(through, 1, new PlannerOptions(false)).plan(desiredState(), ProgressListener.NONE);
    }

    Applier applier(dev.roster.api.GroupApi through, AuditLog log) {
        return new Applier(through, new ApplyOptions(1, 100, false, null), log, Clock.fixed(T0, ZoneOffset.UTC));
    }

    @Test
    void groupsNotReachedBeforeTheRunDeadlineAreNotDoneAndWhatWasWrittenIsAudited() {
        Plan plan = plan(api).plan();
        assertThat(plan.groups()).allSatisfy(g -> assertThat(g.changes()).hasSize(3));
        sim.state().stats().reset();
        MovableClock time = new MovableClock();
        RunDeadline deadline = RunDeadline.after(Duration.ofMinutes(10), time);
        AuditLog log = entry -> {
            audit.add(entry);
            if (audit.size() == 2) {
                time.advance(Duration.ofMinutes(10)); // the deadline passes right after the second write
            }
        };

        ApplyReport report = applier(deadline.bound(api), log).apply(plan, ProgressListener.NONE);

        GroupResult first = report.groups().get(0);
        assertThat(first.outcome()).isEqualTo(GroupResult.Outcome.FAILED);
        assertThat(first.applied()).hasSize(2);
        assertThat(first.message()).startsWith("stopped after 2 of 3 change(s): not done: the run's time limit of 10m "
                + "had passed before");
        assertThat(report.groups().subList(1, GROUPS)).allSatisfy(g -> {
            assertThat(g.outcome()).isEqualTo(GroupResult.Outcome.NOT_DONE);
            assertThat(g.applied()).isEmpty();
            assertThat(g.message()).contains("the run's time limit of 10m had passed");
        });
        assertThat(report.count(GroupResult.Outcome.NOT_DONE)).isEqualTo(GROUPS - 1);
        assertThat(audit).as("one line per write made, none for writes not made").hasSize(2)
                .allSatisfy(e -> assertThat(e.outcome()).isEqualTo("ok"));
        assertThat(sim.state().stats().writes()).isEqualTo(2);

        // the next run, with a deadline of its own, finishes the work
        ApplyReport next = applier(RunDeadline.after(Duration.ofMinutes(10), Clock.systemUTC()).bound(api),
                audit::add).apply(plan(api).plan(), ProgressListener.NONE);
        assertThat(next.hasFailures()).isFalse();
        assertThat(next.changesApplied()).isEqualTo(3 * GROUPS - 2);
        assertThat(plan(api).plan().hasChanges()).isFalse();
        assertThat(sim.state().groups(BOT)).hasSize(GROUPS);
    }

    @Test
    void readsNotMadeBeforeTheRunDeadlineAreOneProblemAndNothingIsCreatedForThem() {
        // the deadline passes while the list call is answered: every group read comes after it
        Clock time = new SupplierClock(() -> sim.state().stats().requests("GET /groups") == 0
                ? T0 : T0.plus(Duration.ofHours(1)));
        RunDeadline deadline = RunDeadline.after(Duration.ofMinutes(10), time);

        Reconciler.Planned planned = plan(deadline.bound(api));

        assertThat(planned.readsCutByDeadline()).isEqualTo(GROUPS);
        assertThat(sim.state().stats().requests("GET /groups/{id}")).isZero();
        assertThat(planned.plan().problems()).filteredOn(p -> p.message().contains("deadline")).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith(GROUPS + " groups were not read before the run's "
                        + "deadline, so they are not planned (the first, group:"));
        assertThat(planned.plan().groups()).allSatisfy(g ->
                assertThat(g.changes()).noneMatch(CreateGroup.class::isInstance));
        assertThat(planned.isComplete()).isFalse();
    }

    /** A clock that moves only when told. */
    static final class MovableClock extends SupplierClock {
        private volatile Instant now = T0;

        MovableClock() {
            super(null);
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** A clock that reads the time from a supplier. */
    static class SupplierClock extends Clock {
        private final Supplier<Instant> now;

        SupplierClock(Supplier<Instant> now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
