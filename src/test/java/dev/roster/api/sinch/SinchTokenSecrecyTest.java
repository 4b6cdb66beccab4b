package dev.roster.api.sinch;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.roster.api.ApiException;
import dev.roster.api.RetryPolicy;
import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.Msisdn;
import dev.roster.model.Secret;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The token appears in no log event at any level, in no exception message and in no toString(). */
class SinchTokenSecrecyTest {
    static final String TOKEN = "sk-LIVE-9d2c5e77a1b04f3f";
    static final BotId BOT = BotId.of("447506616260");
    static final GroupId GROUP = GroupId.of("group:447506616260-1565342732");

    @StartStop
    final MockWebServer server = new MockWebServer();

    final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Level previousLevel;

    @BeforeEach
    void captureEverythingAtDebug() {
        previousLevel = root.getLevel();
        root.setLevel(Level.DEBUG);
        appender.start();
        root.addAppender(appender);
    }

    @AfterEach
    void restore() {
        root.detachAppender(appender);
        root.setLevel(previousLevel);
    }

    SinchGroupApi api(URI base, Duration readTimeout) {
        RetryPolicy retry = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofSeconds(5));
        return SinchGroupApi.create(new SinchOptions(base, bot -> Secret.of(TOKEN), Duration.ofSeconds(1), readTimeout,
                retry), Clock.systemUTC(), d -> { }, () -> 0.5);
    }

    @Test
    void tokenAppearsInNoLogEventNoExceptionAndNoToString() throws IOException {
        SinchGroupApi api = api(URI.create(server.url("/").toString()), Duration.ofMillis(300));
        List<Throwable> failures = new ArrayList<>();
        server.enqueue(new MockResponse.Builder().code(200).body("{\"groups\":[\"group:1-2\"]}").build());
        server.enqueue(new MockResponse.Builder().code(200).build());
        // a server that echoes the Authorization header back in its error
        server.enqueue(new MockResponse.Builder().code(400)
                .body("{\"message\":\"Validation error\",\"reason\":\"bad header Bearer " + TOKEN + "\"}").build());
        server.enqueue(new MockResponse.Builder().code(401)
                .body("<html><body>token " + TOKEN + " rejected</body></html>").build());
        server.enqueue(new MockResponse.Builder().code(503).build());
        server.enqueue(new MockResponse.Builder().code(503).build());
        server.enqueue(new MockResponse.Builder().code(200).body("{not json " + TOKEN).build());
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());

        api.listGroups(BOT);
        api.setSubject(BOT, GROUP, "A");
        collect(failures, () -> api.addAdmins(BOT, GROUP, List.of(Msisdn.parse("+46732001122"))));
        collect(failures, () -> api.removeMembers(BOT, GROUP, List.of(Msisdn.parse("+46732001122"))));
        collect(failures, () -> api.getGroup(BOT, GROUP));
        collect(failures, () -> api.listGroups(BOT));
        collect(failures, () -> api.createGroup(BOT, "A"));
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        SinchGroupApi refused = api(URI.create("http://127.0.0.1:" + closedPort), Duration.ofSeconds(1));
        collect(failures, () -> refused.revokeInviteLink(BOT, GROUP));

        assertThat(failures).hasSize(6);
        assertThat(failures).allSatisfy(f -> assertThat(f).isInstanceOf(ApiException.class));
        for (Throwable f : failures) {
            for (Throwable t = f; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(TOKEN);
                assertThat(t.toString()).doesNotContain(TOKEN);
            }
        }
        assertThat(appender.list).isNotEmpty();
        for (ILoggingEvent event : appender.list) {
            assertThat(event.getFormattedMessage()).doesNotContain(TOKEN);
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(TOKEN);
            }
        }
        assertThat(api.toString()).doesNotContain(TOKEN);
        assertThat(refused.toString()).doesNotContain(TOKEN);
    }

    @Test
    void eachExchangeIsLoggedAtDebugWithMethodPathStatusAndElapsed() {
        SinchGroupApi api = api(URI.create(server.url("/").toString()), Duration.ofSeconds(2));
        server.enqueue(new MockResponse.Builder().code(200).body("{\"groups\":[]}").build());

        api.listGroups(BOT);

        assertThat(appender.list)
                .filteredOn(e -> e.getLevel() == Level.DEBUG)
                .extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(m -> m.matches("GET /groups for bot 447506616260: 200 in \\d+ ms"));
    }

    private static void collect(List<Throwable> failures, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }
}
