package dev.roster.api.sinch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.api.ApiException;
import dev.roster.api.RetryPolicy;
import dev.roster.api.http.Sleeper;
import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.LiveGroup;
import dev.roster.model.Msisdn;
import dev.roster.model.Secret;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** The adapter against a real HTTP server on loopback that records exactly what arrives. */
class SinchGroupApiTest {
    static final String TOKEN = "tok-3f9a7c1e-very-secret";
    static final BotId BOT = BotId.of("447506616260");
    static final GroupId GROUP = GroupId.of("group:447506616260-1565342732");
    static final RetryPolicy FAST_RETRY =
            new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(30));

    @StartStop
    final MockWebServer server = new MockWebServer();

    final List<Duration> waits = new CopyOnWriteArrayList<>();
    final Sleeper recordingSleeper = waits::add;

    SinchGroupApi api() {
        return api(FAST_RETRY);
    }

    SinchGroupApi api(RetryPolicy retry) {
        return SinchGroupApi.create(options(retry), Clock.systemUTC(), recordingSleeper, () -> 0.5);
    }

    SinchOptions options(RetryPolicy retry) {
        return new SinchOptions(URI.create(server.url("/").toString()), bot -> Secret.of(TOKEN),
                Duration.ofSeconds(2), Duration.ofSeconds(5), retry);
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    static MockResponse ok() {
        return new MockResponse.Builder().code(200).build();
    }

    RecordedRequest take() throws InterruptedException {
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(r).as("a request reached the server").isNotNull();
        return r;
    }

    static String rawTarget(RecordedRequest r) {
        return r.getTarget();
    }

    static void assertAuthorized(RecordedRequest r) {
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    }

    static void assertJsonBody(RecordedRequest r, String body) {
        assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(r.getBody().utf8().replace(" ", "").replace("\n", "")).isEqualTo(body);
    }

    // ---- every endpoint: method, path, body, headers

    @Test
    void createGroupPostsSubjectAndReturnsTheNewId() throws Exception {
        server.enqueue(json(200, "{\"group_id\":\"group:447506616260-1700000000\"}"));

        GroupId id = api().createGroup(BOT, "Sales Team");

        assertThat(id).isEqualTo(GroupId.of("group:447506616260-1700000000"));
        RecordedRequest r = take();
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/whatsapp/v1/447506616260/groups");
        assertAuthorized(r);
        assertJsonBody(r, "{\"subject\":\"SalesTeam\"}");
        assertThat(r.getBody().utf8()).contains("\"Sales Team\"");
    }

    @Test
    void listGroupsGetsTheBotsGroupIds() throws Exception {
        server.enqueue(json(200, "{\"groups\":[\"group:447506616260-1\",\"group:447506616260-2\"]}"));

        List<GroupId> ids = api().listGroups(BOT);

        assertThat(ids).containsExactly(GroupId.of("group:447506616260-1"), GroupId.of("group:447506616260-2"));
        RecordedRequest r = take();
        assertThat(r.getMethod()).isEqualTo("GET");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/whatsapp/v1/447506616260/groups");
        assertAuthorized(r);
        assertThat(r.getBodySize()).isZero();
        // plain http (the simulator) is spoken as HTTP/1.1, without an h2c upgrade attempt
        assertThat(r.getVersion()).isEqualTo("HTTP/1.1");
        assertThat(r.getHeaders().get("Upgrade")).isNull();
    }

    @Test
    void getGroupReadsSubjectCreatorAdminsAndMembers() throws Exception {
        server.enqueue(json(200, """
                {"admins": ["447506616260", "+46732001122"], "creator": "447506616260",
                 "members": ["46732002244"], "subject": "Sales Team",
                 "creation_time": "2019-08-09T09:25:32.000Z", "extra": 1}"""));

        LiveGroup g = api().getGroup(BOT, GROUP);

        assertThat(g.id()).isEqualTo(GROUP);
        assertThat(g.subject()).isEqualTo("Sales Team");
        assertThat(g.creator()).isEqualTo(Msisdn.parse("+447506616260"));
        assertThat(g.admins()).containsExactlyInAnyOrder(Msisdn.parse("+447506616260"), Msisdn.parse("+46732001122"));
        assertThat(g.members()).containsExactly(Msisdn.parse("+46732002244"));
        assertThat(g.participants()).hasSize(3);
        RecordedRequest r = take();
        assertThat(r.getMethod()).isEqualTo("GET");
        assertThat(rawTarget(r)).isEqualTo("/whatsapp/v1/447506616260/groups/group:447506616260-1565342732");
        assertAuthorized(r);
    }

    @Test
    void setSubjectPatchesTheGroup() throws Exception {
        server.enqueue(ok());

        api().setSubject(BOT, GROUP, "New Name");

        RecordedRequest r = take();
        assertThat(r.getMethod()).isEqualTo("PATCH");
        assertThat(rawTarget(r)).isEqualTo("/whatsapp/v1/447506616260/groups/group:447506616260-1565342732");
        assertAuthorized(r);
        assertJsonBody(r, "{\"subject\":\"NewName\"}");
    }

    @Test
    void leaveGroupDeletesTheGroupWithoutBody() throws Exception {
        server.enqueue(ok());

        api().leaveGroup(BOT, GROUP);

        RecordedRequest r = take();
        assertThat(r.getMethod()).isEqualTo("DELETE");
        assertThat(rawTarget(r)).isEqualTo("/whatsapp/v1/447506616260/groups/group:447506616260-1565342732");
        assertAuthorized(r);
        assertThat(r.getBodySize()).isZero();
    }

    @Test
    void removeMembersDeletesWithNumbersAsDigitsWithoutPlus() throws Exception {
        server.enqueue(ok());

        api().removeMembers(BOT, GROUP, List.of(Msisdn.parse("+46732001122"), Msisdn.parse("+46732002244")));

        RecordedRequest r = take();
        assertThat(r.getMethod()).isEqualTo("DELETE");
        assertThat(rawTarget(r)).isEqualTo("/whatsapp/v1/447506616260/groups/group:447506616260-1565342732/member");
        assertAuthorized(r);
        assertJsonBody(r, "{\"numbers\":[\"46732001122\",\"46732002244\"]}");
    }

    @Test
    void addAdminsPostsNumbers() throws Exception {
        server.enqueue(ok());

        api().addAdmins(BOT, GROUP, List.of(Msisdn.parse("+46732001122")));

        RecordedRequest r = take();
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(rawTarget(r)).isEqualTo("/whatsapp/v1/447506616260/groups/group:447506616260-1565342732/admin");
        assertAuthorized(r);
        assertJsonBody(r, "{\"numbers\":[\"46732001122\"]}");
    }

    @Test
    void removeAdminsDeletesWithNumbers() throws Exception {
        server.enqueue(ok());

        api().removeAdmins(BOT, GROUP, List.of(Msisdn.parse("+46732001122")));

        RecordedRequest r = take();
        assertThat(r.getMethod()).isEqualTo("DELETE");
        assertThat(rawTarget(r)).isEqualTo("/whatsapp/v1/447506616260/groups/group:447506616260-1565342732/admin");
        assertAuthorized(r);
        assertJsonBody(r, "{\"numbers\":[\"46732001122\"]}");
    }

    @Test
    void inviteLinkGetsTheLink() throws Exception {
        server.enqueue(json(200, "{\"invite_link\":\"https://chat.whatsapp.com/AbC123\"}"));

        URI link = api().inviteLink(BOT, GROUP);

        assertThat(link).isEqualTo(URI.create("https://chat.whatsapp.com/AbC123"));
        RecordedRequest r = take();
        assertThat(r.getMethod()).isEqualTo("GET");
        assertThat(rawTarget(r)).isEqualTo("/whatsapp/v1/447506616260/groups/group:447506616260-1565342732/invite");
        assertAuthorized(r);
    }

    @Test
    void revokeInviteLinkDeletesTheLink() throws Exception {
        server.enqueue(ok());

        api().revokeInviteLink(BOT, GROUP);

        RecordedRequest r = take();
        assertThat(r.getMethod()).isEqualTo("DELETE");
        assertThat(rawTarget(r)).isEqualTo("/whatsapp/v1/447506616260/groups/group:447506616260-1565342732/invite");
        assertAuthorized(r);
        assertThat(r.getBodySize()).isZero();
    }

    // ---- ids, numbers

    @Test
    void colonInGroupIdReachesTheServerIntact() throws Exception {
        server.enqueue(ok());

        api().leaveGroup(BOT, GROUP);

        RecordedRequest r = take();
        // ':' is legal in a path segment and is sent as is, so the server sees the id whether it
        // decodes the path or not
        assertThat(r.getTarget()).isEqualTo("/whatsapp/v1/447506616260/groups/group:447506616260-1565342732");
        assertThat(r.getUrl().pathSegments()).containsExactly(
                "whatsapp", "v1", "447506616260", "groups", "group:447506616260-1565342732");
    }

    @Test
    void groupIdWithSlashOrSpaceStaysOneEncodedSegment() throws Exception {
        server.enqueue(ok());

        api().leaveGroup(BOT, GroupId.of("group:1/2 x?y"));

        RecordedRequest r = take();
        assertThat(r.getTarget()).isEqualTo("/whatsapp/v1/447506616260/groups/group:1%2F2%20x%3Fy");
        assertThat(r.getUrl().pathSegments()).containsExactly("whatsapp", "v1", "447506616260", "groups", "group:1/2 x?y");
    }

    @Test
    void fortyFiveNumbersAreSentInCallsOfTwentyTwentyAndFive() throws Exception {
        List<Msisdn> numbers = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            numbers.add(Msisdn.parse("+467320" + String.format("%05d", i)));
        }
        for (int i = 0; i < 3; i++) {
            server.enqueue(ok());
        }

        api().removeMembers(BOT, GROUP, numbers);

        List<Integer> sizes = new ArrayList<>();
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String body = take().getBody().utf8();
            List<String> chunk = List.of(body.replaceAll(".*\\[(.*)].*", "$1").replace("\"", "").split(","));
            sizes.add(chunk.size());
            sent.addAll(chunk);
        }
        assertThat(sizes).containsExactly(20, 20, 5);
        assertThat(sent).containsExactlyElementsOf(numbers.stream().map(Msisdn::digits).toList());
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void emptyNumberListSendsNothing() {
        api().addAdmins(BOT, GROUP, List.of());

        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void numbersWithAndWithoutPlusReadTheSame() {
        server.enqueue(json(200, """
                {"admins":["+447506616260"],"creator":"447506616260","members":["46732001122"],"subject":"A"}"""));
        server.enqueue(json(200, """
                {"admins":["447506616260"],"creator":"+447506616260","members":["+46732001122"],"subject":"A"}"""));

        LiveGroup withoutPlus = api().getGroup(BOT, GROUP);
        LiveGroup withPlus = api().getGroup(BOT, GROUP);

        assertThat(withoutPlus).isEqualTo(withPlus);
        assertThat(withPlus.members()).containsExactly(new Msisdn("+46732001122"));
    }

    @Test
    void anUnreadableCreationTimeIsIgnored() {
        server.enqueue(json(200, """
                {"admins":[],"creator":"447506616260","members":[],"subject":"A","creation_time":"yesterday"}"""));

        assertThat(api().getGroup(BOT, GROUP).subject()).isEqualTo("A");
    }

    // ---- malformed answers

    @Test
    void malformedJsonIsMalformedResponse() {
        server.enqueue(json(200, "{\"groups\": [\"group:1-2\""));

        assertThatThrownBy(() -> api().listGroups(BOT))
                .isInstanceOf(ApiException.MalformedResponse.class)
                .hasMessageStartingWith("GET /groups for bot 447506616260: 200");
    }

    @Test
    void emptyBodyWhereDataIsExpectedIsMalformedResponse() {
        server.enqueue(ok());
        server.enqueue(json(200, " \r\n\t "));

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> api().getGroup(BOT, GROUP))
                    .isInstanceOf(ApiException.MalformedResponse.class)
                    .hasMessage("GET /groups/" + GROUP + " for bot 447506616260: 200 with an empty body where data "
                            + "was expected");
        }
    }

    @Test
    void jsonNullOrBrokenJsonIsMalformedResponseThatSaysWhereItBrokeAndNotWhatTheBodyHeld() {
        Map<String, String> problemByBody = new LinkedHashMap<>();
        problemByBody.put(" null ", "with JSON null where data was expected");
        problemByBody.put("{\"groups\": [\"group:1-2\",\n secret]}", "with unreadable JSON (line 2, column 2)");

        problemByBody.forEach((body, problem) -> {
            server.enqueue(json(200, body));
            assertThatThrownBy(() -> api().listGroups(BOT))
                    .isInstanceOf(ApiException.MalformedResponse.class)
                    .hasMessage("GET /groups for bot 447506616260: 200 " + problem);
        });
    }

    @Test
    void answerWithoutGroupsIsMalformedResponse() {
        server.enqueue(json(200, "{}"));

        assertThatThrownBy(() -> api().listGroups(BOT)).isInstanceOf(ApiException.MalformedResponse.class);
    }

    @Test
    void unparseableNumberInAnswerIsMalformedResponse() {
        server.enqueue(json(200, """
                {"admins":["not-a-number"],"creator":"447506616260","members":[],"subject":"A"}"""));

        assertThatThrownBy(() -> api().getGroup(BOT, GROUP))
                .isInstanceOf(ApiException.MalformedResponse.class)
                .hasMessageContaining("not-a-number");
    }

    @Test
    void createAnswerWithoutGroupIdIsMalformedResponse() {
        server.enqueue(json(200, "{\"id\":\"x\"}"));

        assertThatThrownBy(() -> api().createGroup(BOT, "A")).isInstanceOf(ApiException.MalformedResponse.class);
    }

    // ---- auth

    @Test
    void botWithoutTokenFailsUnauthorizedWithoutSendingAnything() {
        SinchGroupApi api = SinchGroupApi.create(new SinchOptions(URI.create(server.url("/").toString()),
                bot -> null, Duration.ofSeconds(1), Duration.ofSeconds(1), FAST_RETRY));

        assertThatThrownBy(() -> api.listGroups(BOT))
                .isInstanceOf(ApiException.Unauthorized.class)
                .hasMessageContaining("no API token");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void eachBotGetsItsOwnToken() throws Exception {
        SinchGroupApi api = SinchGroupApi.create(new SinchOptions(URI.create(server.url("/").toString()),
                bot -> Secret.of("token-of-" + bot.value()), Duration.ofSeconds(1), Duration.ofSeconds(1),
                FAST_RETRY));
        server.enqueue(json(200, "{\"groups\":[]}"));
        server.enqueue(json(200, "{\"groups\":[]}"));

        api.listGroups(BotId.of("111111111"));
        api.listGroups(BotId.of("222222222"));

        assertThat(take().getHeaders().get("Authorization")).isEqualTo("Bearer token-of-111111111");
        assertThat(take().getHeaders().get("Authorization")).isEqualTo("Bearer token-of-222222222");
    }

    @Test
    void baseUrlWithAPathPrefixIsKeptAndStillAuthorized() throws Exception {
        SinchGroupApi api = SinchGroupApi.create(new SinchOptions(URI.create(server.url("/proxy/").toString()),
                bot -> Secret.of(TOKEN), Duration.ofSeconds(1), Duration.ofSeconds(1), RetryPolicy.none()));
        server.enqueue(json(404, "{\"message\":\"Not found\",\"reason\":\"No such group\"}"));

        assertThatThrownBy(() -> api.getGroup(BOT, GROUP))
                .isInstanceOf(ApiException.NotFound.class)
                .hasMessage("GET /groups/" + GROUP.value() + " for bot 447506616260: 404 Not found: No such group");
        RecordedRequest r = take();
        assertThat(r.getTarget()).isEqualTo("/proxy/whatsapp/v1/447506616260/groups/" + GROUP.value());
        assertAuthorized(r);
    }

    @Test
    void optionsAndClientNeverShowTheToken() {
        assertThat(options(FAST_RETRY).toString()).doesNotContain(TOKEN);
        assertThat(api().toString()).doesNotContain(TOKEN);
    }

}
