package dev.roster.daemon;

import static dev.roster.testing.LocalHttp.await;
import static dev.roster.testing.LocalHttp.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.api.GroupApi;
import dev.roster.api.ProviderRouter;
import dev.roster.api.RateLimiter;
import dev.roster.api.RetryPolicy;
import dev.roster.api.cloud.CloudGroupApi;
import dev.roster.api.cloud.CloudOptions;
import dev.roster.config.RosterSettings;
import dev.roster.config.SettingsLoader;
import dev.roster.model.BotId;
import dev.roster.model.Capabilities;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Cloud API bot under the daemon, with the simulator's signed webhooks going to {@code /hooks/cloud}: the create
 * completes through its {@code group_create} webhook, and a join request runs just that group, which lets in the
 * declared person.
 */
class DaemonCloudBotTest {
    static final BotId BOT = BotId.of("106540352242922");
    static final String APP_SECRET = "app-secret-cloud-bot-0123";
    static final String DECLARED = "46701112001";
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
                .withCloud(new CloudSettings(50, CloudSettings.DEFAULT_MAX_PARTICIPANTS, APP_SECRET)));
        int port = LocalHttp.freePort();
        sim.setCloudWebhookUrl(URI.create("http://127.0.0.1:" + port + "/hooks/cloud"));
        Path desired = Files.createDirectories(dir.resolve("groups"));
        Files.writeString(desired.resolve("store.yaml"), "bot: \"" + BOT + "\"\n"
                + "groups:\n"
                + "  store-012:\n"
                + "    subject: Store 012\n"
                + "    joinApproval: required\n"
                + "    members: [\"+" + DECLARED + "\"]\n");
        Path file = dir.resolve("roster.yaml");
        Files.writeString(file, "api:\n"
                + "  baseUrl: " + sim.baseUrl() + "\n"
                + "  token: " + SimulatorConfig.DEFAULT_TOKEN + "\n"
                + "  retry: {maxAttempts: 2, initialBackoff: 10ms, maxBackoff: 50ms}\n"
                + "  bots:\n"
                + "    \"" + BOT + "\": {provider: cloud, baseUrl: " + sim.cloudBaseUrl() + ", token: "
                + SimulatorConfig.DEFAULT_TOKEN + "}\n"
                + "audit:\n  file: " + dir.resolve("audit.jsonl") + "\n"
                + "daemon:\n" + DaemonEventsTest.NEVER + "  hooks: {debounce: 100ms}\n");
        RosterSettings settings = SettingsLoader.load(file, Map.of()).settings();
        settings = settings.withDaemon(settings.daemon().withHooks(settings.daemon().hooks()
                .withCloud(Secret.of(APP_SECRET), Secret.of("verify-token"))));
        daemon = Daemon.start(settings, client(settings), Daemon.Options.of(List.of(desired)).withNode("cloud-bot")
                .withHttpPort(port).withRunListener(runs::add));
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

    private GroupApi client(RosterSettings settings) {
        CloudGroupApi cloud = CloudGroupApi.create(new CloudOptions(sim.cloudBaseUrl(),
                bot -> Secret.of(SimulatorConfig.DEFAULT_TOKEN), Duration.ofSeconds(2), Duration.ofSeconds(10),
                new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(5)),
                Duration.ofSeconds(10), Capabilities.cloud(CloudSettings.DEFAULT_MAX_PARTICIPANTS)),
                new RateLimiter(1000, RateLimiter.Ticker.SYSTEM));
        return new ProviderRouter(bot -> cloud, settings::capabilitiesOf);
    }

    private JsonNode simulator(String method, String path, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + SimulatorConfig.DEFAULT_TOKEN)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isLessThan(300);
        return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
    }

    private String groupId() throws Exception {
        JsonNode groups = simulator("GET", "/v23.0/" + BOT + "/groups", "").path("data").path("groups");
        return groups.size() == 1 ? groups.get(0).path("id").asText() : null;
    }

    @Test
    void aDeclaredPersonsJoinRequestIsApprovedByARunOfThatGroupOnly() throws Exception {
        await("the first run creates the group", 20, () -> !runs.isEmpty() && unchecked(this::groupId) != null,
                () -> runs.toString());
        String group = groupId();
        await("the group_create webhook is received", 10, () -> get(daemon.httpPort(), "/metrics").body()
                .contains("roster_events_total{result=\"accepted\",source=\"cloud\"}"));
        await("the run the create's webhook asked for", 20, () -> runs.size() >= 2);
        assertThat(daemon.status().keyOf(BOT, GroupId.of(group))).as("the runs matched the group").isPresent();
        int before = runs.size();

        simulator("POST", "/_sim/" + BOT + "/groups/" + group + "/join_request", "{\"numbers\":[\"" + DECLARED + "\"]}");

        await("the declared person is let in", 15, () -> unchecked(() -> simulator("GET", "/v23.0/" + group
                + "?fields=participants", "")).path("participants").toString().contains(DECLARED), runs::toString);
        await("the join request's run is recorded", 10, () -> runs.size() > before);
        RunRecord joinRun = runs.get(before);
        assertThat(joinRun.partial()).as("a run of that group only").isTrue();
        assertThat(joinRun.result()).isEqualTo(RunResult.OK);
    }

    private static <T> T unchecked(java.util.concurrent.Callable<T> call) {
        try {
            return call.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
