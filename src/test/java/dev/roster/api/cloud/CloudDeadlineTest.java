package dev.roster.api.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.roster.api.ApiException;
import dev.roster.api.GroupApi;
import dev.roster.api.RateLimiter;
import dev.roster.api.RetryPolicy;
import dev.roster.api.RunDeadline;
import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.Secret;
import dev.roster.testing.TricklingServer;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A Cloud API answer trickling one byte a second is cut by the call timeout, and by a run's deadline. */
class CloudDeadlineTest {
    static final BotId BOT = BotId.of("106540352242922");
    static final String TOKEN = "EAAG-deadline-0042";
    static final Duration GUARD = Duration.ofSeconds(25);

    static CloudGroupApi api(TricklingServer server, RetryPolicy retry, Duration callTimeout) {
        return CloudGroupApi.create(new CloudOptions(URI.create(server.baseUrl() + "/v23.0"), bot -> Secret.of(TOKEN),
                Duration.ofSeconds(2), Duration.ofSeconds(5), retry, callTimeout, null), RateLimiter.unlimited());
    }

    @Test
    void aTricklingAnswerIsCutAtTheCallTimeoutWithAMessageNamingTheCall() throws IOException {
        try (TricklingServer server = TricklingServer.start(TricklingServer.Mode.BODY_ONLY)) {
            CloudGroupApi api = api(server, RetryPolicy.none(), Duration.ofSeconds(1));

            ApiException e = assertTimeoutPreemptively(GUARD, () -> catchThrowableOfType(
                    ApiException.Unreachable.class, () -> api.getGroup(BOT, GroupId.of("cg1"))));

            assertThat(e.getMessage()).contains("GET /cg1 for bot 106540352242922")
                    .contains("no whole answer within the call timeout of 1000 ms").doesNotContain(TOKEN);
            assertThat(server.requests()).isEqualTo(1);
        }
    }

    @Test
    void theRunDeadlineCutsTheCallInFlightAndLeavesNoRetry() throws IOException {
        try (TricklingServer server = TricklingServer.start(TricklingServer.Mode.BODY_ONLY)) {
            RetryPolicy retries = new RetryPolicy(5, Duration.ofMillis(10), Duration.ofMillis(10),
                    Duration.ofSeconds(60));
            GroupApi api = RunDeadline.after(Duration.ofMillis(1500), Clock.systemUTC())
                    .bound(api(server, retries, Duration.ofSeconds(60)));

            ApiException.RunDeadlineExceeded e = assertTimeoutPreemptively(GUARD, () -> catchThrowableOfType(
                    ApiException.RunDeadlineExceeded.class, () -> api.listGroups(BOT)));

            assertThat(e.made()).isTrue();
            assertThat(e.getMessage()).contains("GET /106540352242922/groups for bot 106540352242922")
                    .contains("cut off at the run's time limit of 1500ms");
            assertThat(server.requests()).isEqualTo(1);
        }
    }
}
