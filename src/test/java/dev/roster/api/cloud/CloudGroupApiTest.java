package dev.roster.api.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.api.ApiException;
import dev.roster.api.Creation;
import dev.roster.api.InviteTemplate;
import dev.roster.api.NewGroup;
import dev.roster.api.RateLimiter;
import dev.roster.api.RetryPolicy;
import dev.roster.api.http.FakeTime;
import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.JoinApproval;
import dev.roster.model.LiveGroup;
import dev.roster.model.Msisdn;
import dev.roster.model.Secret;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The adapter against a loopback HTTP server that answers what the simulator does not, and records what arrives. */
class CloudGroupApiTest {
    static final String TOKEN = "EAAG-cloud-token-7f3e91c2";
    static final BotId BOT = BotId.of("106540352242922");
    static final GroupId GROUP = GroupId.of("Y2FwaV9ncm91cDox");
    static final Msisdn ALICE = Msisdn.parse("+46700000001");
    static final Msisdn BOB = Msisdn.parse("+46700000002");
    static final RetryPolicy FAST_RETRY =
            new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(30));
    static final ObjectMapper JSON = new ObjectMapper();

    @StartStop
    final MockWebServer server = new MockWebServer();

    /** Time that moves only by the waits of the retryer and of the rate limiter (paused by a 429's Retry-After). */
    final FakeTime time = new FakeTime(Instant.parse("2026-12-01T03:00:00Z"));
    final List<Duration> waits = time.retryerWaits;

    CloudGroupApi api() {
        return api(2);
    }

    CloudGroupApi api(int pageSize) {
        return CloudGroupApi.create(options(), time.unlimitedLimiter(), time, time, () -> 0.5, pageSize);
    }

    CloudOptions options() {
        return new CloudOptions(URI.create(server.url("/v23.0").toString()), bot -> Secret.of(TOKEN),
                Duration.ofSeconds(2), Duration.ofSeconds(5), FAST_RETRY, Duration.ofSeconds(10), null);
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    static MockResponse graphError(int status, int code, String message) {
        return json(status, "{\"error\":{\"message\":\"" + message + "\",\"type\":\"OAuthException\",\"code\":" + code
                + ",\"fbtrace_id\":\"AbCdEf123\"}}");
    }

    static MockResponse success() {
        return json(200, "{\"success\":true}");
    }

    RecordedRequest take() throws InterruptedException {
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(r).as("a request reached the server").isNotNull();
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        return r;
    }

    static JsonNode body(RecordedRequest r) throws Exception {
        assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
        return JSON.readTree(r.getBody().utf8());
    }

    @Test
    void getGroupAsksForTheFieldsItReadsAndTakesWaIdsAsNumbers() throws Exception {
        server.enqueue(json(200, """
                {"id":"Y2FwaV9ncm91cDox","subject":"Crew","description":"About",
                 "participants":[{"wa_id":"46700000001"},{"wa_id":"46700000002"}],
                 "join_approval_mode":"auto_approve","suspended":false}"""));

        LiveGroup g = api().getGroup(BOT, GROUP);

        assertThat(g.members()).containsExactlyInAnyOrder(ALICE, BOB);
        assertThat(g.description()).isEqualTo("About");
        assertThat(g.joinApproval()).isEqualTo(JoinApproval.AUTO);
        RecordedRequest r = take();
        assertThat(r.getMethod()).isEqualTo("GET");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v23.0/Y2FwaV9ncm91cDox");
        assertThat(r.getUrl().queryParameter("fields"))
                .isEqualTo("subject,description,participants,join_approval_mode,suspended");
        assertThat(server.getRequestCount()).as("no join requests read without approval").isEqualTo(1);
    }

    @Test
    void joinRequestsAreReadPageByPageWhenApprovalIsRequired() throws Exception {
        server.enqueue(json(200, "{\"subject\":\"S\",\"participants\":[],\"join_approval_mode\":\"approval_required\"}"));
        server.enqueue(json(200, "{\"data\":[{\"join_request_id\":\"jr1\",\"wa_id\":\"46700000002\"}],"
                + "\"paging\":{\"cursors\":{\"after\":\"c1\"},\"next\":\"https://x.invalid/next\"}}"));
        server.enqueue(json(200, "{\"data\":[{\"join_request_id\":\"jr2\",\"wa_id\":\"46700000001\"}],"
                + "\"paging\":{\"cursors\":{\"after\":\"c2\"}}}"));

        LiveGroup g = api().getGroup(BOT, GROUP);

        assertThat(g.joinRequests()).extracting(r -> r.id()).containsExactly("jr2", "jr1");
        take();
        assertThat(take().getUrl().encodedPath()).isEqualTo("/v23.0/Y2FwaV9ncm91cDox/join_requests");
        assertThat(take().getUrl().queryParameter("after")).isEqualTo("c1");
    }

    @Test
    void createPostsTheSettingsAndAnswersTheRequestId() throws Exception {
        server.enqueue(json(200, "{\"messaging_product\":\"whatsapp\",\"request_id\":\"req42\"}"));

        Creation made = api().create(BOT, new NewGroup("Crew", "About us", JoinApproval.REQUIRED));

        assertThat(made).isEqualTo(Creation.requested("req42"));
        RecordedRequest r = take();
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v23.0/106540352242922/groups");
        assertThat(body(r).toString()).isEqualTo("{\"messaging_product\":\"whatsapp\",\"subject\":\"Crew\","
                + "\"description\":\"About us\",\"join_approval_mode\":\"approval_required\"}");
    }

    @Test
    void createAnsweredWithAnIdIsDoneAndWithoutSettingsSendsOnlyTheSubject() throws Exception {
        server.enqueue(json(200, "{\"id\":\"Y2FwaV9ncm91cDoy\"}"));

        assertThat(api().create(BOT, new NewGroup("Crew", null, null)))
                .isEqualTo(Creation.done(GroupId.of("Y2FwaV9ncm91cDoy")));
        assertThat(body(take()).toString()).isEqualTo("{\"messaging_product\":\"whatsapp\",\"subject\":\"Crew\"}");
    }

    @Test
    void createIsNeverRetriedEvenOnATransientError() {
        server.enqueue(json(503, "{\"error\":{\"message\":\"Service temporarily unavailable\",\"code\":2,"
                + "\"is_transient\":true,\"fbtrace_id\":\"T1\"}}"));
        server.enqueue(json(200, "{\"request_id\":\"req2\"}"));

        assertThatThrownBy(() -> api().create(BOT, new NewGroup("Crew", null, null)))
                .isInstanceOf(ApiException.ServerError.class)
                .satisfies(e -> assertThat(((ApiException) e).isTransient()).isTrue());
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void sendInvitePostsTheTemplateWithTheGroupAsParameterOnceEvenWhenTheAnswerIsTransient() throws Exception {
        server.enqueue(json(503, "{\"error\":{\"message\":\"try later\",\"code\":2,\"is_transient\":true}}"));

        assertThatThrownBy(() -> api().sendInvite(BOT, GROUP, ALICE, new InviteTemplate("group_invite_link", "en_US")))
                .isInstanceOf(ApiException.class);

        RecordedRequest r = take();
        assertThat(server.getRequestCount()).as("never retried").isEqualTo(1);
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v23.0/106540352242922/messages");
        assertThat(body(r)).isEqualTo(JSON.readTree("""
                {"messaging_product":"whatsapp","recipient_type":"individual","to":"46700000001","type":"template",
                 "template":{"name":"group_invite_link","language":{"code":"en_US"},
                   "components":[{"type":"body","parameters":[{"type":"group_id","group_id":"Y2FwaV9ncm91cDox"}]}]}}"""));
    }

    @Test
    void sendInviteSucceedsOnTheMessageId() throws Exception {
        server.enqueue(json(200, "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.X\"}]}"));

        api().sendInvite(BOT, GROUP, BOB, new InviteTemplate("group_invite_link", "sv"));

        assertThat(body(take()).at("/to").asText()).isEqualTo("46700000002");
    }

    @Test
    void updatesSendMessagingProductWithTheOneFieldThatChanges() throws Exception {
        server.enqueue(success());
        server.enqueue(success());

        api().setSubject(BOT, GROUP, "New");
        api().setDescription(BOT, GROUP, "");

        RecordedRequest subject = take();
        assertThat(subject.getMethod()).isEqualTo("POST");
        assertThat(subject.getUrl().encodedPath()).isEqualTo("/v23.0/Y2FwaV9ncm91cDox");
        assertThat(body(subject).toString()).isEqualTo("{\"messaging_product\":\"whatsapp\",\"subject\":\"New\"}");
        assertThat(body(take()).toString()).isEqualTo("{\"messaging_product\":\"whatsapp\",\"description\":\"\"}");
    }

    @Test
    void removalsGoOutEightAtATimeAsDigits() throws Exception {
        server.enqueue(success());
        server.enqueue(success());
        List<Msisdn> ten = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            ten.add(Msisdn.parse("+467000000" + (10 + i)));
        }

        api().removeMembers(BOT, GROUP, ten);

        RecordedRequest first = take();
        assertThat(first.getMethod()).isEqualTo("DELETE");
        assertThat(first.getUrl().encodedPath()).isEqualTo("/v23.0/Y2FwaV9ncm91cDox/participants");
        assertThat(body(first).get("participants")).hasSize(8);
        assertThat(body(first).at("/participants/0/user").asText()).isEqualTo("46700000011");
        assertThat(body(take()).get("participants")).hasSize(2);
    }

    @Test
    void aPartialRemovalIsSentAgainForTheFailedParticipantOnly() throws Exception {
        server.enqueue(json(206, """
                {"removed_participants":["46700000001"],
                 "failed_participants":[{"user":"46700000002","errors":[{"code":131000,"title":"Something went wrong"}]}],
                 "errors":[{"code":131201,"title":"Partially succeeded"}]}"""));
        server.enqueue(success());

        api().removeMembers(BOT, GROUP, List.of(ALICE, BOB));

        assertThat(body(take()).get("participants")).hasSize(2);
        assertThat(body(take()).toString())
                .isEqualTo("{\"messaging_product\":\"whatsapp\",\"participants\":[{\"user\":\"46700000002\"}]}");
    }

    @Test
    void aParticipantThatFailsTwiceIsReportedByCountWithoutItsNumber() throws Exception {
        String partial = """
                {"failed_participants":[{"user":"+46700000002","errors":[{"code":131000,
                  "title":"Could not remove 46700000002"}]}],"errors":[{"code":131201,"title":"Partially succeeded"}]}""";
        server.enqueue(json(206, partial));
        server.enqueue(json(206, partial));

        assertThatThrownBy(() -> api().removeMembers(BOT, GROUP, List.of(ALICE, BOB)))
                .isInstanceOfSatisfying(CloudExceptions.PartlyRemoved.class, e -> {
                    assertThat(e.failed()).isEqualTo(1);
                    assertThat(e.asked()).isEqualTo(2);
                })
                .hasMessageContaining("1 of 2 participants could not be removed")
                .hasMessageContaining("#131000")
                .hasMessageNotContaining("46700000002")
                .hasMessageNotContaining("46700000001");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void a429WithCode131208IsWaitedOutAsRetryAfterSaysAndThenSucceeds() throws Exception {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "2")
                .body("{\"error\":{\"message\":\"Too many group operations\",\"code\":131208}}").build());
        server.enqueue(json(200, "{\"messaging_product\":\"whatsapp\",\"invite_link\":\"https://chat.whatsapp.com/A\"}"));

        URI link = api().inviteLink(BOT, GROUP);

        assertThat(link).isEqualTo(URI.create("https://chat.whatsapp.com/A"));
        assertThat(waits).containsExactly(Duration.ofSeconds(2));
        assertThat(time.limiterWaits).as("the retry waited out the pause already").isEmpty();
    }

    @Test
    void code131208WithoutRetryAfterIsRetriedWithThePolicysBackoff() throws Exception {
        server.enqueue(graphError(400, 131208, "Too many group operations"));
        server.enqueue(json(200, "{\"invite_link\":\"https://chat.whatsapp.com/B\"}"));

        api().revokeInviteLink(BOT, GROUP);

        assertThat(waits).containsExactly(Duration.ofMillis(50)); // jitter 0.5 of the initial 100 ms
        RecordedRequest r = take();
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v23.0/Y2FwaV9ncm91cDox/invite_link");
        assertThat(body(r).toString()).isEqualTo("{\"messaging_product\":\"whatsapp\"}");
    }

    @Test
    void rateLimitingThatLastsIsRateLimitedOnceTheAttemptsAreUsedUp() {
        for (int i = 0; i < 4; i++) {
            server.enqueue(graphError(429, 131208, "Too many group operations"));
        }

        assertThatThrownBy(() -> api().listGroups(BOT)).isInstanceOf(ApiException.RateLimited.class)
                .hasMessageContaining("(#131208)").hasMessageContaining("[fbtrace_id AbCdEf123]");
        assertThat(server.getRequestCount()).isEqualTo(4);
    }

    @Test
    void malformedJsonIsAMalformedResponseThatDoesNotQuoteTheBody() {
        server.enqueue(json(200, "{\"subject\": \"Crew\", \"participants\": [{\"wa_id\": 4670000"));

        assertThatThrownBy(() -> api().getGroup(BOT, GROUP)).isInstanceOf(ApiException.MalformedResponse.class)
                .hasMessageStartingWith("GET /Y2FwaV9ncm91cDox for bot 106540352242922: 200 with unreadable JSON")
                .hasMessageNotContaining("4670000");
    }

    @Test
    void aParticipantThatIsNoNumberIsMalformedWithoutQuotingIt() {
        server.enqueue(json(200, "{\"subject\":\"Crew\",\"participants\":[{\"wa_id\":\"abc-secret-ish\"}]}"));

        assertThatThrownBy(() -> api().getGroup(BOT, GROUP)).isInstanceOf(ApiException.MalformedResponse.class)
                .hasMessageNotContaining("abc-secret-ish");
    }

    @Test
    void listingFollowsTheAfterCursorAndAFullPageWithoutNext() throws Exception {
        server.enqueue(json(200, "{\"data\":{\"groups\":[{\"id\":\"g1\"},{\"id\":\"g2\"}]},"
                + "\"paging\":{\"cursors\":{\"after\":\"A1\"},\"next\":\"https://x.invalid\"}}"));
        server.enqueue(json(200, "{\"data\":{\"groups\":[{\"id\":\"g3\"},{\"id\":\"g4\"}]},"
                + "\"paging\":{\"cursors\":{\"after\":\"A2\"}}}"));
        server.enqueue(json(200, "{\"data\":{\"groups\":[]},\"paging\":{}}"));

        assertThat(api().listGroups(BOT)).extracting(GroupId::value).containsExactly("g1", "g2", "g3", "g4");
        RecordedRequest first = take();
        assertThat(first.getUrl().encodedPath()).isEqualTo("/v23.0/106540352242922/groups");
        assertThat(first.getUrl().queryParameter("limit")).isEqualTo("2");
        assertThat(first.getUrl().queryParameter("after")).isNull();
        assertThat(take().getUrl().queryParameter("after")).isEqualTo("A1");
        assertThat(take().getUrl().queryParameter("after")).isEqualTo("A2");
    }

    @Test
    void anExpiredCursorRestartsTheListingOnce() throws Exception {
        String page1 = "{\"data\":{\"groups\":[{\"id\":\"g1\"},{\"id\":\"g2\"}]},"
                + "\"paging\":{\"cursors\":{\"after\":\"A1\"},\"next\":\"https://x.invalid\"}}";
        server.enqueue(json(200, page1));
        server.enqueue(graphError(400, 131059, "Invalid or expired cursor"));
        server.enqueue(json(200, page1));
        server.enqueue(json(200, "{\"data\":{\"groups\":[{\"id\":\"g3\"}]},\"paging\":{\"cursors\":{\"after\":\"A9\"}}}"));

        assertThat(api().listGroups(BOT)).extracting(GroupId::value).containsExactly("g1", "g2", "g3");
        assertThat(server.getRequestCount()).isEqualTo(4);
    }

    @Test
    void aCursorThatExpiresAgainAfterTheRestartFails() {
        String page1 = "{\"data\":{\"groups\":[{\"id\":\"g1\"},{\"id\":\"g2\"}]},"
                + "\"paging\":{\"cursors\":{\"after\":\"A1\"},\"next\":\"https://x.invalid\"}}";
        server.enqueue(json(200, page1));
        server.enqueue(graphError(400, 131059, "Invalid or expired cursor"));
        server.enqueue(json(200, page1));
        server.enqueue(graphError(400, 131059, "Invalid or expired cursor"));

        assertThatThrownBy(() -> api().listGroups(BOT)).isInstanceOf(CloudExceptions.InvalidCursor.class)
                .isInstanceOf(ApiException.BadRequest.class).hasMessageContaining("(#131059)");
        assertThat(server.getRequestCount()).isEqualTo(4);
    }

    @Test
    void anIneligibleNumberFailsSayingAnOfficialBusinessAccountIsNeeded() {
        server.enqueue(graphError(400, 131215, "Phone number not eligible"));

        assertThatThrownBy(() -> api().create(BOT, new NewGroup("Crew", null, null)))
                .isInstanceOf(CloudExceptions.NumberNotEligible.class)
                .isInstanceOf(ApiException.Forbidden.class)
                .hasMessageContaining("not eligible")
                .hasMessageContaining("Official Business Account")
                .hasMessageContaining("[fbtrace_id AbCdEf123]");
    }

    @Test
    void aSuspendedAnswerToAReadOfAListedGroupIsASuspendedGroup() throws Exception {
        server.enqueue(graphError(403, 131207, "Group is suspended"));
        server.enqueue(json(200, "{\"data\":{\"groups\":[{\"id\":\"Y2FwaV9ncm91cDox\",\"subject\":\"Crew\"}]},"
                + "\"paging\":{}}"));

        LiveGroup g = api(10).getGroup(BOT, GROUP);

        assertThat(g.suspended()).isTrue();
        assertThat(g.subject()).isEqualTo("Crew");
        assertThat(g.members()).isEmpty();
    }

    @Test
    void aSuspendedAnswerToAReadOfAnUnlistedGroupIsTheSuspensionError() {
        server.enqueue(graphError(403, 131207, "Group is suspended"));
        server.enqueue(json(200, "{\"data\":{\"groups\":[]},\"paging\":{}}"));

        assertThatThrownBy(() -> api(10).getGroup(BOT, GROUP)).isInstanceOf(CloudExceptions.GroupSuspended.class)
                .hasMessageContaining("suspended");
    }

    @Test
    void aGroupSuspendedBetweenItsReadAndItsJoinRequestsReadsAsSuspended() throws Exception {
        server.enqueue(json(200, "{\"subject\":\"S\",\"participants\":[{\"wa_id\":\"46700000001\"}],"
                + "\"join_approval_mode\":\"approval_required\",\"suspended\":false}"));
        server.enqueue(graphError(403, 131207, "Group is suspended"));

        LiveGroup g = api().getGroup(BOT, GROUP);

        assertThat(g.suspended()).isTrue();
        assertThat(g.members()).containsExactly(ALICE);
        assertThat(g.joinRequests()).isEmpty();
    }

    @Test
    void codesMapToTheCommonTypes() {
        server.enqueue(graphError(400, 131041, "Group does not exist"));
        server.enqueue(graphError(401, 190, "Invalid OAuth access token"));
        server.enqueue(graphError(403, 200, "Permissions error"));
        server.enqueue(json(400, "{\"error\":{\"message\":\"Temporary\",\"code\":1,\"is_transient\":true}}"));
        for (int i = 0; i < 3; i++) {
            server.enqueue(json(400, "{\"error\":{\"message\":\"Temporary\",\"code\":1,\"is_transient\":true}}"));
        }
        CloudGroupApi api = api();

        assertThatThrownBy(() -> api.inviteLink(BOT, GROUP)).isInstanceOf(ApiException.NotFound.class);
        assertThatThrownBy(() -> api.inviteLink(BOT, GROUP)).isInstanceOf(ApiException.Unauthorized.class);
        assertThatThrownBy(() -> api.inviteLink(BOT, GROUP)).isInstanceOf(ApiException.Forbidden.class);
        assertThatThrownBy(() -> api.inviteLink(BOT, GROUP)).isInstanceOf(CloudExceptions.Transient.class)
                .satisfies(e -> assertThat(((ApiException) e).isTransient()).isTrue());
        assertThat(server.getRequestCount()).as("the transient one tried 4 times").isEqualTo(7);
    }

    @Test
    void approveAndRejectSendTheIdsAndAnswerTheFailedOnes() throws Exception {
        server.enqueue(json(200, "{\"approved_join_requests\":[\"jr1\"],"
                + "\"failed_join_requests\":[{\"join_request_id\":\"jr2\",\"errors\":[{\"code\":131213}]}]}"));
        server.enqueue(json(200, "{\"rejected_join_requests\":[\"jr3\"],\"failed_join_requests\":[]}"));

        assertThat(api().approveJoinRequests(BOT, GROUP, List.of("jr1", "jr2"))).containsExactly("jr2");
        assertThat(api().rejectJoinRequests(BOT, GROUP, List.of("jr3"))).isEmpty();
        assertThat(api().approveJoinRequests(BOT, GROUP, List.of())).isEmpty();

        RecordedRequest approve = take();
        assertThat(approve.getMethod()).isEqualTo("POST");
        assertThat(approve.getUrl().encodedPath()).isEqualTo("/v23.0/Y2FwaV9ncm91cDox/join_requests");
        assertThat(body(approve).toString())
                .isEqualTo("{\"messaging_product\":\"whatsapp\",\"join_requests\":[\"jr1\",\"jr2\"]}");
        assertThat(take().getMethod()).isEqualTo("DELETE");
        assertThat(server.getRequestCount()).as("nothing sent for no ids").isEqualTo(2);
    }

    @Test
    void deleteGroupDeletesTheGroupItself() throws Exception {
        server.enqueue(success());

        api().deleteGroup(BOT, GROUP);

        RecordedRequest r = take();
        assertThat(r.getMethod()).isEqualTo("DELETE");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v23.0/Y2FwaV9ncm91cDox");
    }

    @Test
    void aBotWithoutATokenIsUnauthorizedWithoutSending() {
        CloudGroupApi api = CloudGroupApi.create(new CloudOptions(URI.create(server.url("/v23.0").toString()),
                bot -> null, Duration.ofSeconds(1), Duration.ofSeconds(1), RetryPolicy.none(), Duration.ofSeconds(1),
                null), RateLimiter.unlimited());

        assertThatThrownBy(() -> api.listGroups(BOT)).isInstanceOf(ApiException.Unauthorized.class)
                .hasMessageContaining("no API token");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void theTokenAppearsInNoExceptionMessageAndNoLogLineEvenWhenTheServerEchoesIt() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level previous = root.getLevel();
        root.setLevel(Level.DEBUG);
        appender.start();
        root.addAppender(appender);
        List<Throwable> failures = new ArrayList<>();
        try {
            server.enqueue(graphError(401, 190, "Invalid OAuth access token: Bearer " + TOKEN));
            server.enqueue(json(400, "<html>token " + TOKEN + " refused</html>"));
            server.enqueue(json(200, "{not json " + TOKEN));
            CloudGroupApi api = CloudGroupApi.create(options().withRetry(RetryPolicy.none()), RateLimiter.unlimited());
            for (int i = 0; i < 3; i++) {
                try {
                    api.getGroup(BOT, GROUP);
                } catch (ApiException e) {
                    failures.add(e);
                }
            }
            assertThat(api.toString()).doesNotContain(TOKEN);
            assertThat(options().toString()).doesNotContain(TOKEN);
        } finally {
            root.detachAppender(appender);
            root.setLevel(previous);
        }
        assertThat(failures).hasSize(3).allSatisfy(e -> {
            assertThat(e.getMessage()).doesNotContain(TOKEN);
            assertThat(((ApiException) e).reason() == null ? "" : ((ApiException) e).reason()).doesNotContain(TOKEN);
        });
        assertThat(failures.get(0).getMessage()).contains("****");
        assertThat(appender.list).isNotEmpty().allSatisfy(event -> {
            assertThat(event.getFormattedMessage()).doesNotContain(TOKEN);
        });
    }
}
