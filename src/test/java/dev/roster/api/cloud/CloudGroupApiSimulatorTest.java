package dev.roster.api.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.api.ApiException;
import dev.roster.api.Creation;
import dev.roster.api.NewGroup;
import dev.roster.api.RateLimiter;
import dev.roster.api.RetryPolicy;
import dev.roster.api.http.Sleeper;
import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.JoinApproval;
import dev.roster.model.JoinRequest;
import dev.roster.model.LiveGroup;
import dev.roster.model.Msisdn;
import dev.roster.model.Secret;
import dev.roster.simulator.CloudSettings;
import dev.roster.simulator.Simulator;
import dev.roster.simulator.SimulatorConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every endpoint through the Feign client against the simulator's Cloud API dialect, over loopback. */
class CloudGroupApiSimulatorTest {
    static final BotId BOT = BotId.of("106540352242922");
    static final Msisdn ALICE = Msisdn.parse("+46700000001");
    static final Msisdn BOB = Msisdn.parse("+46700000002");
    static final Msisdn CAROL = Msisdn.parse("+46700000003");

    private Simulator sim;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    private CloudGroupApi start(long createDelayMillis, int pageSize) throws IOException {
        sim = Simulator.start(SimulatorConfig.defaults().withBots(BOT)
                .withCloud(new CloudSettings(createDelayMillis, 8, null)));
        CloudOptions options = new CloudOptions(URI.create(sim.baseUrl() + "/v23.0"),
                bot -> Secret.of(SimulatorConfig.DEFAULT_TOKEN), Duration.ofSeconds(2), Duration.ofSeconds(5),
                RetryPolicy.none(), Duration.ofSeconds(10), null);
        return CloudGroupApi.create(options, RateLimiter.unlimited(), Clock.systemUTC(), Sleeper.REAL, () -> 0.5,
                pageSize);
    }

    private CloudGroupApi start() throws IOException {
        return start(0, CloudGroupApi.MAX_PAGE_SIZE);
    }

    /** Creates a group (the simulator without delay) and finds it in the listing by its subject. */
    private static GroupId created(CloudGroupApi api, String subject, JoinApproval mode) {
        Creation made = api.create(BOT, new NewGroup(subject, null, mode));
        assertThat(made.isDone()).isFalse();
        return api.listGroups(BOT).stream().filter(id -> api.getGroup(BOT, id).subject().equals(subject))
                .findFirst().orElseThrow();
    }

