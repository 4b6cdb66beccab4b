package dev.roster.plan;

import static dev.roster.plan.PlanFixtures.desired;
import static dev.roster.plan.PlanFixtures.live;
import static dev.roster.plan.PlanFixtures.liveState;
import static dev.roster.plan.PlanFixtures.n;
import static dev.roster.plan.PlanFixtures.numbers;
import static dev.roster.plan.PlanFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.model.BotId;
import dev.roster.model.Capabilities;
import dev.roster.model.DesiredState;
import dev.roster.model.GroupId;
import dev.roster.model.JoinApproval;
import dev.roster.model.JoinRequest;
import dev.roster.model.LiveGroup;
import dev.roster.model.LiveState;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Planning for a provider with the Cloud API's capabilities: the plan follows the capability set. */
class CloudPlannerTest {
    /** A business phone-number id: opaque, though it reads like a number. */
    static final BotId CLOUD = BotId.of("46700000001");
    static final String A = "+46732001122";
    static final String B = "+46732002244";
    static final String C = "+46732003366";
    static final String STRANGER = "+46732009999";
    static final String G1 = "120363000000000001";
    static final String G2 = "120363000000000002";
    static final String G3 = "120363000000000003";

    static PlannerOptions cloud(boolean prune, boolean pruneDeletes, boolean sendInvites) {
        return new PlannerOptions(prune, RemovalGuard.NONE, bot -> Capabilities.cloud(8), pruneDeletes, sendInvites);
    }

    static PlannerOptions cloud() {
        return cloud(false, false, false);
    }

    static Plan plan(DesiredState desired, LiveState live, PlannerOptions options) {
        return Planner.plan(desired, live, options);
    }

    static Plan plan(DesiredState desired, LiveGroup... live) {
        return plan(desired, liveState(CLOUD, live), cloud());
    }

    static GroupPlan only(Plan plan) {
        assertThat(plan.groups()).hasSize(1);
        return plan.groups().get(0);
    }

    @Test
    void cloudRemovalNeedsNoInviteRotation() {
        GroupPlan g = only(plan(desired(spec("sales", "Sales").bot(CLOUD).members(A).build()),
                live(G1, "Sales").cloud().members(A, STRANGER).build()));

        assertThat(g.changes()).containsExactly(new RemoveMembers(new TreeSet<>(numbers(STRANGER)), true));
        assertThat(g.change(RemoveMembers.class)).hasValueSatisfying(r -> assertThat(r.permanent()).isTrue());
    }

    @Test
    void sinchRemovalStaysRotatedFirstAndNotPermanent() {
        Plan plan = PlanFixtures.plan(desired(spec("sales", "Sales").members(A).build()),
                liveState(live(G1, "Sales").members(A, STRANGER).build()));

        assertThat(only(plan).changes()).containsExactly(new RotateInvite(),
                new RemoveMembers(new TreeSet<>(numbers(STRANGER))));
    }

    @Test
    void aCloudBotIdIsNeverTakenForAParticipant() {
        // the phone-number id reads as +46700000001; on the Cloud API that is not the bot, so such a person is
        // removed like anyone undeclared, and the id is no declared number
        Plan plan = plan(desired(spec("sales", "Sales").bot(CLOUD).members(A).build()),
                live(G1, "Sales").cloud().members(A, "+46700000001").build());

        assertThat(only(plan).change(RemoveMembers.class)).hasValueSatisfying(
                r -> assertThat(r.numbers()).containsExactly(n("+46700000001")));
        assertThat(plan.declaredNumbers()).containsExactly(n(A));
    }

    @Test
    void noAdminChangesWhereTheProviderHasNoAdmins() {
        GroupPlan g = only(plan(desired(spec("sales", "Sales").bot(CLOUD).admins(A, C).members(B).build()),
                live(G1, "Sales").cloud().members(A, B).admins(B).creator(null).build()));

        assertThat(g.changes()).isEmpty();
        assertThat(g.pending()).containsExactly(n(C));
        assertThat(g.pendingAdmins()).isEmpty();
    }

    @Test
    void aDeclaredDescriptionThatDiffersIsSetAndNoneLiveCountsAsEmpty() {
        Plan differs = plan(desired(spec("sales", "Sales").bot(CLOUD).description("Deals\nand leads").build()),
                live(G1, "Sales").cloud().description("Deals").build());
        Plan none = plan(desired(spec("sales", "Sales").bot(CLOUD).description("Deals").build()),
                live(G1, "Sales").cloud().build());
        Plan same = plan(desired(spec("sales", "Sales").bot(CLOUD).description("Deals").build()),
                live(G1, "Sales").cloud().description("Deals").build());
        Plan undeclared = plan(desired(spec("sales", "Sales").bot(CLOUD).build()),
                live(G1, "Sales").cloud().description("Deals").build());

        assertThat(only(differs).changes()).containsExactly(new SetDescription("Deals", "Deals\nand leads"));
        assertThat(only(none).changes()).containsExactly(new SetDescription("", "Deals"));
        assertThat(only(same).changes()).isEmpty();
        assertThat(only(undeclared).changes()).isEmpty();
    }

