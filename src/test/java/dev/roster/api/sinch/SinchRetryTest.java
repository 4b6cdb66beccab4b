package dev.roster.api.sinch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.api.ApiException;
import dev.roster.api.RetryPolicy;
import dev.roster.api.http.FakeTime;
import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.Msisdn;
import dev.roster.model.Secret;
import dev.roster.testing.MutableClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which calls are retried, on what, how long the client waits, and when it gives up. */
class SinchRetryTest {
    static final BotId BOT = BotId.of("447506616260");
    static final GroupId GROUP = GroupId.of("group:447506616260-1565342732");
    static final String GROUP_JSON =
            "{\"admins\":[\"447506616260\"],\"creator\":\"447506616260\",\"members\":[],\"subject\":\"A\"}";
    static final RetryPolicy POLICY =
            new RetryPolicy(6, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(30));

    @StartStop
    final MockWebServer server = new MockWebServer();

    final FakeTime time = new FakeTime(Instant.parse("2026-01-05T10:00:00Z"));
    final List<Duration> waits = time.retryerWaits;

    SinchOptions options(RetryPolicy retry, Duration readTimeout) {
        return new SinchOptions(URI.create(server.url("/").toString()), bot -> Secret.of("t0ken"),
                Duration.ofSeconds(2), readTimeout, retry);
    }

    /** Waits (the retryer's and the rate limiter's) pass in fake time, not slept; jitter fixed at half the ceiling. */
    SinchGroupApi api(RetryPolicy retry) {
        return SinchGroupApi.create(options(retry, Duration.ofSeconds(5)), time, time, () -> 0.5,
                time.unlimitedLimiter());
    }

    static MockResponse status(int code) {
        return new MockResponse.Builder().code(code).build();
    }

    static MockResponse groupJson() {
        return new MockResponse.Builder().code(200).body(GROUP_JSON).build();
    }

    static MockResponse dropConnection() {
        return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
    }

