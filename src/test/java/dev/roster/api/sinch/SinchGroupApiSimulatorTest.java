package dev.roster.api.sinch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.api.ApiException;
import dev.roster.api.RetryPolicy;
import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.LiveGroup;
import dev.roster.model.Msisdn;
import dev.roster.model.Secret;
import dev.roster.simulator.Simulator;
import dev.roster.simulator.SimulatorConfig;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every endpoint through the Feign client against the simulator, end to end over loopback. */
class SinchGroupApiSimulatorTest {
    static final BotId BOT = BotId.of("447506616260");
    static final Msisdn BOT_NUMBER = Msisdn.parse("+447506616260");
    static final Msisdn ALICE = Msisdn.parse("+46732001122");
    static final Msisdn BOB = Msisdn.parse("+46732002244");

    Simulator sim;
    SinchGroupApi api;

    @BeforeEach
    void start() throws IOException {
        sim = Simulator.start(SimulatorConfig.defaults().withBots(Set.of(BOT)));
        api = client(SimulatorConfig.DEFAULT_TOKEN);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    SinchGroupApi client(String token) {
        return SinchGroupApi.create(new SinchOptions(sim.baseUrl(), bot -> Secret.of(token), Duration.ofSeconds(2),
                Duration.ofSeconds(5), RetryPolicy.none()));
    }

    @Test
    void createdGroupIsListedAndReadBackWithTheBotAsCreatorAndOnlyAdmin() {
        GroupId id = api.createGroup(BOT, "Sales Team");

        assertThat(id.value()).contains(":");
        assertThat(api.listGroups(BOT)).containsExactly(id);
        LiveGroup group = api.getGroup(BOT, id);
        assertThat(group.id()).isEqualTo(id);
        assertThat(group.subject()).isEqualTo("Sales Team");
        assertThat(group.creator()).isEqualTo(BOT_NUMBER);
        assertThat(group.admins()).containsExactly(BOT_NUMBER);
        assertThat(group.members()).isEmpty();
    }

    @Test
    void subjectChangeIsVisibleOnTheNextRead() {
        GroupId id = api.createGroup(BOT, "Old");

        api.setSubject(BOT, id, "New");

        assertThat(api.getGroup(BOT, id).subject()).isEqualTo("New");
        assertThat(sim.state().group(BOT, id).orElseThrow().subject()).isEqualTo("New");
    }

    @Test
    void joinedPeopleCanBePromotedDemotedAndRemoved() {
        GroupId id = api.createGroup(BOT, "Team");
        sim.state().join(BOT, id, List.of(ALICE, BOB));
        assertThat(api.getGroup(BOT, id).members()).containsExactlyInAnyOrder(ALICE, BOB);

        api.addAdmins(BOT, id, List.of(ALICE));
        assertThat(api.getGroup(BOT, id).admins()).containsExactlyInAnyOrder(BOT_NUMBER, ALICE);

        api.removeAdmins(BOT, id, List.of(ALICE));
        LiveGroup demoted = api.getGroup(BOT, id);
        assertThat(demoted.admins()).containsExactly(BOT_NUMBER);
        assertThat(demoted.members()).containsExactlyInAnyOrder(ALICE, BOB);

        api.removeMembers(BOT, id, List.of(ALICE, BOB));
        assertThat(api.getGroup(BOT, id).participants()).containsExactly(BOT_NUMBER);
    }

    @Test
    void promotingSomeoneWhoIsNotAParticipantIsABadRequest() {
        GroupId id = api.createGroup(BOT, "Team");

        assertThatThrownBy(() -> api.addAdmins(BOT, id, List.of(ALICE)))
                .isInstanceOf(ApiException.BadRequest.class)
                .hasMessageStartingWith("POST /groups/" + id.value() + "/admin for bot 447506616260: 400");
    }

    @Test
    void fortyFiveMembersAreRemovedThroughSeveralCalls() {
        GroupId id = api.createGroup(BOT, "Big");
        List<Msisdn> people = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            people.add(Msisdn.parse("+467320" + String.format("%05d", i)));
        }
        sim.state().join(BOT, id, people);

        api.removeMembers(BOT, id, people);

        assertThat(api.getGroup(BOT, id).participants()).containsExactly(BOT_NUMBER);
    }

    @Test
    void inviteLinkIsStableUntilRevokedThenANewOneIsIssued() {
        GroupId id = api.createGroup(BOT, "Team");

        URI first = api.inviteLink(BOT, id);
        assertThat(api.inviteLink(BOT, id)).isEqualTo(first);

        api.revokeInviteLink(BOT, id);
        URI second = api.inviteLink(BOT, id);

        assertThat(second).isNotEqualTo(first);
        assertThat(second.getScheme()).isEqualTo("https");
    }

    @Test
    void leftGroupIsGoneFromTheListAndAnswersNotFound() {
        GroupId kept = api.createGroup(BOT, "Kept");
        GroupId left = api.createGroup(BOT, "Left");

        api.leaveGroup(BOT, left);

        assertThat(api.listGroups(BOT)).containsExactly(kept);
        assertThatThrownBy(() -> api.getGroup(BOT, left)).isInstanceOf(ApiException.NotFound.class);
    }

    @Test
    void oneClientServesManyThreadsAtOnce() throws Exception {
        int threads = 8;
        int perThread = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<GroupId>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    List<GroupId> made = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        GroupId id = api.createGroup(BOT, "t" + thread + "-" + i);
                        api.setSubject(BOT, id, "s" + thread + "-" + i);
                        assertThat(api.getGroup(BOT, id).subject()).isEqualTo("s" + thread + "-" + i);
                        made.add(id);
                    }
                    return made;
                }));
            }
            Set<GroupId> all = new HashSet<>();
            for (Future<List<GroupId>> f : results) {
                all.addAll(f.get(60, TimeUnit.SECONDS));
            }
            assertThat(all).hasSize(threads * perThread);
            assertThat(api.listGroups(BOT)).containsExactlyInAnyOrderElementsOf(all);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void wrongTokenIsUnauthorized() {
        SinchGroupApi wrong = client("not-the-token");

        assertThatThrownBy(() -> wrong.listGroups(BOT))
                .isInstanceOf(ApiException.Unauthorized.class)
                .hasMessage("GET /groups for bot 447506616260: 401 Unauthorized bot");
    }

    @Test
    void emptySubjectIsABadRequestWithTheApisReason() {
        GroupId id = api.createGroup(BOT, "Team");

        assertThatThrownBy(() -> api.setSubject(BOT, id, ""))
                .isInstanceOf(ApiException.BadRequest.class)
                .hasMessageStartingWith("PATCH /groups/" + id.value() + " for bot 447506616260: 400 Validation error: ");
    }
}