    @Test
    void aJoinApprovalThatDiffersIsAWarningThatSaysWhatToDo() {
        Plan plan = plan(desired(spec("sales", "Sales").bot(CLOUD).joinApproval(JoinApproval.REQUIRED).build()),
                live(G1, "Sales").cloud().joinApproval(JoinApproval.AUTO).build());

        assertThat(only(plan).changes()).isEmpty();
        assertThat(plan.warnings()).singleElement().satisfies(w -> assertThat(w)
                .contains("group sales: joinApproval is declared as required, but the live group has auto")
                .contains("cannot change it once a group exists")
                .contains("declare `joinApproval: auto` to match")
                .contains("declare a new group"));
    }

    @Test
    void declaredJoinRequestIsApprovedAndThePersonStaysPendingUntilIn() {
        GroupPlan g = only(plan(desired(spec("sales", "Sales").bot(CLOUD).members(A, C).build()),
                live(G1, "Sales").cloud().members(A).joinRequest("jr-7", C).build()));

        assertThat(g.changes()).containsExactly(new ApproveJoinRequests(List.of(new JoinRequest("jr-7", n(C)))));
        assertThat(g.pending()).containsExactly(n(C));
    }

    @Test
    void strangersRequestIsRejectedOnlyWhenExact() {
        LiveGroup live = live(G1, "Sales").cloud().members(A).joinRequest("jr-1", STRANGER).joinRequest("jr-2", C)
                .build();

        GroupPlan exact = only(plan(desired(spec("sales", "Sales").bot(CLOUD).members(A, C).build()), live));
        GroupPlan additive = only(plan(desired(spec("sales", "Sales").bot(CLOUD).members(A, C).additive().build()),
                live));

        assertThat(exact.changes()).containsExactly(
                new RejectJoinRequests(List.of(new JoinRequest("jr-1", n(STRANGER)))),
                new ApproveJoinRequests(List.of(new JoinRequest("jr-2", n(C)))));
        assertThat(additive.changes()).containsExactly(
                new ApproveJoinRequests(List.of(new JoinRequest("jr-2", n(C)))));
    }

    @Test
    void suspendedGroupGetsNoWrites() {
        Plan plan = plan(desired(spec("sales", "Sales Team").previously("Sales").bot(CLOUD).members(A, C)
                        .description("New").build()),
                live(G1, "Sales").cloud().members(STRANGER).description("Old").joinRequest("jr-1", A).suspended()
                        .build());

        GroupPlan g = only(plan);
        assertThat(g.isSuspended()).isTrue();
        assertThat(g.changes()).isEmpty();
        assertThat(g.pending()).containsExactly(n(A), n(C));
        assertThat(plan.hasChanges()).isFalse();
        assertThat(plan.summary().suspended()).isEqualTo(1);
    }