    @Test
    void serviceUnavailableThenSuccessIsRetried() {
        server.enqueue(status(503));
        server.enqueue(groupJson());

        assertThat(api(POLICY).getGroup(BOT, GROUP).subject()).isEqualTo("A");

        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(waits).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 502, 503, 504})
    void transientStatusesAreRetried(int status) {
        server.enqueue(status(status));
        server.enqueue(groupJson());

        api(POLICY).getGroup(BOT, GROUP);

        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    static Stream<Arguments> safeCalls() {
        List<Msisdn> one = List.of(Msisdn.parse("+46732001122"));
        return Stream.of(
                Arguments.of("list", (Consumer<SinchGroupApi>) api -> api.listGroups(BOT), "{\"groups\":[]}"),
                Arguments.of("set subject", (Consumer<SinchGroupApi>) api -> api.setSubject(BOT, GROUP, "B"), ""),
                Arguments.of("leave", (Consumer<SinchGroupApi>) api -> api.leaveGroup(BOT, GROUP), ""),
                Arguments.of("remove members", (Consumer<SinchGroupApi>) api -> api.removeMembers(BOT, GROUP, one), ""),
                Arguments.of("add admins", (Consumer<SinchGroupApi>) api -> api.addAdmins(BOT, GROUP, one), ""),
                Arguments.of("remove admins", (Consumer<SinchGroupApi>) api -> api.removeAdmins(BOT, GROUP, one), ""),
                Arguments.of("invite", (Consumer<SinchGroupApi>) api -> api.inviteLink(BOT, GROUP),
                        "{\"invite_link\":\"https://chat.whatsapp.com/x\"}"),
                Arguments.of("revoke", (Consumer<SinchGroupApi>) api -> api.revokeInviteLink(BOT, GROUP), ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("safeCalls")
    void safeCallsAreRetriedOnUnavailableAndOnLostAnswers(String name, Consumer<SinchGroupApi> call, String body) {
        server.enqueue(status(503));
        server.enqueue(dropConnection());
        server.enqueue(new MockResponse.Builder().code(200).body(body).build());

        call.accept(api(POLICY));

        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void eachCallGetsItsOwnAttemptBudget() {
        SinchGroupApi api = api(POLICY);
        for (int i = 0; i < 6; i++) {
            server.enqueue(status(503));
        }
        assertThatThrownBy(() -> api.getGroup(BOT, GROUP)).isInstanceOf(ApiException.ServerError.class);
        server.enqueue(status(503));
        server.enqueue(groupJson());

        api.getGroup(BOT, GROUP);

        assertThat(server.getRequestCount()).isEqualTo(8);
    }

    @Test
    void createIsNotRetriedOnServiceUnavailable() {
        server.enqueue(status(503));
        server.enqueue(new MockResponse.Builder().code(200).body("{\"group_id\":\"group:1-2\"}").build());

        assertThatThrownBy(() -> api(POLICY).createGroup(BOT, "Sales"))
                .isInstanceOf(ApiException.ServerError.class)
                .hasMessageStartingWith("POST /groups for bot 447506616260: 503");
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void createIsNotRetriedWhenTheConnectionDropsBeforeTheAnswer() {
        server.enqueue(dropConnection());
        server.enqueue(new MockResponse.Builder().code(200).body("{\"group_id\":\"group:1-2\"}").build());

        assertThatThrownBy(() -> api(POLICY).createGroup(BOT, "Sales"))
                .isInstanceOf(ApiException.Unreachable.class)
                .hasMessageStartingWith("POST /groups for bot 447506616260: no answer");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void createIsNotRetriedOnRateLimit() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "1").build());

        assertThatThrownBy(() -> api(POLICY).createGroup(BOT, "Sales")).isInstanceOf(ApiException.RateLimited.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void unauthorizedIsNotRetried() {
        server.enqueue(status(401));
        server.enqueue(groupJson());

        assertThatThrownBy(() -> api(POLICY).getGroup(BOT, GROUP)).isInstanceOf(ApiException.Unauthorized.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 403, 404, 406, 409, 500})
    void permanentErrorsAreNotRetried(int status) {
        server.enqueue(status(status));
        server.enqueue(groupJson());

        assertThatThrownBy(() -> api(POLICY).getGroup(BOT, GROUP)).isInstanceOf(ApiException.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void retryAfterOfTwoSecondsIsWaitedOut() {
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "2").build());
        server.enqueue(groupJson());
        Instant start = time.instant();

        api(POLICY).getGroup(BOT, GROUP);

        assertThat(waits).containsExactly(Duration.ofSeconds(2));
        assertThat(Duration.between(start, time.instant())).isEqualTo(Duration.ofSeconds(2));
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    /** A 429 also pauses the client's rate limiter for the Retry-After; the retry, sent after it, is not held again. */
    @Test
    void aRateLimitedCallWaitsOutRetryAfterOnceNotAgainInThePausedLimiter() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "3").build());
        server.enqueue(groupJson());

        api(POLICY).getGroup(BOT, GROUP);

        assertThat(time.retryerWaits).containsExactly(Duration.ofSeconds(3));
        assertThat(time.limiterWaits).isEmpty();
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void retryAfterIsHonouredInFullBeyondMaxBackoff() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "5").build());
        server.enqueue(groupJson());

        api(POLICY).getGroup(BOT, GROUP);

        assertThat(waits).containsExactly(Duration.ofSeconds(5));
    }

    @Test
    void retryAfterAsHttpDateIsHonoured() {
        Instant now = Instant.parse("2026-01-05T10:00:00Z");
        String in7s = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(now.plusSeconds(7), ZoneOffset.UTC));
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", in7s).build());
        server.enqueue(groupJson());
        SinchGroupApi api = SinchGroupApi.create(options(POLICY, Duration.ofSeconds(5)),
                Clock.fixed(now, ZoneOffset.UTC), waits::add, () -> 0.5);

        api.getGroup(BOT, GROUP);

        assertThat(waits).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void retryAfterBeyondTheTotalBudgetGivesUpAtOnce() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "120").build());
        server.enqueue(groupJson());

        assertThatThrownBy(() -> api(POLICY).getGroup(BOT, GROUP)).isInstanceOf(ApiException.RateLimited.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void backoffDoublesWithJitterUpToMaxBackoffAndAttemptsAreBounded() {
        for (int i = 0; i < 6; i++) {
            server.enqueue(status(503));
        }

        assertThatThrownBy(() -> api(POLICY).getGroup(BOT, GROUP)).isInstanceOf(ApiException.ServerError.class);

        assertThat(server.getRequestCount()).isEqualTo(6);
        // ceilings 100, 200, 400, 800, 1000 (capped); jitter fixed at half
        assertThat(waits).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200),
                Duration.ofMillis(400), Duration.ofMillis(500));
    }

    @Test
    void retriesStopWhenTheTotalTimeWouldBeExceeded() {
        for (int i = 0; i < 10; i++) {
            server.enqueue(status(503));
        }
        MutableClock clock = new MutableClock(Instant.parse("2026-01-05T10:00:00Z"));
        RetryPolicy tight = new RetryPolicy(10, Duration.ofMillis(400), Duration.ofSeconds(10), Duration.ofSeconds(1));
        SinchGroupApi api = SinchGroupApi.create(options(tight, Duration.ofSeconds(5)), clock, d -> {
            waits.add(d);
            clock.advance(d);
        }, () -> 1.0);

        assertThatThrownBy(() -> api.getGroup(BOT, GROUP)).isInstanceOf(ApiException.ServerError.class);

        // waited 400 ms; the next wait (800 ms) would end past the 1 s budget
        assertThat(waits).containsExactly(Duration.ofMillis(400));
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void readTimeoutFiresAgainstAServerThatNeverAnswers() {
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
        SinchGroupApi api = SinchGroupApi.create(options(RetryPolicy.none(), Duration.ofMillis(300)));

        assertThatThrownBy(() -> api.getGroup(BOT, GROUP))
                .isInstanceOf(ApiException.Unreachable.class)
                .hasMessageContaining("read timed out after 300 ms");
    }

    @Test
    void idempotentWriteIsRetriedAfterAReadTimeout() {
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
        server.enqueue(status(200));
        SinchGroupApi api = SinchGroupApi.create(options(POLICY, Duration.ofMillis(300)), Clock.systemUTC(),
                waits::add, () -> 0.5);

        api.setSubject(BOT, GROUP, "B");

        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void connectionRefusedIsUnreachableAfterRetries() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        RetryPolicy three = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(5));
        SinchGroupApi api = SinchGroupApi.create(new SinchOptions(URI.create("http://127.0.0.1:" + closedPort),
                bot -> Secret.of("t0ken"), Duration.ofSeconds(1), Duration.ofSeconds(1), three),
                Clock.systemUTC(), waits::add, () -> 0.5);

        assertThatThrownBy(() -> api.listGroups(BOT))
                .isInstanceOf(ApiException.Unreachable.class)
                .hasMessageStartingWith("GET /groups for bot 447506616260: no answer from http://127.0.0.1:" + closedPort)
                .hasMessageContaining("connection refused");
        assertThat(waits).hasSize(2);
    }

    @Test
    void connectTimeoutFiresWhenTheServerAcceptsNoConnection() throws IOException {
        // a listening socket that never accepts, its accept queue filled: further SYNs go unanswered
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    Socket s = new Socket();
                    try {
                        s.connect(full.getLocalSocketAddress(), 200);
                        fillers.add(s);
                    } catch (IOException queueFull) {
                        s.close();
                        break;
                    }
                }
                SinchGroupApi api = SinchGroupApi.create(new SinchOptions(
                        URI.create("http://127.0.0.1:" + full.getLocalPort()), bot -> Secret.of("t0ken"),
                        Duration.ofMillis(300), Duration.ofSeconds(5), RetryPolicy.none()));

                assertThatThrownBy(() -> api.listGroups(BOT))
                        .isInstanceOf(ApiException.Unreachable.class)
                        .hasMessageContaining("connect timed out after 300 ms");
            } finally {
                for (Socket s : fillers) {
                    s.close();
                }
            }
        }
    }
}
