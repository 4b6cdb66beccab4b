package dev.roster.daemon;

import static dev.roster.testing.LocalHttp.await;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.config.RosterSettings;
import dev.roster.config.RosterSettings.NotifyKind;
import dev.roster.config.RosterSettings.NotifyTarget;
import dev.roster.config.RosterSettings.NotifyTargetType;
import dev.roster.model.BotId;
import dev.roster.model.Secret;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class NotifierTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BotId BOT = BotId.of("46700000001");
    private static final String COMMIT_A = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
    private static final String COMMIT_B = "b2c3d4e5f60718293a4b5c6d7e8f901234567890";
    private static final String REFUSAL = "group sales refused: refused: the plan removes 5 of 10 participants (50%),"
            + " more than reconcile.maxRemovalPercent (25%); allow it for one run with --allow-removal sales or"
            + " --max-removal-percent 50, or raise the setting";
    private static final Notifier.Tuning FAST = Notifier.Tuning.defaults()
            .withBackoff(Duration.ofMillis(10), Duration.ofMillis(40));

    private final List<AutoCloseable> open = new ArrayList<>();
    private final DaemonMetrics metrics = new DaemonMetrics();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private <T extends AutoCloseable> T keep(T c) {
        open.add(c);
        return c;
    }

    private static RunRecord run(RunResult result, String commit, int drift, String... errors) {
        return new RunRecord(BOT, "node-1", null, Instant.parse("2026-11-30T12:00:00Z"), Duration.ofSeconds(3),
                commit, result, Map.of(), drift, 0, Map.of(), List.of(errors)).withPartial(false);
    }

    private static RosterSettings settings(String mode, NotifyTarget... targets) {
        RosterSettings d = RosterSettings.defaults();
        RosterSettings.Daemon daemon = new RosterSettings.Daemon(d.daemon().schedule(), mode, d.daemon().http(),
                d.daemon().git(), d.daemon().jobStore());
        return new RosterSettings(d.api(), d.numbers(), d.reconcile(), daemon, d.audit(), d.lock(),
                new RosterSettings.Notify(List.of(targets), Set.of(NotifyKind.values())));
    }

    private static NotifyTarget webhook(String url, String secret) {
        return new NotifyTarget(NotifyTargetType.WEBHOOK, Secret.of(url), URI.create(url).getHost(),
                secret == null ? null : Secret.of(secret));
    }

    private static NotifyTarget slack(String url) {
        return new NotifyTarget(NotifyTargetType.SLACK, Secret.of(url), URI.create(url).getHost(), null);
    }

    private Notifier notifier(RosterSettings settings, Notifier.Tuning tuning) {
        return keep(Notifier.start(settings, metrics, tuning));
    }

    private static List<String> kinds(NotifyReceiver receiver) {
        return receiver.received().stream().map(r -> json(r).get("kind").asText() + "@"
                + json(r).get("commit").asText().substring(0, 1)).toList();
    }

    private static JsonNode json(NotifyReceiver.Received r) {
        try {
            return JSON.readTree(r.body());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private double notifications(String type, String result) {
        String line = "roster_notifications_total{result=\"" + result + "\",target_type=\"" + type + "\"} ";
        return metrics.scrape().lines().filter(l -> l.startsWith(line))
                .mapToDouble(l -> Double.parseDouble(l.substring(line.length()))).sum();
    }

    @Test
    void eachBotCommitAndKindIsSentOnce() throws Exception {
        NotifyReceiver receiver = keep(NotifyReceiver.answering());
        Notifier notifier = notifier(settings("apply", webhook(receiver.url("/roster"), null)), FAST);
        notifier.accept(run(RunResult.FAILED, COMMIT_A, 0, "group sales failed: HTTP 500"));
        notifier.accept(run(RunResult.FAILED, COMMIT_A, 0, "group sales failed: HTTP 503"));
        notifier.accept(run(RunResult.FAILED, COMMIT_B, 0, "group sales failed: HTTP 500"));
        notifier.accept(run(RunResult.INVALID, COMMIT_B, 0, "groups/sales.yaml:3:5: bad"));
        await("four runs' notifications", 10, () -> receiver.received().size() >= 3);
        // one worker per target sends in order: once the last is in, nothing else was queued before it
        assertThat(kinds(receiver)).containsExactly("failed@a", "failed@b", "invalid@b");
        assertThat(receiver.received()).allSatisfy(r -> assertThat(r.path()).isEqualTo("/roster"));
    }

    @Test
    void recoveredFollowsAFailureOrARefusalButNotAPlainOrPartialOkRun() throws Exception {
        NotifyReceiver receiver = keep(NotifyReceiver.answering());
        Notifier notifier = notifier(settings("apply", webhook(receiver.url("/r"), null)), FAST);
        notifier.accept(run(RunResult.OK, COMMIT_A, 0));
        notifier.accept(run(RunResult.FAILED, COMMIT_A, 0, REFUSAL));
        notifier.accept(run(RunResult.OK, COMMIT_A, 0));
        notifier.accept(run(RunResult.OK, COMMIT_A, 0));
        notifier.accept(run(RunResult.FAILED, COMMIT_B, 0, REFUSAL, "group hr failed: HTTP 500"));
        notifier.accept(run(RunResult.OK, COMMIT_B, 0).withPartial(true)); // one group's run proves little
        notifier.accept(run(RunResult.OK, COMMIT_B, 0));
        await("four notifications", 10, () -> receiver.received().size() >= 4);
        assertThat(kinds(receiver)).containsExactly("refused@a", "recovered@a", "failed@b", "recovered@b");
        assertThat(json(receiver.received().get(1)).get("summary").asText())
                .isEqualTo("bot 46700000001 recovered at commit a1b2c3d: 0 change(s) applied");
    }

    @Test
    void aReportModeDriftIsSentWithTheDocumentedBodyAndNoPeoplesNumbers() throws Exception {
        NotifyReceiver receiver = keep(NotifyReceiver.answering());
        Notifier notifier = notifier(settings("report", webhook(receiver.url("/r"), null)), FAST);
        notifier.accept(run(RunResult.DRIFT, COMMIT_A, 4));
        notifier.accept(run(RunResult.FAILED, COMMIT_A, 0,
                "group sales failed: +46 70 123 45 67 is not on WhatsApp (bot 46700000001)"));
        await("two notifications", 10, () -> receiver.received().size() >= 2);
        JsonNode drift = json(receiver.received().get(0));
        assertThat(JSON.writeValueAsString(drift)).isEqualTo("{\"kind\":\"drift\",\"bot\":\"46700000001\","
                + "\"commit\":\"" + COMMIT_A + "\",\"node\":\"node-1\",\"at\":\"2026-11-30T12:00:03Z\","
                + "\"summary\":\"bot 46700000001 has 4 change(s) of drift at commit a1b2c3d (report mode: nothing"
                + " written)\",\"errors\":[],\"drift\":4,\"pending\":0}");
        assertThat(receiver.received().get(0).header("Content-Type")).startsWith("application/json");
        JsonNode failed = json(receiver.received().get(1));
        assertThat(failed.get("errors").get(0).asText())
                .isEqualTo("group sales failed: *** is not on WhatsApp (bot 46700000001)");
        assertThat(failed.get("summary").asText()).isEqualTo("bot 46700000001 run failed at commit a1b2c3d:"
                + " group sales failed: *** is not on WhatsApp (bot 46700000001)");
        assertThat(receiver.received().get(1).text()).doesNotContain("123 45 67");
    }

    @Test
    void aSignedWebhookCarriesTheHmacOfItsBody() throws Exception {
        NotifyReceiver receiver = keep(NotifyReceiver.answering());
        Notifier notifier = notifier(settings("apply", webhook(receiver.url("/r"), "sign-7c1e0a9b"),
                webhook(receiver.url("/unsigned"), null)), FAST);
        notifier.accept(run(RunResult.INVALID, null, 0, "groups/a.yaml:1:1: not a mapping"));
        await("both targets", 10, () -> receiver.received().size() >= 2);
        NotifyReceiver.Received signed = receiver.received().stream().filter(r -> r.path().equals("/r")).findFirst()
                .orElseThrow();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("sign-7c1e0a9b".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(signed.header("X-Roster-Signature-256"))
                .isEqualTo("sha256=" + HexFormat.of().formatHex(mac.doFinal(signed.body())));
        assertThat(json(signed).get("commit").isNull()).isTrue();
        assertThat(json(signed).get("summary").asText()).isEqualTo("bot 46700000001 desired files invalid from the"
                + " local files: groups/a.yaml:1:1: not a mapping");
        NotifyReceiver.Received unsigned = receiver.received().stream().filter(r -> r.path().equals("/unsigned"))
                .findFirst().orElseThrow();
        assertThat(unsigned.header("X-Roster-Signature-256")).isNull();
    }

    @Test
    void aSlackTargetGetsOneEscapedLineOfText() throws Exception {
        NotifyReceiver receiver = keep(NotifyReceiver.answering());
        Notifier notifier = notifier(settings("apply", slack(receiver.url("/services/T0/B0/XyZ"))), FAST);
        notifier.accept(run(RunResult.FAILED, COMMIT_A, 0, "group <sales> & co failed: HTTP 500", "second"));
        await("the slack message", 10, () -> receiver.received().size() >= 1);
        assertThat(receiver.received().get(0).text()).isEqualTo("{\"text\":\"roster: bot 46700000001 apply failed at"
                + " commit a1b2c3d: group &lt;sales&gt; &amp; co failed: HTTP 500 (and 1 more)\"}");
    }

    @Test
    void aReceiverThatAnswers500TwiceGetsItOnTheThirdTryAndA404IsNotRetried() throws Exception {
        NotifyReceiver receiver = keep(NotifyReceiver.answering(500, 500, 200, 404));
        Notifier notifier = notifier(settings("apply", webhook(receiver.url("/r"), null)), FAST);
        notifier.accept(run(RunResult.FAILED, COMMIT_A, 0, "x"));
        await("sent after two 500s", 10, () -> notifications("webhook", "sent") == 1);
        assertThat(receiver.received()).hasSize(3);
        notifier.accept(run(RunResult.INVALID, COMMIT_A, 0, "y"));
        await("given up on the 404", 10, () -> notifications("webhook", "failed") == 1);
        assertThat(receiver.received()).hasSize(4);
    }

    @Test
    void aTargetThatGaveUpIsTriedAgainByTheNextRun() throws Exception {
        NotifyReceiver receiver = keep(NotifyReceiver.answering(500, 500, 500));
        Notifier.Tuning threeTries = new Notifier.Tuning(10, 3, Duration.ofMillis(10), Duration.ofMillis(10),
                Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(5), 100);
        Notifier notifier = notifier(settings("apply", webhook(receiver.url("/r"), null)), threeTries);
        notifier.accept(run(RunResult.FAILED, COMMIT_A, 0, "x"));
        await("given up after three tries", 10, () -> notifications("webhook", "failed") == 1);
        notifier.accept(run(RunResult.FAILED, COMMIT_A, 0, "x"));
        await("sent by the next run", 10, () -> notifications("webhook", "sent") == 1);
        assertThat(receiver.received()).hasSize(4);
    }

    @Test
    void aTargetThatNeverAnswersNeitherSlowsAcceptNorStopsTheOtherTarget() throws Exception {
        NotifyReceiver silent = keep(NotifyReceiver.hanging());
        NotifyReceiver healthy = keep(NotifyReceiver.answering());
        Notifier notifier = notifier(settings("apply", webhook(silent.url("/r"), null),
                webhook(healthy.url("/r"), null)), new Notifier.Tuning(2, 5, Duration.ofMillis(10),
                Duration.ofMillis(40), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(1), 100));
        long start = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            notifier.accept(run(RunResult.FAILED, String.format("%040d", i), 0, "x"));
        }
        Duration accepting = Duration.ofNanos(System.nanoTime() - start);
        assertThat(accepting).as("50 accepts while a target hangs").isLessThan(Duration.ofSeconds(2));
        await("the silent target's queue overflows", 10, () -> notifications("webhook", "dropped") >= 47);
        await("the healthy target gets what fits its queue", 10, () -> healthy.received().size() >= 3);
        start = System.nanoTime();
        notifier.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("close with a request in flight")
                .isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void anUnreachableTargetIsGivenUpOnWithoutItsUrlInTheLog() throws Exception {
        Logger log = (Logger) LoggerFactory.getLogger(NotificationSender.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        log.addAppender(events);
        Level previous = log.getLevel();
        log.setLevel(Level.INFO);
        try {
            NotifyReceiver receiver = keep(NotifyReceiver.answering(500, 500, 500, 500, 500));
            Notifier notifier = notifier(settings("apply",
                    slack("https://hooks.slack.example.invalid/services/T0/B0/XyZsecret42"),
                    slack(receiver.url("/services/T1/B1/AbCsecret43"))), FAST);
            notifier.accept(run(RunResult.FAILED, COMMIT_A, 0, "x"));
            await("both given up", 60, () -> notifications("slack", "failed") == 2);
            List<String> lines = events.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("slack target hooks.slack.example.invalid"))
                    .anySatisfy(l -> assertThat(l).contains("slack target 127.0.0.1").contains("HTTP 500"));
            assertThat(String.join("\n", lines)).doesNotContain("secret4").doesNotContain("/services/");
        } finally {
            log.detachAppender(events);
            log.setLevel(previous);
        }
    }

    @Test
    void withoutTargetsNothingIsSentAndNoThreadStarts() {
        Notifier notifier = notifier(RosterSettings.defaults(), FAST);
        notifier.accept(run(RunResult.FAILED, COMMIT_A, 0, "x"));
        assertThat(metrics.scrape()).doesNotContain("roster_notifications_total");
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("roster-notify-"));
    }
}