    /** A test-only action of the simulator: people joining, asking to join, a suspension. */
    private void simAction(GroupId group, String action, Msisdn... people) throws Exception {
        StringBuilder numbers = new StringBuilder();
        for (Msisdn n : people) {
            numbers.append(numbers.length() == 0 ? "" : ",").append('"').append(n.digits()).append('"');
        }
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                URI.create(sim.baseUrl() + "/_sim/" + BOT + "/groups/" + group.value() + "/" + action))
                .POST(HttpRequest.BodyPublishers.ofString("{\"numbers\":[" + numbers + "]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isLessThan(300);
    }

    private static <T> T await(Supplier<T> value) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            T v = value.get();
            if (v != null) {
                return v;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("nothing within 10 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void createAnswersARequestIdAndTheGroupIsListedWithItsSettingsOnceCreated() throws Exception {
        CloudGroupApi api = start(300, CloudGroupApi.MAX_PAGE_SIZE);

        Creation made = api.create(BOT, new NewGroup("Crew", "Our crew", JoinApproval.REQUIRED));

        assertThat(made.isDone()).isFalse();
        assertThat(made.requestId()).isNotBlank();
        GroupId id = await(() -> api.listGroups(BOT).stream().findFirst().orElse(null));
        LiveGroup group = api.getGroup(BOT, id);
        assertThat(group.subject()).isEqualTo("Crew");
        assertThat(group.description()).isEqualTo("Our crew");
        assertThat(group.joinApproval()).isEqualTo(JoinApproval.REQUIRED);
        assertThat(group.suspended()).isFalse();
        assertThat(group.creator()).isNull();
        assertThat(group.admins()).isEmpty();
        assertThat(group.members()).isEmpty();
    }

    @Test
    void createGroupWithASubjectOnlyIsUnsupportedBecauseCreationIsAsynchronous() throws Exception {
        CloudGroupApi api = start();

        assertThatThrownBy(() -> api.createGroup(BOT, "Sync")).isInstanceOf(ApiException.Unsupported.class)
                .hasMessageContaining("asynchronously");
    }

    @Test
    void listingFollowsTheCursorAcrossPagesAndReturnsEveryGroupOnce() throws Exception {
        CloudGroupApi api = start(0, 3);
        for (int i = 0; i < 8; i++) {
            api.create(BOT, new NewGroup("G" + i, null, null));
        }

        long before = sim.state().stats().requests("CLOUD GET");
        List<GroupId> ids = api.listGroups(BOT);

        assertThat(sim.state().stats().requests("CLOUD GET") - before).as("pages of 3, 3 and 2").isEqualTo(3);
        assertThat(ids).hasSize(8).doesNotHaveDuplicates();
        Set<String> subjects = new HashSet<>();
        ids.forEach(id -> subjects.add(api.getGroup(BOT, id).subject()));
        assertThat(subjects).containsExactlyInAnyOrder("G0", "G1", "G2", "G3", "G4", "G5", "G6", "G7");
    }

    @Test
    void aFullLastPageEndsTheListingWithOneEmptyPage() throws Exception {
        CloudGroupApi api = start(0, 2);
        for (int i = 0; i < 4; i++) {
            api.create(BOT, new NewGroup("G" + i, null, null));
        }

        long before = sim.state().stats().requests("CLOUD GET");
        assertThat(api.listGroups(BOT)).hasSize(4);
        assertThat(sim.state().stats().requests("CLOUD GET") - before).as("pages of 2, 2 and 0").isEqualTo(3);
    }

    @Test
    void getGroupReadsParticipantsAsMembersByTheirNumbers() throws Exception {
        CloudGroupApi api = start();
        GroupId id = created(api, "Open", JoinApproval.AUTO);
        simAction(id, "join", ALICE, BOB);

        LiveGroup group = api.getGroup(BOT, id);

        assertThat(group.members()).containsExactlyInAnyOrder(ALICE, BOB);
        assertThat(group.joinApproval()).isEqualTo(JoinApproval.AUTO);
        assertThat(group.joinRequests()).isEmpty();
    }

    @Test
    void getGroupOfAGroupRequiringApprovalCarriesItsJoinRequests() throws Exception {
        CloudGroupApi api = start();
        GroupId id = created(api, "Asked", JoinApproval.REQUIRED);
        simAction(id, "join_request", BOB, ALICE);

        LiveGroup group = api.getGroup(BOT, id);

        assertThat(group.members()).isEmpty();
        assertThat(group.joinRequests()).extracting(JoinRequest::number).containsExactly(ALICE, BOB);
        assertThat(group.joinRequests()).allSatisfy(r -> assertThat(r.id()).isNotBlank());
    }

    @Test
    void approvingLetsThePersonInRejectingTurnsThemAwayAndUnknownRequestsComeBackAsFailed() throws Exception {
        CloudGroupApi api = start();
        GroupId id = created(api, "Door", JoinApproval.REQUIRED);
        simAction(id, "join_request", ALICE, BOB);
        List<JoinRequest> requests = api.getGroup(BOT, id).joinRequests();

        List<String> notApproved = api.approveJoinRequests(BOT, id, List.of(requests.get(0).id(), "jr-unknown"));
        List<String> notRejected = api.rejectJoinRequests(BOT, id, List.of(requests.get(1).id()));

        assertThat(notApproved).containsExactly("jr-unknown");
        assertThat(notRejected).isEmpty();
        LiveGroup group = api.getGroup(BOT, id);
        assertThat(group.members()).containsExactly(ALICE);
        assertThat(group.joinRequests()).isEmpty();
    }

    @Test
    void subjectAndDescriptionChangesAreVisibleOnTheNextRead() throws Exception {
        CloudGroupApi api = start();
        GroupId id = created(api, "Old", null);

        api.setSubject(BOT, id, "New");
        api.setDescription(BOT, id, "  spaced out  ");

        LiveGroup group = api.getGroup(BOT, id);
        assertThat(group.subject()).isEqualTo("New");
        assertThat(group.description()).isEqualTo("  spaced out  ");
        api.setDescription(BOT, id, "");
        assertThat(api.getGroup(BOT, id).description()).isEmpty();
    }

    @Test
    void removingMembersTakesThemOutAndSomeoneAlreadyGoneCountsAsRemoved() throws Exception {
        CloudGroupApi api = start();
        GroupId id = created(api, "Gate", null);
        simAction(id, "join", ALICE, BOB);

        api.removeMembers(BOT, id, List.of(ALICE, CAROL)); // CAROL never joined: a 206 the adapter accepts
        assertThat(api.getGroup(BOT, id).members()).containsExactly(BOB);

        api.removeMembers(BOT, id, List.of(ALICE)); // gone already: 400 131212, the goal is reached
        assertThat(api.getGroup(BOT, id).members()).containsExactly(BOB);
    }

    @Test
    void inviteLinkIsReadAndAResetGivesANewOne() throws Exception {
        CloudGroupApi api = start();
        GroupId id = created(api, "Link", null);

        URI first = api.inviteLink(BOT, id);
        api.revokeInviteLink(BOT, id);
        URI second = api.inviteLink(BOT, id);

        assertThat(first.toString()).startsWith("https://chat.whatsapp.com/");
        assertThat(second).isNotEqualTo(first);
        assertThat(api.inviteLink(BOT, id)).isEqualTo(second);
    }

    @Test
    void aSuspendedGroupReadsAsSuspendedAndRefusesWritesSayingSo() throws Exception {
        CloudGroupApi api = start();
        GroupId id = created(api, "Sus", null);
        simAction(id, "suspend");

        assertThat(api.getGroup(BOT, id).suspended()).isTrue();
        assertThatThrownBy(() -> api.setSubject(BOT, id, "x"))
                .isInstanceOf(CloudExceptions.GroupSuspended.class)
                .isInstanceOf(ApiException.Forbidden.class)
                .hasMessageContaining("suspended")
                .hasMessageContaining("131207")
                .hasMessageContaining("fbtrace_id Sim");
    }

    @Test
    void deletingTheGroupTakesItOffTheListAndReadingItThenIsNotFound() throws Exception {
        CloudGroupApi api = start();
        GroupId id = created(api, "Gone", null);

        api.deleteGroup(BOT, id);

        assertThat(api.listGroups(BOT)).isEmpty();
        assertThatThrownBy(() -> api.getGroup(BOT, id)).isInstanceOf(ApiException.NotFound.class)
                .hasMessageContaining("GET /" + id.value() + " for bot " + BOT + ": 400 (#131041)");
    }

    @Test
    void callsWithoutACloudCounterpartAreUnsupportedAndSendNothing() throws Exception {
        CloudGroupApi api = start();
        GroupId id = GroupId.of("cg1");

        assertThatThrownBy(() -> api.leaveGroup(BOT, id)).isInstanceOf(ApiException.Unsupported.class);
        assertThatThrownBy(() -> api.addAdmins(BOT, id, List.of(ALICE))).isInstanceOf(ApiException.Unsupported.class);
        assertThatThrownBy(() -> api.removeAdmins(BOT, id, List.of(ALICE)))
                .isInstanceOf(ApiException.Unsupported.class);
        assertThat(sim.state().stats().totalRequests()).isZero();
    }

    @Test
    void aWrongTokenIsUnauthorized() throws Exception {
        start();
        CloudGroupApi wrong = CloudGroupApi.create(CloudOptions.of(URI.create(sim.baseUrl() + "/v23.0"),
                Secret.of("not-the-token")).withRetry(RetryPolicy.none()), RateLimiter.unlimited());

        assertThatThrownBy(() -> wrong.listGroups(BOT)).isInstanceOf(ApiException.Unauthorized.class)
                .hasMessageContaining("(#190)").hasMessageNotContaining("not-the-token");
    }
}
