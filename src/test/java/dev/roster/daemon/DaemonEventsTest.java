package dev.roster.daemon;

import static dev.roster.daemon.DaemonFixtures.ALICE;
import static dev.roster.daemon.DaemonFixtures.BOB;
import static dev.roster.daemon.DaemonFixtures.BOT;
import static dev.roster.testing.LocalHttp.await;
import static dev.roster.testing.LocalHttp.get;
import static dev.roster.testing.LocalHttp.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.config.RosterSettings;
import dev.roster.model.GroupId;
import dev.roster.model.LiveGroup;
import dev.roster.model.Msisdn;
import dev.roster.simulator.Simulator;
import dev.roster.testing.LocalHttp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider's group events ({@code POST /hooks/sinch}) and the control endpoints, over HTTP against a daemon in
 * this JVM whose schedule never fires after the first run: every later run is one an event or a call started.
 */
class DaemonEventsTest {
    static final String HOOK_SECRET = "hook-secret-0123456789";
    static final String TOKEN = "control-token-0123456789";
    static final String NEVER = "  schedule: \"0 0 0 1 1 ? 2099\"\n";
    private static final AtomicInteger MESSAGE_IDS = new AtomicInteger();

    @TempDir
    Path dir;
    Simulator sim;
    Daemon daemon;
    final List<RunRecord> runs = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        sim = DaemonFixtures.simulator(0);
        daemon = start(NEVER + "  http: {token: " + TOKEN + "}\n"
                + "  hooks: {sinchSecret: " + HOOK_SECRET + ", debounce: 100ms}\n");
        await("the group is created by the first run", 15, () -> groups().size() == 1 && runs.size() == 1);
    }

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private Daemon start(String daemonYaml) throws Exception {
        Path desired = Files.createDirectories(dir.resolve("groups"));
        Files.writeString(desired.resolve("sales.yaml"), DaemonFixtures.salesFile("Sales Team"));
        RosterSettings settings = DaemonFixtures.settings(sim, dir, daemonYaml);
        return Daemon.start(settings, DaemonFixtures.client(sim), Daemon.Options.of(List.of(desired))
                .withNode("events").withHttpPort(0).withRunListener(runs::add));
    }

    private List<LiveGroup> groups() {
        return sim.state().groups(BOT);
    }

    private GroupId group() {
        return groups().get(0).id();
    }

    /** One callback in the provider's shape, carrying one group event per given type, each with a new message id. */
    static String callback(GroupId group, String... types) {
        List<String> notifications = new ArrayList<>();
        for (String type : types) {
            notifications.add(notification(group, type, "m-" + MESSAGE_IDS.incrementAndGet()));
        }
        return "{\"type\":\"whatsapp\",\"notifications\":[" + String.join(",", notifications) + "]}";
    }

    static String notification(GroupId group, String type, String messageId) {
        return "{\"from\":\"46732001199\",\"to\":\"" + BOT + "\",\"in_group\":\"" + group + "\",\"message_id\":\""
                + messageId + "\",\"timestamp\":\"2026-11-30T12:00:00Z\",\"message\":{\"type\":\"group_event\","
                + "\"event_type\":\"" + type + "\",\"members\":[\"46732001122\"],\"in_group\":\"" + group + "\","
                + "\"body\":\"\u200e+46 73 200 11 22 was added\"}}";
    }

    private LocalHttp.Response deliver(String body) {
        return post(daemon.httpPort(), "/hooks/sinch?secret=" + HOOK_SECRET, body.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/json");
    }

    private LocalHttp.Response control(String path, String token) {
        return token == null ? post(daemon.httpPort(), path, new byte[0])
                : post(daemon.httpPort(), path, new byte[0], "Authorization", "Bearer " + token);
    }

    @Test
    void aSubjectChangedByHandIsSetBackByItsEventReadingOnlyThatGroup() {
        GroupId group = group();
        sim.state().setSubjectDirect(BOT, group, "Hacked");
        sim.state().stats().reset();

        assertThat(deliver(callback(group, "group_subject_changed")).status()).isEqualTo(200);

        await("the subject is set back", 10, () -> groups().get(0).subject().equals("Sales Team"),
                () -> sim.state().stats().toString());
        await("the run is recorded", 10, () -> runs.size() == 2);
        assertThat(sim.state().stats().requestsByEndpoint()).as("the group read and renamed, no list")
                .containsEntry("GET /groups/{id}", 1L).containsEntry("PATCH /groups/{id}", 1L)
                .doesNotContainKey("GET /groups");
        assertThat(runs.get(1).result()).isEqualTo(RunResult.OK);
        assertThat(get(daemon.httpPort(), "/metrics").body())
                .contains("roster_events_total{result=\"accepted\",source=\"sinch\"} 1.0");
        assertThat(get(daemon.httpPort(), "/status").body()).contains("\"description\" : \"group_subject_changed\"")
                .contains("\"group_id\" : \"" + group + "\"");
    }

    @Test
    void betweenTicksAQuietFleetMakesNoCallsAndEachEventOnlyTheReadsOfItsGroup() {
        sim.state().stats().reset();
        Instant quiet = Instant.now().plusMillis(1500);
        await("a quiet second and a half", 5, () -> Instant.now().isAfter(quiet));
        assertThat(sim.state().stats().totalRequests()).as("calls with no event").isZero();

        GroupId group = group();
        for (int i = 0; i < 3; i++) {
            int before = runs.size();
            deliver(callback(group, "group_user_left"));
            await("the event's run", 10, () -> runs.size() == before + 1);
        }
        assertThat(sim.state().stats().requestsByEndpoint()).as("per event: the group and its invite link")
                .containsOnly(java.util.Map.entry("GET /groups/{id}", 3L),
                        java.util.Map.entry("GET /groups/{id}/invite", 3L));
    }

    @Test
    void aDeclaredAdminWhoJoinsIsPromotedByTheJoinEvent() {
        GroupId group = group();
        sim.state().join(BOT, group, List.of(Msisdn.parse(ALICE), Msisdn.parse(BOB)));

        deliver(callback(group, "group_user_joined"));

        await("Alice is promoted", 10, () -> groups().get(0).admins().contains(Msisdn.parse(ALICE)));
    }

    @Test
    void anEventForAGroupNoRunHasMatchedRunsTheWholeBot() {
        GroupId stranger = sim.state().createGroup(BOT, "Somebody else's");
        sim.state().stats().reset();

        deliver(callback(stranger, "group_created"));

        await("a run of the whole bot", 10, () -> runs.size() == 2);
        assertThat(sim.state().stats().requests("GET /groups")).as("the whole bot is listed").isEqualTo(1);
    }

    @Test
    void aBurstOfAThousandEventsForOneGroupCoalescesIntoAFewRuns() {
        GroupId group = group();
        String[] types = new String[50];
        java.util.Arrays.fill(types, "group_user_joined");
        for (int i = 0; i < 20; i++) {
            assertThat(deliver(callback(group, types)).body()).contains("\"accepted\":50");
        }

        await("the burst is run", 10, () -> runs.size() >= 2);
        Instant quiet = Instant.now().plusMillis(1500);
        await("quiet", 10, () -> Instant.now().isAfter(quiet));
        assertThat(runs.size() - 1).as("runs for 1,000 events").isBetween(1, 5);
    }

    @Test
    void aRedeliveredEventIsDroppedAndIgnoredEventsStartNoRun() {
        GroupId group = group();
        String once = "{\"type\":\"whatsapp\",\"notifications\":[" + notification(group, "group_user_left", "same")
                + "]}";
        assertThat(deliver(once).body()).contains("\"accepted\":1");
        assertThat(deliver(once).body()).contains("\"accepted\":0");
        assertThat(deliver(callback(group, "group_icon_changed")).body()).contains("\"accepted\":0");
        assertThat(deliver("{\"type\":\"whatsapp\",\"statuses\":[{\"state\":\"delivered\"}]}").status())
                .isEqualTo(200);

        await("one run", 10, () -> runs.size() == 2);
        assertThat(get(daemon.httpPort(), "/metrics").body())
                .contains("roster_events_total{result=\"duplicate\",source=\"sinch\"} 1.0")
                .contains("roster_events_total{result=\"ignored\",source=\"sinch\"} 1.0");
    }

    @Test
    void aCallbackWithoutTheSecretIsRefusedAndCounted() {
        byte[] body = callback(group(), "group_user_left").getBytes(StandardCharsets.UTF_8);
        int port = daemon.httpPort();

        assertThat(post(port, "/hooks/sinch", body).status()).isEqualTo(401);
        assertThat(post(port, "/hooks/sinch?secret=wrong", body).status()).isEqualTo(401);
        assertThat(post(port, "/hooks/sinch", body, "Authorization", "Bearer wrong").status()).isEqualTo(401);
        assertThat(post(port, "/hooks/sinch", body, "Authorization", "Bearer " + HOOK_SECRET).status())
                .isEqualTo(200);
        assertThat(post(port, "/hooks/sinch?secret=" + HOOK_SECRET, "not json".getBytes(StandardCharsets.UTF_8))
                .status()).isEqualTo(400);
        assertThat(post(port, "/hooks/sinch?secret=" + HOOK_SECRET, new byte[Webhooks.MAX_SINCH_BODY + 1])
                .status()).isEqualTo(413);
        assertThat(get(port, "/hooks/sinch").status()).isEqualTo(405);
        assertThat(get(port, "/metrics").body())
                .contains("roster_events_total{result=\"unsigned\",source=\"sinch\"} 1.0")
                .contains("roster_events_total{result=\"bad_signature\",source=\"sinch\"} 2.0");
    }

    @Test
    void syncRunsNowAndAnswersWithTheRunWhenAskedToWait() {
        LocalHttp.Response r = control("/api/v1/bots/" + BOT + "/sync?wait=true", TOKEN);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("\"result\":\"ok\"").contains("\"bot\":\"" + BOT + "\"");
        await("the run is recorded", 10, () -> runs.size() == 2);
        assertThat(control("/api/v1/bots/" + BOT + "/groups/sales-team/sync?wait=true", TOKEN).body())
                .contains("\"result\":\"ok\"");
        assertThat(control("/api/v1/bots/" + BOT + "/groups/nothing/sync", TOKEN).status()).isEqualTo(404);
        assertThat(control("/api/v1/bots/123456789/sync", TOKEN).status()).isEqualTo(404);
    }

    @Test
    void controlNeedsTheToken() {
        assertThat(control("/api/v1/bots/" + BOT + "/sync", null).status()).isEqualTo(401);
        assertThat(control("/api/v1/bots/" + BOT + "/sync", "wrong").status()).isEqualTo(401);
        assertThat(control("/api/v1/bots/" + BOT + "/pause", "wrong").status()).isEqualTo(401);
        assertThat(runs).hasSize(1);
    }

    @Test
    void aPausedBotRunsNeitherOnSyncNorOnEventsUntilResumed() {
        assertThat(control("/api/v1/bots/" + BOT + "/pause", TOKEN).status()).isEqualTo(200);
        assertThat(control("/api/v1/bots/" + BOT + "/sync", TOKEN).status()).isEqualTo(409);
        sim.state().setSubjectDirect(BOT, group(), "Hacked");
        deliver(callback(group(), "group_subject_changed"));
        Instant later = Instant.now().plusMillis(1000);
        await("a second", 5, () -> Instant.now().isAfter(later));
        assertThat(runs).as("no run while paused").hasSize(1);
        assertThat(get(daemon.httpPort(), "/status").body()).contains("\"health\" : \"Suspended\"");

        assertThat(control("/api/v1/bots/" + BOT + "/resume", TOKEN).status()).isEqualTo(200);
        deliver(callback(group(), "group_subject_changed"));
        await("the subject is set back once resumed", 10, () -> groups().get(0).subject().equals("Sales Team"));
        assertThat(control("/api/v1/bots/" + BOT + "/sync?wait=true", TOKEN).status()).isEqualTo(200);
    }

    @Test
    void withoutSecretsAndTokenTheHooksAndControlAreOff() throws Exception {
        daemon.close();
        daemon = start(NEVER);
        int port = daemon.httpPort();
        byte[] body = callback(group(), "group_user_left").getBytes(StandardCharsets.UTF_8);

        assertThat(post(port, "/hooks/sinch", body).status()).isEqualTo(404);
        assertThat(post(port, "/hooks/git", body).status()).isEqualTo(404);
        assertThat(post(port, "/api/v1/bots/" + BOT + "/sync", new byte[0], "Authorization", "Bearer x").status())
                .isEqualTo(404);
    }
}
