package dev.roster.api.sinch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.roster.api.ApiException;
import dev.roster.api.GroupApi;
import dev.roster.api.RateLimiter;
import dev.roster.api.RetryPolicy;
import dev.roster.api.RunDeadline;
import dev.roster.model.BotId;
import dev.roster.model.Secret;
import dev.roster.testing.MutableClock;
import dev.roster.testing.TricklingServer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 13, finding 3: a server that trickles its answer one byte a second never trips the read timeout (each
 * read gets a byte), so only a deadline on the whole exchange ends the call. {@code callTimeout} bounds each
 * attempt; each retry has its own; a run's {@link RunDeadline} cuts the attempt in flight and stops the retries.
 */
class SinchDeadlineTest {
    static final BotId BOT = BotId.of("447506616260");
    static final String TOKEN = "tok-DEADLINE-5521";
    static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
    /** A guard against the old behaviour (a call that never ends), far above what each case needs. */
    static final Duration GUARD = Duration.ofSeconds(25);

    static SinchGroupApi api(TricklingServer server, RetryPolicy retry, Duration callTimeout) {
        return SinchGroupApi.create(new SinchOptions(server.baseUrl(), bot -> Secret.of(TOKEN), Duration.ofSeconds(2),
                READ_TIMEOUT, retry, callTimeout), RateLimiter.unlimited());
    }

    static RetryPolicy attempts(int n) {
        return new RetryPolicy(n, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(60));
    }

    @ParameterizedTest
    @EnumSource(TricklingServer.Mode.class)
    void aTricklingAnswerIsCutAtTheCallTimeoutWithAMessageNamingTheCall(TricklingServer.Mode mode)
            throws IOException {
        try (TricklingServer server = TricklingServer.start(mode)) {
            SinchGroupApi api = api(server, RetryPolicy.none(), Duration.ofSeconds(1));

            ApiException e = assertTimeoutPreemptively(GUARD,
                    () -> catchThrowableOfType(ApiException.Unreachable.class, () -> api.listGroups(BOT)));

            assertThat(e).as("the call ends in an error").isNotNull();
            assertThat(e.getMessage())
                    .contains("GET /groups for bot 447506616260")
                    .contains("no whole answer within the call timeout of 1000 ms")
                    .doesNotContain(TOKEN);
            assertThat(server.requests()).isEqualTo(1);
        }
    }

    @Test
    void eachRetryGetsItsOwnCallTimeout() throws IOException {
        try (TricklingServer server = TricklingServer.start(TricklingServer.Mode.BODY_ONLY)) {
            SinchGroupApi api = api(server, attempts(3), Duration.ofSeconds(1));

            ApiException e = assertTimeoutPreemptively(GUARD,
                    () -> catchThrowableOfType(ApiException.Unreachable.class, () -> api.listGroups(BOT)));

            assertThat(e.getMessage()).contains("call timeout of 1000 ms");
            assertThat(server.requests()).as("a timed-out read is retried: every attempt is cut at callTimeout")
                    .isEqualTo(3);
        }
    }

    @Test
    void theRunDeadlineCutsTheCallInFlightAndLeavesNoRetry() throws IOException {
        try (TricklingServer server = TricklingServer.start(TricklingServer.Mode.BODY_ONLY)) {
            // a call timeout far beyond the run's deadline, and retries that would go on for a minute
            GroupApi api = RunDeadline.after(Duration.ofMillis(1500), Clock.systemUTC())
                    .bound(api(server, attempts(5), Duration.ofSeconds(60)));

            ApiException.RunDeadlineExceeded e = assertTimeoutPreemptively(GUARD,
                    () -> catchThrowableOfType(ApiException.RunDeadlineExceeded.class, () -> api.listGroups(BOT)));

            assertThat(e.made()).as("the call was sent, and cut").isTrue();
            assertThat(e.getMessage()).contains("GET /groups for bot 447506616260")
                    .contains("cut off at the run's time limit of 1500ms").doesNotContain(TOKEN);
            assertThat(server.requests()).as("no retry starts after the deadline").isEqualTo(1);
        }
    }

    @Test
    void noCallIsMadeOnceTheRunDeadlineHasPassed() throws IOException {
        try (TricklingServer server = TricklingServer.start(TricklingServer.Mode.BODY_ONLY)) {
            MutableClock clock = new MutableClock(Instant.parse("2026-11-30T12:00:00Z"));
            RunDeadline deadline = RunDeadline.after(Duration.ofMinutes(10), clock);
            GroupApi api = deadline.bound(api(server, attempts(5), Duration.ofSeconds(1)));
            clock.advance(Duration.ofMinutes(10));

            ApiException.RunDeadlineExceeded e =
                    catchThrowableOfType(ApiException.RunDeadlineExceeded.class, () -> api.listGroups(BOT));

            assertThat(e.made()).isFalse();
            assertThat(e.getMessage()).isEqualTo(
                    "not done: the run's time limit of 10m had passed before listing the groups of bot 447506616260");
            assertThat(server.requests()).isZero();
        }
    }

    @Test
    void aClientWidePauseLongerThanTheRunIsNotWaitedOut() throws IOException {
        try (TricklingServer server = TricklingServer.start(TricklingServer.Mode.BODY_ONLY)) {
            RateLimiter limiter = new RateLimiter(50, RateLimiter.Ticker.SYSTEM);
            limiter.pauseFor(Duration.ofHours(1)); // as after a 429 with Retry-After: 3600
            GroupApi api = RunDeadline.after(Duration.ofSeconds(10), Clock.systemUTC()).bound(SinchGroupApi.create(
                    new SinchOptions(server.baseUrl(), bot -> Secret.of(TOKEN), Duration.ofSeconds(2), READ_TIMEOUT,
                            RetryPolicy.none(), Duration.ofSeconds(1)), limiter));

            ApiException.RunDeadlineExceeded e = assertTimeoutPreemptively(GUARD,
                    () -> catchThrowableOfType(ApiException.RunDeadlineExceeded.class, () -> api.listGroups(BOT)));

            assertThat(e.getMessage()).isEqualTo("GET /groups for bot 447506616260: stopped at the run's time limit "
                    + "of 10s, which passes before the client's rate limit lets it go");
            assertThat(server.requests()).isZero();
        }
    }
}
