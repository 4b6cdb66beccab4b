package dev.roster.apply;

import static dev.roster.plan.PlanFixtures.desired;
import static dev.roster.plan.PlanFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.api.ProgressListener;
import dev.roster.api.RetryPolicy;
import dev.roster.api.sinch.SinchGroupApi;
import dev.roster.api.sinch.SinchOptions;
import dev.roster.model.BotId;
import dev.roster.model.DesiredState;
import dev.roster.model.GroupId;
import dev.roster.model.Msisdn;
import dev.roster.model.Secret;
import dev.roster.plan.PlannerOptions;
import dev.roster.simulator.Simulator;
import dev.roster.simulator.SimulatorConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Applies again and again over HTTP against the simulator, as the daemon does: with a memory, a group's invite link
 * is audited when it is handed out anew (new link, new person, a run that changed the group), not on every apply.
 */
class InviteLinkMemoryTest {
    static final BotId BOT = BotId.of("447506616260");
    static final String TOKEN = "invite-memory-token-1b2c";
    static final String ALICE = "+46732001122";
    static final String BOB = "+46732002244";
    static final String CAROL = "+46732003366";

    Simulator sim;
    SinchGroupApi api;
    GroupId group;
    final List<AuditEntry> audit = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws Exception {
        sim = Simulator.start(SimulatorConfig.defaults().withToken(TOKEN).withBots(BOT));
        api = SinchGroupApi.create(new SinchOptions(sim.baseUrl(), bot -> Secret.of(TOKEN), Duration.ofSeconds(2),
                Duration.ofSeconds(5), RetryPolicy.none()));
        group = sim.state().createGroup(BOT, "Sales Team");
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private DesiredState sales(String... members) {
        return desired(spec("sales", "Sales Team").members(members).build());
    }

    private void apply(DesiredState desired, InviteLinkMemory memory) {
        var planned = new Reconciler(api, 4, new PlannerOptions(false)).plan(desired, ProgressListener.NONE);
        new Applier(api, new ApplyOptions(4, 25, false, null), audit::add, Clock.systemUTC(), memory)
                .apply(planned.plan(), ProgressListener.NONE);
    }

    private List<AuditEntry> inviteLines() {
        return audit.stream().filter(e -> e.action().equals("invite_link")).toList();
    }

    @Test
    void theSameLinkForTheSamePeopleIsAuditedOnce() {
        InviteLinkMemory memory = InviteLinkMemory.create();
        apply(sales(ALICE, BOB), memory);
        apply(sales(ALICE, BOB), memory);
        apply(sales(ALICE, BOB), memory);

        assertThat(inviteLines()).hasSize(1);
        assertThat(inviteLines().get(0).numbers()).containsExactly(Msisdn.parse(ALICE), Msisdn.parse(BOB));
    }

    @Test
    void withoutMemoryEveryApplyAuditsTheLink() {
        apply(sales(ALICE), InviteLinkMemory.none());
        apply(sales(ALICE), InviteLinkMemory.none());

        assertThat(inviteLines()).hasSize(2);
    }

    @Test
    void aRotatedLinkOrANewPendingPersonIsAuditedAgain() {
        InviteLinkMemory memory = InviteLinkMemory.create();
        apply(sales(ALICE), memory);
        sim.state().revokeInvite(BOT, group);
        apply(sales(ALICE), memory);
        apply(sales(ALICE, CAROL), memory);
        apply(sales(CAROL), memory);

        List<AuditEntry> lines = inviteLines();
        assertThat(lines).as("first, rotated, Carol new; Carol alone was handed it already").hasSize(3);
        assertThat(lines.get(0).detail()).isNotEqualTo(lines.get(1).detail());
        assertThat(lines.get(2).numbers()).contains(Msisdn.parse(CAROL));
    }

    @Test
    void aRunThatChangesTheGroupAuditsItsLink() {
        InviteLinkMemory memory = InviteLinkMemory.create();
        apply(sales(ALICE), memory);
        sim.state().setSubjectDirect(BOT, group, "Sales");
        apply(desired(spec("sales", "Sales Team").previously("Sales").members(ALICE).build()), memory);

        assertThat(inviteLines()).hasSize(2);
    }
}
