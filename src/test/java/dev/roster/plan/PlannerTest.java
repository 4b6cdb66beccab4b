package dev.roster.plan;

import static dev.roster.plan.PlanFixtures.BOT;
import static dev.roster.plan.PlanFixtures.BOT_NUMBER;
import static dev.roster.plan.PlanFixtures.desired;
import static dev.roster.plan.PlanFixtures.live;
import static dev.roster.plan.PlanFixtures.liveState;
import static dev.roster.plan.PlanFixtures.liveStates;
import static dev.roster.plan.PlanFixtures.n;
import static dev.roster.plan.PlanFixtures.numbers;
import static dev.roster.plan.PlanFixtures.plan;
import static dev.roster.plan.PlanFixtures.prunePlan;
import static dev.roster.plan.PlanFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.model.BotId;
import dev.roster.model.DesiredState;
import dev.roster.model.GroupId;
import dev.roster.model.LiveGroup;
import dev.roster.model.LiveState;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PlannerTest {
    static final String A = "+46732001122";
    static final String B = "+46732002244";
    static final String C = "+46732003366";
    static final String D = "+46732004488";
    static final String G1 = "group:447506616260-1565342732";
    static final String G2 = "group:447506616260-1565342733";
    static final String G3 = "group:447506616260-1565342734";

    static GroupPlan only(Plan plan) {
        assertThat(plan.groups()).hasSize(1);
        return plan.groups().get(0);
    }

    static List<Action> actions(GroupPlan g) {
        return g.changes().stream().map(Change::action).toList();
    }

    @Nested
    class Identity {
        @Test
        void pinnedIdMatchesThatGroupEvenWhenTheSubjectDiffers() {
            Plan plan = plan(desired(spec("sales", "Sales Team").id(G2).build()),
                    liveState(live(G1, "Sales Team").build(), live(G2, "Something else").build()));

            GroupPlan g = only(plan);
            assertThat(g.groupId()).isEqualTo(GroupId.of(G2));
            assertThat(g.changes()).containsExactly(new SetSubject("Something else", "Sales Team"));
            assertThat(plan.unmanaged()).extracting(UnmanagedGroup::id).containsExactly(GroupId.of(G1));
        }

        @Test
        void pinnedIdTheBotLacksIsAProblemAndNeverACreate() {
            Plan plan = plan(desired(spec("sales", "Sales Team").id(G3).build()),
                    liveState(live(G1, "Sales Team").build()));

            assertThat(plan.groups()).isEmpty();
            assertThat(plan.hasChanges()).isFalse();
            assertThat(plan.problems()).singleElement().satisfies(p -> {
                assertThat(p.key()).isEqualTo("sales");
                assertThat(p.location().file()).isEqualTo("groups/sales.yaml");
                assertThat(p.message()).contains(G3 + " pinned by `id` is not among the bot's groups")
                        .contains("never re-creates a pinned group");
            });
        }

        @Test
        void pinnedGroupIsNoSubjectCandidateForAnotherDeclaredGroup() {
            Plan plan = plan(desired(
                            spec("old", "Sales").id(G1).build(),
                            spec("new", "Sales").build()),
                    liveState(live(G1, "Sales").build()));

            assertThat(plan.groups()).extracting(GroupPlan::key).containsExactly("old", "new");
            assertThat(plan.groups().get(0).hasChanges()).isFalse();
            assertThat(plan.groups().get(1).changes()).containsExactly(new CreateGroup("Sales"));
        }

        @Test
        void sameIdPinnedTwiceIsAProblemForBoth() {
            Plan plan = plan(desired(spec("a", "A").id(G1).build(), spec("b", "B").id(G1).build()),
                    liveState(live(G1, "A").build()));

            assertThat(plan.groups()).isEmpty();
            assertThat(plan.problems()).extracting(PlanProblem::key).containsExactly("a", "b");
            assertThat(plan.unmanaged()).isEmpty();
        }

        @Test
        void pinnedGroupListedButNotReadIsAProblem() {
            LiveState live = liveStates().bot(BOT, List.of(G1)).build();

            Plan plan = plan(desired(spec("a", "A").id(G1).build()), live);

            assertThat(plan.groups()).isEmpty();
            assertThat(plan.problems()).singleElement()
                    .satisfies(p -> assertThat(p.message()).contains("listed but was not read"));
        }

        @Test
        void subjectMatchAdoptsTheLiveGroup() {
            Plan plan = plan(desired(spec("sales", "Sales Team").build()),
                    liveState(live(G1, "Sales Team").build()));

            GroupPlan g = only(plan);
            assertThat(g.groupId()).isEqualTo(GroupId.of(G1));
            assertThat(g.hasChanges()).isFalse();
            assertThat(plan.unmanaged()).isEmpty();
        }

        @Test
        void previousSubjectMatchIsARename() {
            Plan plan = plan(desired(spec("sales", "Sales Team").previously("Sales", "Sellers").build()),
                    liveState(live(G1, "Sellers").build()));

            GroupPlan g = only(plan);
            assertThat(g.groupId()).isEqualTo(GroupId.of(G1));
            assertThat(g.changes()).containsExactly(new SetSubject("Sellers", "Sales Team"));
        }

        @Test
        void subjectsAreComparedExactlyWithoutTrimmingOrCaseFolding() {
            Plan plan = plan(desired(spec("sales", "Sales").build()),
                    liveState(live(G1, "Sales ").build(), live(G2, "sales").build()));

            assertThat(only(plan).changes()).containsExactly(new CreateGroup("Sales"));
            assertThat(plan.unmanaged()).hasSize(2);
        }

        @Test
        void twoCandidatesIsAProblemNamingThemAndAskingForId() {
            Plan plan = prunePlan(desired(spec("sales", "Sales Team").previously("Sales").build()),
                    liveState(live(G1, "Sales").build(), live(G2, "Sales Team").build()));

            assertThat(plan.groups()).isEmpty();
            assertThat(plan.problems()).singleElement().satisfies(p -> assertThat(p.message())
                    .contains("matches 2 live groups").contains(G1).contains(G2).contains("`id:`"));
            // the candidates are not unmanaged, so prune never leaves them
            assertThat(plan.unmanaged()).isEmpty();
        }

        @Test
        void duplicatedGroupIsNamedWithItsCreationTimesAndTheOneToKeepAndNeverCreatedAgain() {
            // two writers without a lock both created "Board", one second apart
            Plan plan = prunePlan(desired(spec("board", "Board").members(A, B).build()),
                    liveState(live(G2, "Board").build(), live(G1, "Board").build()));

            assertThat(plan.groups()).isEmpty();
            assertThat(plan.hasChanges()).isFalse();
            PlanProblem problem = plan.problems().get(0);
            assertThat(plan.problems()).hasSize(1);
            assertThat(problem.message()).contains("2 groups created with subject \"Board\" at "
                    + "2019-08-09T09:25:32Z (" + G1 + "), 2019-08-09T09:25:33Z (" + G2 + "): a duplicate")
                    .contains("no further group is created")
                    .contains("keep " + G1 + " (the oldest) by pinning it with `id: " + G1 + "`");
            assertThat(problem.duplicates()).containsExactly(GroupId.of(G1), GroupId.of(G2));
            assertThat(problem.keep()).isEqualTo(GroupId.of(G1));
            // neither copy is unmanaged, so prune leaves neither
            assertThat(plan.unmanaged()).isEmpty();
        }

        @Test
        void duplicateToKeepIsTheOneMorePeopleJoined() {
            Plan plan = plan(desired(spec("board", "Board").members(A, B).build()),
                    liveState(live(G1, "Board").build(), live(G2, "Board").members(A, B).build(),
                            live(G3, "Board").members(A).build()));

            PlanProblem problem = plan.problems().get(0);
            assertThat(problem.message()).startsWith("bot " + BOT + ", group board: 3 groups created with subject")
                    .contains("keep " + G2 + " (the most participants, 3)").contains("the others are unmanaged");
            assertThat(problem.keep()).isEqualTo(GroupId.of(G2));
            assertThat(plan.groups()).isEmpty();
        }

        @Test
        void subjectSharedByTwoDeclaredGroupsIsAProblemForBoth() {
            Plan plan = prunePlan(desired(
                            spec("a", "Team").build(),
                            spec("b", "Team B").previously("Team").build(),
                            spec("c", "Other").build()),
                    liveState(live(G1, "Team").build()));

            assertThat(plan.groups()).extracting(GroupPlan::key).containsExactly("c");
            assertThat(plan.problems()).extracting(PlanProblem::key).containsExactly("a", "b");
            assertThat(plan.problems().get(0).message()).contains("\"Team\"").contains("(a, b)").contains("`id:`");
            // the live group either could be is not unmanaged, so prune never leaves it
            assertThat(plan.unmanaged()).isEmpty();
        }

        @Test
        void subjectSharedByTwoDeclaredGroupsIsAProblemBeforeEitherExists() {
            Plan plan = plan(desired(spec("a", "Team").build(), spec("b", "Team").build()), liveState());

            assertThat(plan.groups()).isEmpty();
            assertThat(plan.problems()).extracting(PlanProblem::key).containsExactly("a", "b");
        }

        @Test
        void noCandidateCreatesTheGroupWithEveryoneDeclaredPending() {
            Plan plan = plan(desired(spec("sales", "Sales").admins(A, BOT_NUMBER.e164()).members(B).build()),
                    liveState());

            GroupPlan g = only(plan);
            assertThat(g.changes()).containsExactly(new CreateGroup("Sales"));
            assertThat(g.groupId()).isNull();
            assertThat(g.live()).isNull();
            assertThat(g.liveFingerprint()).isNull();
            assertThat(g.pending()).containsExactly(n(A), n(B));
            assertThat(g.pendingAdmins()).containsExactly(n(A));
        }

        @Test
        void aCreateWhileAnUnmanagedGroupHasItsPeopleWarnsThatItIsLikelyARename() {
            Plan plan = prunePlan(desired(spec("board", "Board").admins(A).members(B).build()),
                    liveState(live(G2, "Board (old)").admins(A).members(B).build(), live(G3, "Other").members(C).build()));

            assertThat(plan.groups()).extracting(GroupPlan::isCreate, GroupPlan::isLeave)
                    .contains(org.assertj.core.groups.Tuple.tuple(true, false));
            assertThat(plan.warnings()).containsExactly("bot " + BOT + ", group board: about to create \"Board\", but"
                    + " the unmanaged group " + G2 + " \"Board (old)\" has 2 of its 2 declared people; if it is this"
                    + " group renamed, add `previously: [\"Board (old)\"]` or `id: " + G2 + "` to the group instead"
                    + " (prune would leave it)");
        }

        @Test
        void aCreateWarnsOfNoGroupThatSharesOnlyAFewOfItsPeople() {
            Plan plan = plan(desired(spec("board", "Board").admins(A).members(B, C).build()),
                    liveState(live(G2, "Chat").members(A, "+46732009999", "+46732008888").build()));

            assertThat(plan.warnings()).isEmpty();
        }

        @Test
        void groupsOfOtherBotsAreNeverCandidates() {
            BotId other = BotId.of("447506616999");
            LiveState live = liveStates().bot(other, List.of(), live(G1, "Sales").creator("+447506616999").build())
                    .bot(BOT, List.of()).build();

            Plan plan = plan(desired(spec("sales", "Sales").build()), live);

            assertThat(plan.groups()).singleElement().satisfies(g -> {
                assertThat(g.bot()).isEqualTo(BOT);
                assertThat(g.isCreate()).isTrue();
            });
            assertThat(plan.unmanaged()).singleElement()
                    .satisfies(u -> assertThat(u.bot()).isEqualTo(other));
        }
    }

    @Nested
    class Unmanaged {
        @Test
        void unmatchedLiveGroupsAreReportedButNotLeftWithoutPrune() {
            Plan plan = plan(desired(spec("sales", "Sales").build()),
                    liveState(live(G1, "Sales").build(), live(G2, "Old chat").build()));

            assertThat(plan.unmanaged()).containsExactly(new UnmanagedGroup(BOT, GroupId.of(G2), "Old chat", true, false));
            assertThat(plan.groups()).extracting(GroupPlan::key).containsExactly("sales");
            assertThat(plan.hasChanges()).isFalse();
        }

        @Test
        void pruneLeavesEveryUnmanagedGroupThatWasRead() {
            LiveGroup old = live(G2, "Old chat").build();
            Plan plan = prunePlan(desired(spec("sales", "Sales").protect().build()),
                    liveState(live(G1, "Sales").build(), old));

            assertThat(plan.unmanaged()).containsExactly(new UnmanagedGroup(BOT, GroupId.of(G2), "Old chat", true, true));
            assertThat(plan.groups()).hasSize(2);
            GroupPlan leave = plan.groups().get(1);
            assertThat(leave.key()).isNull();
            assertThat(leave.spec()).isNull();
            assertThat(leave.groupId()).isEqualTo(GroupId.of(G2));
            assertThat(leave.changes()).containsExactly(new LeaveGroup());
            assertThat(leave.liveFingerprint()).isEqualTo(LiveFingerprint.of(old));
            assertThat(plan.summary().toLeave()).isEqualTo(1);
        }

        @Test
        void declaredGroupsAreNeverLeftEvenWithPrune() {
            Plan plan = prunePlan(desired(spec("sales", "Sales").build()), liveState(live(G1, "Sales").build()));

            assertThat(plan.groups()).singleElement().satisfies(g -> assertThat(g.isLeave()).isFalse());
        }

        @Test
        void groupsListedButNotReadAreUnmanagedWithUnknownSubjectAndNeverLeft() {
            LiveState live = liveStates().bot(BOT, List.of(G2), live(G1, "Sales").build()).build();

            Plan plan = prunePlan(desired(spec("sales", "Sales").id(G1).build()), live);

            assertThat(plan.unmanaged()).containsExactly(new UnmanagedGroup(BOT, GroupId.of(G2), null, false, false));
            assertThat(plan.groups()).extracting(GroupPlan::key).containsExactly("sales");
            assertThat(plan.warnings()).singleElement().asString()
                    .contains("1 unmanaged group was listed but not read").contains("prune does not leave it");
        }
    }

    @Nested
    class Membership {
        @Test
        void exactRotatesTheInviteAndThenRemovesUndeclaredParticipants() {
            Plan plan = plan(desired(spec("sales", "Sales").members(A).build()),
                    liveState(live(G1, "Sales").members(A, B, C).build()));

            GroupPlan g = only(plan);
            assertThat(g.changes()).containsExactly(
                    new RotateInvite(), new RemoveMembers(new java.util.TreeSet<>(numbers(B, C))));
        }

        @Test
        void additiveNeverRemovesAndNeverDemotes() {
            Plan plan = plan(desired(spec("sales", "Sales").members(A).additive().build()),
                    liveState(live(G1, "Sales").admins(C).members(A, B).build()));

            assertThat(only(plan).hasChanges()).isFalse();
        }

        @Test
        void additiveStillPromotesDeclaredAdmins() {
            Plan plan = plan(desired(spec("sales", "Sales").admins(A).additive().build()),
                    liveState(live(G1, "Sales").members(A, B).build()));

            assertThat(only(plan).changes()).containsExactly(new AddAdmins(new java.util.TreeSet<>(numbers(A))));
        }

        @Test
        void theBotAndTheCreatorAreNeverRemovedNorDemoted() {
            // the group was created by someone else; the bot is an admin in it; neither is declared
            Plan plan = plan(desired(spec("sales", "Sales").members(A).build()),
                    liveState(live(G1, "Sales").creator(D).admins(D, BOT_NUMBER.e164()).members(A).build()));

            assertThat(only(plan).hasChanges()).isFalse();
        }

        @Test
        void theBotDeclaredAsPlainMemberStaysAdminWithAWarning() {
            Plan plan = plan(desired(spec("sales", "Sales").members(A, BOT_NUMBER.e164()).build()),
                    liveState(live(G1, "Sales").members(A).build()));

            assertThat(only(plan).hasChanges()).isFalse();
            assertThat(plan.warnings()).singleElement().asString().contains("never demoted");
        }

        @Test
        void undeclaredAdminIsDemotedButStays() {
            Plan plan = plan(desired(spec("sales", "Sales").members(A, B).build()),
                    liveState(live(G1, "Sales").admins(A).members(B).build()));

            assertThat(only(plan).changes()).containsExactly(new RemoveAdmins(new java.util.TreeSet<>(numbers(A))));
        }

        @Test
        void anAdminWhoIsRemovedIsDemotedBeforeTheRotationSoCannotReadTheNewLink() {
            Plan plan = plan(desired(spec("sales", "Sales").members(B).build()),
                    liveState(live(G1, "Sales").admins(A).members(B).build()));

            assertThat(actions(only(plan))).containsExactly(Action.REMOVE_ADMINS, Action.ROTATE_INVITE,
                    Action.REMOVE_MEMBERS);
            assertThat(only(plan).change(RemoveAdmins.class)).get().extracting(RemoveAdmins::numbers)
                    .isEqualTo(new java.util.TreeSet<>(numbers(A)));
            assertThat(only(plan).change(RemoveMembers.class)).get().extracting(RemoveMembers::numbers)
                    .isEqualTo(new java.util.TreeSet<>(numbers(A)));
        }

        @Test
        void declaredAdminWhoIsAParticipantIsPromoted() {
            Plan plan = plan(desired(spec("sales", "Sales").admins(A).members(B).build()),
                    liveState(live(G1, "Sales").members(A, B).build()));

            GroupPlan g = only(plan);
            assertThat(g.changes()).containsExactly(new AddAdmins(new java.util.TreeSet<>(numbers(A))));
            assertThat(g.pending()).isEmpty();
        }

        @Test
        void declaredAdminWhoIsNotAParticipantIsPendingNotPromoted() {
            Plan plan = plan(desired(spec("sales", "Sales").admins(A).members(B).build()),
                    liveState(live(G1, "Sales").members(B).build()));

            GroupPlan g = only(plan);
            assertThat(g.hasChanges()).isFalse();
            assertThat(g.pending()).containsExactly(n(A));
            assertThat(g.pendingAdmins()).containsExactly(n(A));
        }

        @Test
        void pendingPeopleAloneAreNoChange() {
            Plan plan = plan(desired(spec("sales", "Sales").members(A, B, C).build()),
                    liveState(live(G1, "Sales").members(A).build()));

            GroupPlan g = only(plan);
            assertThat(g.pending()).containsExactly(n(B), n(C));
            assertThat(g.pendingAdmins()).isEmpty();
            assertThat(plan.hasChanges()).isFalse();
            assertThat(plan.summary().pending()).isEqualTo(2);
        }

        @Test
        void theInviteIsRotatedOnlyWhenSomeoneIsRemoved() {
            Plan plan = plan(desired(spec("sales", "Renamed").previously("Sales").admins(A).members(B, C).build()),
                    liveState(live(G1, "Sales").admins(B).members(A).build()));

            assertThat(actions(only(plan))).doesNotContain(Action.ROTATE_INVITE)
                    .containsExactly(Action.SET_SUBJECT, Action.REMOVE_ADMINS, Action.ADD_ADMINS);
        }

        @Test
        void changesComeInApplyOrder() {
            Plan plan = plan(desired(spec("sales", "Renamed").id(G1).admins(A).members(B).build()),
                    liveState(live(G1, "Sales").admins(B).members(A, C).build()));

            GroupPlan g = only(plan);
            assertThat(actions(g)).containsExactly(Action.SET_SUBJECT, Action.REMOVE_ADMINS, Action.ROTATE_INVITE,
                    Action.REMOVE_MEMBERS, Action.ADD_ADMINS);
            assertThat(actions(g)).isSortedAccordingTo(java.util.Comparator.naturalOrder());
        }

        @Test
        void convergedStateYieldsAnEmptyPlan() {
            Plan plan = plan(desired(spec("sales", "Sales").admins(A).members(B).build()),
                    liveState(live(G1, "Sales").admins(A).members(B).build()));

            assertThat(plan.hasChanges()).isFalse();
            assertThat(plan.changedGroups()).isEmpty();
            assertThat(only(plan).pending()).isEmpty();
        }
    }

    @Nested
    class Output {
        @Test
        void botsAreSortedAndGroupsKeepDeclarationOrder() {
            BotId second = BotId.of("447506616261");
            DesiredState desired = desired(
                    spec("zeta", "Z").bot(second).build(),
                    spec("beta", "B").build(),
                    spec("alpha", "A").build(),
                    spec("gamma", "G").bot(second).build());

            Plan plan = plan(desired, liveStates().build());

            assertThat(plan.groups()).extracting(g -> g.bot() + "/" + g.key())
                    .containsExactly(BOT + "/beta", BOT + "/alpha", second + "/zeta", second + "/gamma");
        }

        @Test
        void theSamePlanComesOutWhateverTheOrderTheApiListedGroupsIn() {
            DesiredState desired = desired(spec("a", "A").members(A).build(), spec("b", "B").build());
            LiveGroup g1 = live(G1, "A").members(B, C).build();
            LiveGroup g2 = live(G2, "Old").build();
            LiveGroup g3 = live(G3, "Older").build();

            Plan first = prunePlan(desired, liveState(g1, g2, g3));
            Plan second = prunePlan(desired, liveState(g3, g2, g1));

            assertThat(second).isEqualTo(first);
            assertThat(first.groups()).extracting(GroupPlan::groupId)
                    .containsExactly(GroupId.of(G1), null, GroupId.of(G2), GroupId.of(G3));
        }

        @Test
        void summaryCountsGroupsPeopleAndActions() {
            DesiredState desired = desired(
                    spec("new", "New").admins(A).members(B).build(),
                    spec("sales", "Sales").admins(A).members(B).build(),
                    spec("support", "Support").members(A).build());
            LiveState live = liveState(
                    live(G1, "Sales").members(A, B, C, D).build(),
                    live(G2, "Support").members(A, C).build());

            Summary summary = plan(desired, live).summary();

            assertThat(summary.line())
                    .isEqualTo("Plan: 1 to create, 2 to change, 0 to leave; 3 removals, 1 promotion, 2 pending");
            assertThat(summary.perAction()).containsExactly(
                    java.util.Map.entry(Action.CREATE_GROUP, 1),
                    java.util.Map.entry(Action.ROTATE_INVITE, 2),
                    java.util.Map.entry(Action.REMOVE_MEMBERS, 2),
                    java.util.Map.entry(Action.ADD_ADMINS, 1));
        }

        @Test
        void declaredNumbersHoldEveryPersonAndBotInTheFiles() {
            Plan plan = plan(desired(spec("sales", "Sales").admins(A).members(B).build()),
                    liveState(live(G1, "Sales").members(C).build()));

            assertThat(plan.declaredNumbers()).containsExactly(BOT_NUMBER, n(A), n(B));
        }
    }
}