    @Test
    void pruneOnCloudDeletesOnlyWithPruneDeletes() {
        DesiredState desired = desired(spec("sales", "Sales").bot(CLOUD).build());
        LiveState live = liveState(CLOUD, live(G1, "Sales").cloud().build(), live(G2, "Old").cloud().members(A).build(),
                live(G3, "Older").cloud().build());

        Plan reported = plan(desired, live, cloud(true, false, false));
        Plan deleted = plan(desired, live, cloud(true, true, false));

        assertThat(reported.groups()).extracting(GroupPlan::key).containsExactly("sales");
        assertThat(reported.unmanaged()).allSatisfy(u -> {
            assertThat(u.pruned()).isFalse();
            assertThat(u.kept()).isEqualTo("prune cannot leave groups on provider cloud; reconcile.pruneDeletes is off");
        });
        assertThat(reported.warnings()).containsExactly("bot 46700000001: prune cannot leave groups on provider cloud "
                + "(it has no leave), so 2 unmanaged groups are only reported; reconcile.pruneDeletes: true would "
                + "delete them instead, which removes everyone from them");
        assertThat(deleted.groups()).filteredOn(g -> g.key() == null).extracting(GroupPlan::groupId, GroupPlan::changes)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(GroupId.of(G2), List.of(new DeleteGroup())),
                        org.assertj.core.groups.Tuple.tuple(GroupId.of(G3), List.of(new DeleteGroup())));
        assertThat(deleted.unmanaged()).allSatisfy(u -> assertThat(u.delete()).isTrue());
        assertThat(deleted.warnings()).isEmpty();
        assertThat(deleted.summary().toDelete()).isEqualTo(2);
        assertThat(deleted.summary().toChange()).isZero();
        assertThat(deleted.summary().line()).startsWith("Plan: 0 to create, 0 to change, 0 to leave, 2 to delete;");
    }

    @Test
    void aSuspendedUnmanagedGroupIsNeverDeleted() {
        Plan plan = plan(desired(), liveState(CLOUD, live(G2, "Old").cloud().suspended().build()),
                cloud(true, true, false));

        assertThat(plan.groups()).isEmpty();
        assertThat(plan.unmanaged()).singleElement().satisfies(u -> {
            assertThat(u.pruned()).isFalse();
            assertThat(u.kept()).contains("suspended");
        });
    }

    @Test
    void aGroupToCreateLikeAnUnmanagedOneIsFlaggedForABotWhoseIdIsNoNumber() {
        Plan plan = plan(desired(spec("team", "Team").bot(CLOUD).members(A, B).build()),
                live(G2, "Old team").cloud().members(A, B).build());

        assertThat(plan.warnings()).singleElement().satisfies(w -> assertThat(w).contains("about to create \"Team\"")
                .contains("unmanaged group " + G2));
    }

    @Test
    void withPruneOffNoProviderWarningIsGiven() {
        Plan plan = plan(desired(), liveState(CLOUD, live(G2, "Old").cloud().build()), cloud(false, false, false));

        assertThat(plan.warnings()).isEmpty();
        assertThat(plan.unmanaged()).singleElement().satisfies(u -> assertThat(u.kept()).isEqualTo("reconcile.prune is off"));
    }

    @Test
    void invitesGoToPendingPeopleOnlyWhenAskedForAndTheProviderCanSendThem() {
        DesiredState desired = desired(spec("sales", "Sales").bot(CLOUD).members(A, B, C).build(),
                spec("new", "New").bot(CLOUD).members(A, B).description("Fresh").joinApproval(JoinApproval.REQUIRED)
                        .build());
        LiveState live = liveState(CLOUD, live(G1, "Sales").cloud().members(A).joinRequest("jr-1", B).build());

        Plan asked = plan(desired, live, cloud(false, false, true));
        Plan notAsked = plan(desired, live, cloud());

        // B asked to join with the link: approved, not sent it again
        assertThat(asked.groups().get(0).change(SendInvites.class)).hasValue(new SendInvites(new TreeSet<>(numbers(C))));
        assertThat(asked.groups().get(1).changes()).containsExactly(
                new CreateGroup("New", "Fresh", JoinApproval.REQUIRED), new SendInvites(new TreeSet<>(numbers(A, B))));
        assertThat(asked.summary().invites()).isEqualTo(3);
        assertThat(asked.summary().line()).contains("; will invite 3 people");
        assertThat(notAsked.groups()).allSatisfy(g -> assertThat(g.change(SendInvites.class)).isEmpty());
    }

    @Test
    void sinchBotsSendNoInvitesWhateverTheSetting() {
        PlannerOptions options = new PlannerOptions(false, RemovalGuard.NONE, PlannerOptions.ALL_SINCH, false, true);

        Plan plan = Planner.plan(desired(spec("sales", "Sales").members(A).build()), liveState(), options);

        assertThat(only(plan).changes()).containsExactly(new CreateGroup("Sales"));
    }

    @Test
    void plansMadeAheadWithOtherCapabilitiesAreNotTaken() {
        DesiredState desired = desired(spec("sales", "Sales").bot(CLOUD).members(A).build());
        LiveState live = liveState(CLOUD, live(G1, "Sales").cloud().members(A, STRANGER).build());
        PlansAhead sinchAhead = new PlansAhead();
        sinchAhead.plan(desired.groups().get(0), live.of(CLOUD).groups().get(GroupId.of(G1)));

        Plan plan = Planner.plan(desired, live, cloud(), sinchAhead);

        assertThat(plan).isEqualTo(plan(desired, live, cloud()));
        assertThat(only(plan).changes()).doesNotContain(new RotateInvite());
    }

    @Test
    void summaryCountsRemovalsForGoodApprovalsAndRejections() {
        Plan plan = plan(desired(spec("sales", "Sales").bot(CLOUD).members(A, C).build()),
                live(G1, "Sales").cloud().members(A, STRANGER).joinRequest("jr-1", C).joinRequest("jr-2", B).build());

        assertThat(plan.summary().line()).isEqualTo("Plan: 0 to create, 1 to change, 0 to leave; 1 removal (1 for good), "
                + "0 promotions, 1 pending, 1 join request approved, 1 join request rejected");
    }
}
