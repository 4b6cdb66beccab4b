package dev.roster.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.api.ProgressListener;
import dev.roster.api.RateLimiter;
import dev.roster.api.RetryPolicy;
import dev.roster.api.cloud.CloudGroupApi;
import dev.roster.api.cloud.CloudOptions;
import dev.roster.model.BotId;
import dev.roster.model.Capabilities;
import dev.roster.model.DesiredState;
import dev.roster.model.GroupSpec;
import dev.roster.model.JoinApproval;
import dev.roster.model.LiveGroup;
import dev.roster.model.Membership;
import dev.roster.model.Secret;
import dev.roster.plan.Plan;
import dev.roster.plan.PlannerOptions;
import dev.roster.plan.RemovalGuard;
import dev.roster.simulator.CloudSettings;
import dev.roster.simulator.Simulator;
import dev.roster.simulator.SimulatorConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Creating on a provider that creates asynchronously: the applier waits for the group, and no run sends a second
 * create while the first may still complete (a lost answer, a killed process, a group that is slow to appear).
 */
class ApplierCloudTest {
    static final BotId BOT = BotId.of("106540352242922");
    static final String TOKEN = "cloud-applier-token-5d2a";
    static final PlannerOptions CLOUD = new PlannerOptions(false, RemovalGuard.NONE,
            bot -> Capabilities.cloud(8), false, false);

    @TempDir
    Path dir;

    @StartStop
    final MockWebServer server = new MockWebServer();

    Simulator sim;
    final List<AuditEntry> audit = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    static CloudGroupApi api(URI base) {
        return CloudGroupApi.create(new CloudOptions(base, bot -> Secret.of(TOKEN), Duration.ofSeconds(2),
                Duration.ofSeconds(5), RetryPolicy.none(), Duration.ofSeconds(10), Capabilities.cloud(8)),
                RateLimiter.unlimited());
    }

    static DesiredState store(String subject) {
        return new DesiredState(List.of(new GroupSpec(BOT, "store-012", subject, null, List.of(), Set.of(), Set.of(),
                Membership.EXACT, false, null, "Deliveries and shifts", JoinApproval.REQUIRED)));
    }

    Applier applier(CloudGroupApi api, Duration createTimeout, Clock clock, ApplyLedger ledger,
            CreateRequests requests) {
        ApplyOptions options = new ApplyOptions(2, RemovalGuard.NONE, false, null, false, createTimeout, null, 0);
        return new Applier(api, options, audit::add, clock).with(ledger, requests);
    }

    Plan plan(CloudGroupApi api, DesiredState desired) {
        return new Reconciler(api, 2, CLOUD).plan(desired, ProgressListener.NONE).plan();
    }

    @Test
    void asynchronousCreateIsDoneOnceTheGroupAppearsAndASecondApplyMakesNoWrites() throws Exception {
        sim = Simulator.start(SimulatorConfig.defaults().withToken(TOKEN).withBots(BOT)
                .withCloud(new CloudSettings(300, 8, null)));
        CloudGroupApi api = api(sim.cloudBaseUrl());
        ApplyLedger ledger = ApplyLedger.in(dir.resolve("ledger"));

        ApplyReport first = applier(api, Duration.ofSeconds(20), Clock.systemUTC(), ledger, new CreateRequests())
                .apply(plan(api, store("Store 012")), ProgressListener.NONE);

        GroupResult made = first.groups().get(0);
        assertThat(made.outcome()).as(made.message()).isEqualTo(GroupResult.Outcome.APPLIED);
        assertThat(made.groupId().value()).startsWith("cg");
        LiveGroup live = api.getGroup(BOT, made.groupId());
        assertThat(live.subject()).isEqualTo("Store 012");
        assertThat(audit).filteredOn(e -> e.action().equals("create_group"))
                .singleElement().satisfies(e -> assertThat(e.detail()).startsWith("request "));
        assertThat(ledger.pendingCreate(BOT, "Store 012")).isEmpty();
        assertThat(plan(api, store("Store 012")).groups().get(0).hasChanges()).isFalse();
    }

