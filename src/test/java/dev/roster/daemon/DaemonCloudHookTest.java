package dev.roster.daemon;

import static dev.roster.daemon.DaemonFixtures.BOT;
import static dev.roster.testing.LocalHttp.await;
import static dev.roster.testing.LocalHttp.get;
import static dev.roster.testing.LocalHttp.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.apply.CreateRequests;
import dev.roster.config.RosterSettings;
import dev.roster.model.GroupId;
import dev.roster.model.Secret;
import dev.roster.simulator.CloudSettings;
import dev.roster.simulator.Simulator;
import dev.roster.simulator.SimulatorConfig;
import dev.roster.testing.LocalHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Meta's Cloud API webhook ({@code GET} and {@code POST /hooks/cloud}) over HTTP against a daemon in this JVM whose
 * schedule never fires after the first run, fed by the simulator's signed cloud webhooks and by signed bodies
 * written here (for events naming the group the first run created, which the v1 client manages).
 */
class DaemonCloudHookTest {
    static final String APP_SECRET = "app-secret-0123456789";
    static final String VERIFY_TOKEN = "verify-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;
    Simulator sim;
    Daemon daemon;
    final List<RunRecord> runs = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        sim = Simulator.start(SimulatorConfig.defaults().withBots(BOT)
                .withCloud(new CloudSettings(0, CloudSettings.DEFAULT_MAX_PARTICIPANTS, APP_SECRET)));
        daemon = start(Secret.of(APP_SECRET));
        await("the group is created by the first run", 15, () -> groups() == 1 && runs.size() == 1);
        sim.setCloudWebhookUrl(URI.create("http://127.0.0.1:" + daemon.httpPort() + "/hooks/cloud"));
        sim.state().stats().reset();
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

    private Daemon start(Secret appSecret) throws Exception {
        Path desired = Files.createDirectories(dir.resolve("groups"));
        Files.writeString(desired.resolve("sales.yaml"), DaemonFixtures.salesFile("Sales Team"));
        RosterSettings settings = DaemonFixtures.settings(sim, dir, DaemonEventsTest.NEVER
                + "  hooks: {debounce: 100ms}\n");
        settings = settings.withDaemon(settings.daemon().withHooks(settings.daemon().hooks()
                .withCloud(appSecret, Secret.of(VERIFY_TOKEN))));
        return Daemon.start(settings, DaemonFixtures.client(sim), Daemon.Options.of(List.of(desired))
                .withNode("cloud").withHttpPort(0).withRunListener(runs::add));
    }

    private int groups() {
        return sim.state().groups(BOT).size();
    }

    private GroupId group() {
        return sim.state().groups(BOT).get(0).id();
    }