    /** A provider that accepts every create and never shows the group: its list stays empty. */
    AtomicInteger creates(String requestId) {
        AtomicInteger posts = new AtomicInteger();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                if (r.getMethod().equals("POST") && r.getTarget().endsWith("/" + BOT + "/groups")) {
                    posts.incrementAndGet();
                    return json("{\"messaging_product\":\"whatsapp\",\"request_id\":\"" + requestId + "\"}");
                }
                return json("{\"data\":{\"groups\":[]},\"paging\":{\"cursors\":{}}}");
            }
        });
        return posts;
    }

    static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
    }

    @Test
    void createThatNeverAppearsIsNotSentAgainUntilItsTimeIsLongPast() {
        AtomicInteger posts = creates("req-7");
        CloudGroupApi api = api(URI.create(server.url("/v23.0").toString()));
        ApplyLedger ledger = ApplyLedger.in(dir.resolve("ledger"));
        Duration timeout = Duration.ofMillis(600);

        GroupResult first = applier(api, timeout, Clock.systemUTC(), ledger, new CreateRequests())
                .apply(plan(api, store("Store 012")), ProgressListener.NONE).groups().get(0);
        GroupResult again = applier(api, timeout, Clock.systemUTC(), ApplyLedger.in(dir.resolve("ledger")),
                new CreateRequests()).apply(plan(api, store("Store 012")), ProgressListener.NONE).groups().get(0);
        Clock muchLater = Clock.offset(Clock.systemUTC(), timeout.multipliedBy(Applier.IN_FLIGHT_TIMEOUTS + 1));
        applier(api, timeout, muchLater, ApplyLedger.in(dir.resolve("ledger")), new CreateRequests())
                .apply(plan(api, store("Store 012")), ProgressListener.NONE);

        assertThat(first.outcome()).isEqualTo(GroupResult.Outcome.FAILED);
        assertThat(first.message()).contains("request req-7").contains("did not appear");
        assertThat(again.outcome()).isEqualTo(GroupResult.Outcome.NOT_DONE);
        assertThat(again.message()).contains("not created again").contains("request req-7");
        assertThat(posts).as("one create, then one more only after ten create timeouts").hasValue(2);
    }

    @Test
    void aCreateWhoseAnswerWasLostKeepsEveryLaterRunFromCreatingAgain() {
        AtomicInteger posts = creates("req-8");
        CloudGroupApi api = api(URI.create(server.url("/v23.0").toString()));
        ApplyLedger ledger = ApplyLedger.in(dir.resolve("ledger"));
        ledger.createStarted(BOT, "Store 012", Instant.now()); // the process was killed before the answer came

        GroupResult result = applier(api, Duration.ofSeconds(5), Clock.systemUTC(), ledger, new CreateRequests())
                .apply(plan(api, store("Store 012")), ProgressListener.NONE).groups().get(0);

        assertThat(result.outcome()).isEqualTo(GroupResult.Outcome.NOT_DONE);
        assertThat(result.message()).contains("its answer was lost");
        assertThat(posts).hasValue(0);
        assertThat(audit).isEmpty();
    }

    @Test
    void aCreateTheProviderReportsFailedEndsTheWaitAndMayBeSentAgain() {
        AtomicInteger posts = creates("req-9");
        CloudGroupApi api = api(URI.create(server.url("/v23.0").toString()));
        ApplyLedger ledger = ApplyLedger.in(dir.resolve("ledger"));
        CreateRequests requests = new CreateRequests();
        requests.failed(BOT, "req-9", "group creation temporarily disabled (131214)");

        GroupResult result = applier(api, Duration.ofSeconds(30), Clock.systemUTC(), ledger, requests)
                .apply(plan(api, store("Store 012")), ProgressListener.NONE).groups().get(0);

        assertThat(result.outcome()).isEqualTo(GroupResult.Outcome.FAILED);
        assertThat(result.message()).contains("req-9").contains("131214");
        assertThat(ledger.pendingCreate(BOT, "Store 012")).as("nothing in flight").isEmpty();
        assertThat(posts).hasValue(1);
    }

    /** The invite messages the simulator received for {@link #BOT}, as {@code to} numbers. */
    List<String> messagesSent() throws Exception {
        java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(sim.baseUrl().resolve("/_sim/" + BOT + "/messages")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        List<String> to = new ArrayList<>();
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body()).get("messages")
                .forEach(m -> to.add(m.get("to").asText()));
        return to;
    }

    @Test
    void invitesGoToEachPendingPersonOncePerLinkAndNoMoreThanTheDailyCap() throws Exception {
        sim = Simulator.start(SimulatorConfig.defaults().withToken(TOKEN).withBots(BOT)
                .withCloud(new CloudSettings(50, 8, null)));
        CloudGroupApi api = api(sim.cloudBaseUrl());
        ApplyLedger ledger = ApplyLedger.in(dir.resolve("ledger"));
        DesiredState desired = new DesiredState(List.of(new GroupSpec(BOT, "store-044", "Store 044", null, List.of(),
                Set.of(), Set.of(dev.roster.model.Msisdn.parse("+46701114001"),
                        dev.roster.model.Msisdn.parse("+46701114002"), dev.roster.model.Msisdn.parse("+46701114003")),
                Membership.EXACT, false, null, null, JoinApproval.AUTO)));
        PlannerOptions inviting = new PlannerOptions(false, RemovalGuard.NONE, bot -> Capabilities.cloud(8), false,
                true);
        dev.roster.api.InviteTemplate template = new dev.roster.api.InviteTemplate("group_invite_link", "en");
        java.util.function.BiFunction<Clock, Integer, ApplyReport> run = (clock, cap) -> new Applier(api,
                new ApplyOptions(2, RemovalGuard.NONE, false, null, false, Duration.ofSeconds(20), template, cap),
                audit::add, clock).with(ledger, new CreateRequests())
                .apply(new Reconciler(api, 2, inviting, ledger).plan(desired, ProgressListener.NONE).plan(),
                        ProgressListener.NONE);
        Clock today = Clock.systemUTC();
        Clock tomorrow = Clock.offset(today, Duration.ofDays(1));
        Clock dayAfter = Clock.offset(today, Duration.ofDays(2));

        run.apply(today, 2); // creates the group; two of three invited, the cap holds the third back
        List<String> afterFirst = messagesSent();
        run.apply(today, 2); // the two are not sent again; the cap still holds the third
        List<String> afterSecond = messagesSent();
        ApplyReport third = run.apply(tomorrow, 2);
        GroupResult group = third.groups().get(0);
        api.revokeInviteLink(BOT, group.groupId()); // a new link: everyone is sent it once more
        run.apply(dayAfter, 10);

        assertThat(afterFirst).hasSize(2);
        assertThat(afterSecond).isEqualTo(afterFirst);
        assertThat(messagesSent()).hasSize(6);
        assertThat(messagesSent().subList(2, 3)).doesNotContainAnyElementsOf(afterFirst);
        assertThat(messagesSent().subList(3, 6)).containsExactlyInAnyOrder("46701114001", "46701114002",
                "46701114003");
        assertThat(audit).filteredOn(e -> e.action().equals("send_invite") && e.outcome().equals("held"))
                .hasSize(2);
    }
}