    /** Meta's envelope around one group event of {@code field}, for {@link #BOT}. */
    static String envelope(String field, String groupEvent) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"" + BOT + "\",\"changes\":[{\"field\":\""
                + field + "\",\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\""
                + BOT + "\",\"phone_number_id\":\"" + BOT + "\"},\"groups\":[" + groupEvent + "]}}]}]}";
    }

    static String sign(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    private LocalHttp.Response deliver(String body) throws Exception {
        byte[] raw = body.getBytes(StandardCharsets.UTF_8);
        return post(daemon.httpPort(), "/hooks/cloud", raw, "Content-Type", "application/json",
                "X-Hub-Signature-256", sign(APP_SECRET, raw));
    }

    private String metrics() {
        return get(daemon.httpPort(), "/metrics").body();
    }

    private static String counted(String result, int n) {
        return "roster_events_total{result=\"" + result + "\",source=\"cloud\"} " + n + ".0";
    }

    /** A call to the simulator's Cloud API dialect or its {@code /_sim/} helpers; the answer's body. */
    private String simulator(String method, String path, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + SimulatorConfig.DEFAULT_TOKEN)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isLessThan(300);
        return r.body();
    }

    @Test
    void theSubscriptionCheckIsAnsweredOnlyWithTheVerifyTokenAndASafeChallenge() {
        int port = daemon.httpPort();
        String check = "/hooks/cloud?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=";

        LocalHttp.Response ok = get(port, check + VERIFY_TOKEN);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("1158201444");
        assertThat(get(port, check + "wrong").status()).isEqualTo(403);
        assertThat(get(port, "/hooks/cloud?hub.mode=subscribe&hub.challenge=1158201444").status()).isEqualTo(403);
        assertThat(get(port, "/hooks/cloud?hub.mode=unsubscribe&hub.challenge=1&hub.verify_token=" + VERIFY_TOKEN)
                .status()).isEqualTo(403);
        LocalHttp.Response markup = get(port, "/hooks/cloud?hub.mode=subscribe&hub.challenge=%3Cscript%3E"
                + "&hub.verify_token=" + VERIFY_TOKEN);
        assertThat(markup.status()).isEqualTo(400);
        assertThat(markup.body()).doesNotContain("<script>");
        assertThat(get(port, "/hooks/cloud?hub.mode=subscribe&hub.challenge=" + "9".repeat(129)
                + "&hub.verify_token=" + VERIFY_TOKEN).status()).isEqualTo(400);
    }

    @Test
    void aDeliveryUnsignedOrSignedWithAnotherSecretIsRefusedAndCountedAndRunsNothing() throws Exception {
        byte[] body = envelope("group_participants_update", "{\"type\":\"group_join_request_created\",\"group_id\":\""
                + group() + "\",\"join_request_id\":\"jr1\",\"wa_id\":\"46732005566\"}").getBytes(StandardCharsets.UTF_8);
        int port = daemon.httpPort();

        assertThat(post(port, "/hooks/cloud", body).status()).isEqualTo(401);
        assertThat(post(port, "/hooks/cloud", body, "X-Hub-Signature-256", sign("another", body)).status())
                .isEqualTo(401);
        assertThat(post(port, "/hooks/cloud", body, "X-Hub-Signature-256", sign(APP_SECRET, body).substring(7))
                .status()).as("no sha256= prefix").isEqualTo(401);

        assertThat(metrics()).contains(counted("unsigned", 1)).contains(counted("bad_signature", 2))
                .doesNotContain("result=\"accepted\",source=\"cloud\"");
        assertThat(get(port, "/status").body()).doesNotContain("last_event");
        assertThat(runs).hasSize(1);
    }

    @Test
    void aSignedBodyThatIsNotJsonIsRefusedWith400ButMetasSampleSyntaxIsRead() throws Exception {
        assertThat(deliver("not json {").status()).isEqualTo(400);
        assertThat(metrics()).contains(counted("not_json", 1));

        // as Meta's samples: a comma missing at a line's end, trailing commas, initiated_by beside the group
        String sample = "{\"object\": \"whatsapp_business_account\",\n\"entry\": [{\"id\": \"1\",\n"
                + "\"changes\": [{\"field\": \"group_participants_update\",\n\"value\": {\"metadata\": {\n"
                + "\"phone_number_id\": \"" + BOT + "\",\n},\n\"groups\": [{\"type\": \"group_remove_participants\"\n"
                + "\"group_id\": \"" + group() + "\",\n\"removed_participants\": [{\"wa_id\": \"46732005566\"}],\n}],\n"
                + "\"initiated_by\": \"participant\"\n}}]}]}";
        LocalHttp.Response read = deliver(sample);

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).contains("\"accepted\":1");
        await("the group's run", 10, () -> runs.size() == 2);
    }

    @Test
    void aJoinEventForADeclaredGroupRunsOnlyThatGroupAndItsRedeliveryNothing() throws Exception {
        String body = envelope("group_participant_update", "{\"type\":\"group_add_participants\",\"group_id\":\""
                + group() + "\",\"reason\":\"invite_link\",\"added_participants\":[{\"wa_id\":\"46732005566\"}]}");

        assertThat(deliver(body).body()).contains("\"accepted\":1");
        LocalHttp.Response again = deliver(body);

        assertThat(again.status()).as("a redelivery is answered 200 so that Meta stops").isEqualTo(200);
        assertThat(again.body()).contains("already received");
        await("the group's run", 10, () -> runs.size() == 2, () -> sim.state().stats().toString());
        assertThat(runs.get(1).partial()).as("a run of that group only").isTrue();
        assertThat(sim.state().stats().requestsByEndpoint()).as("the group read, no list")
                .containsKey("GET /groups/{id}").doesNotContainKey("GET /groups");
        assertThat(metrics()).contains(counted("accepted", 1)).contains(counted("duplicate", 1));
        assertThat(get(daemon.httpPort(), "/status").body()).contains("\"description\" : \"group_participants_add\"");
    }

    @Test
    void theSimulatorsCreateWebhookCompletesTheRequestAndItsJoinRequestWebhookRunsTheBot() throws Exception {
        JsonNode created = JSON.readTree(simulator("POST", "/v23.0/" + BOT + "/groups",
                "{\"messaging_product\":\"whatsapp\",\"subject\":\"Cloud Club\",\"join_approval_mode\":"
                        + "\"approval_required\"}"));
        String requestId = created.path("request_id").asText();
        CreateRequests creates = daemon.createRequests();

        await("the group_create webhook is received", 10, () -> creates.outcome(requestId).isPresent());
        CreateRequests.Outcome outcome = creates.outcome(requestId).get();
        assertThat(outcome.bot()).isEqualTo(BOT);
        assertThat(outcome.failure()).isNull();
        String cloudGroup = outcome.group().value();
        assertThat(cloudGroup).startsWith("cg");
        await("the bot's run after the create", 10, () -> runs.size() == 2);

        simulator("POST", "/_sim/" + BOT + "/groups/" + cloudGroup + "/join_request", "{\"numbers\":[\"46732005566\"]}");

        await("the join request's run", 10, () -> runs.size() == 3);
        assertThat(runs.get(2).partial()).as("a group no run matched: the whole bot").isFalse();
        assertThat(metrics()).contains(counted("accepted", 2));
        assertThat(get(daemon.httpPort(), "/status").body())
                .contains("\"description\" : \"group_join_request_created\"")
                .contains("\"group_id\" : \"" + cloudGroup + "\"");
    }

    @Test
    void aFailedCreateIsReportedWithTheProvidersMessage() throws Exception {
        deliver(envelope("group_lifecycle_update", "{\"type\":\"group_create\",\"request_id\":\"req-9\","
                + "\"subject\":\"X\",\"errors\":[{\"code\":131211,\"message\":\"Group create limit reached\","
                + "\"title\":\"Limit\"}]}"));

        Optional<CreateRequests.Outcome> outcome = daemon.createRequests().outcome("req-9");
        assertThat(outcome).isPresent();
        assertThat(outcome.get().group()).isNull();
        assertThat(outcome.get().failure()).isEqualTo("Group create limit reached");
        await("the bot's run", 10, () -> runs.size() == 2);
        assertThat(runs.get(1).partial()).isFalse();
    }

    @Test
    void aSuspendedGroupIsShownSuspendedUntilTheSuspensionIsCleared() throws Exception {
        String group = group().value();

        deliver(envelope("group_status_update", "{\"type\":\"group_suspend\",\"group_id\":\"" + group + "\"}"));

        await("the group's run", 10, () -> runs.size() == 2);
        assertThat(daemon.status().healthCounts(BOT)).containsEntry(HealthStatus.SUSPENDED, 1);
        assertThat(get(daemon.httpPort(), "/status").body()).contains("\"health\" : \"Suspended\"");

        deliver(envelope("group_status_update", "{\"type\":\"group_suspend_cleared\",\"group_id\":\"" + group
                + "\"}"));

        assertThat(daemon.status().healthCounts(BOT)).containsEntry(HealthStatus.SUSPENDED, 0);
        await("the group's run", 10, () -> runs.size() == 3);
    }

    @Test
    void aRemovalTheBusinessMadeIsRosterOwnAndStartsNoRun() throws Exception {
        String removal = "{\"type\":\"group_participants_remove\",\"group_id\":\"" + group() + "\","
                + "\"removed_participants\":[{\"wa_id\":\"46732005566\"}],\"initiated_by\":\"";

        assertThat(deliver(envelope("group_participants_update", removal + "business\"}")).body())
                .contains("\"accepted\":0");
        assertThat(deliver(envelope("group_participants_update", removal + "participant\"}")).body())
                .contains("\"accepted\":1");

        await("the run of the person's leaving", 10, () -> runs.size() == 2);
        assertThat(metrics()).contains(counted("own_change", 1)).contains(counted("accepted", 1));
    }

    @Test
    void withoutAnAppSecretTheCloudHookIsOff() throws Exception {
        daemon.close();
        daemon = start(null);
        byte[] body = envelope("group_status_update", "{\"type\":\"group_suspend\",\"group_id\":\"cg1\"}")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(post(daemon.httpPort(), "/hooks/cloud", body, "X-Hub-Signature-256", sign(APP_SECRET, body))
                .status()).isEqualTo(404);
        assertThat(get(daemon.httpPort(), "/hooks/cloud?hub.mode=subscribe&hub.challenge=1&hub.verify_token="
                + VERIFY_TOKEN).status()).isEqualTo(404);
    }
}
