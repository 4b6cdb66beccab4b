package dev.roster.daemon;

import dev.roster.apply.CreateRequests;
import dev.roster.config.RosterSettings;
import dev.roster.model.BotId;
import dev.roster.model.Secret;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Meta's Cloud API webhook, on when {@code daemon.hooks.cloudAppSecret} is set (404 otherwise).
 *
 * <p>{@code GET /hooks/cloud?hub.mode=subscribe&hub.challenge=N&hub.verify_token=T} is Meta's subscription check:
 * the challenge comes back (text) when T is {@code cloudVerifyToken}; else 403. Only a challenge of letters and
 * digits, at most {@value #MAX_CHALLENGE} of them, is echoed (400 otherwise), so nothing sent is reflected as markup.
 *
 * <p>{@code POST /hooks/cloud} checks {@code X-Hub-Signature-256} (HMAC-SHA256 of the raw body with the app secret)
 * before it reads anything (401 and a counter otherwise), reads the body leniently (400 when it is not JSON even
 * so), drops a body it has received before (Meta redelivers), and answers 200 at once; the runs happen on the
 * daemon's threads. What each event does:
 * <ul>
 * <li>{@code group_create}: the request's outcome goes to {@link CreateRequests} (the group, or the error's message),
 * and the whole bot runs; {@code group_delete}: the whole bot runs;
 * <li>participants joined or left, join requests created or revoked, settings changed: that group runs (the whole bot
 * when no run has matched the group yet; {@link Webhooks#scopeOf});
 * <li>{@code group_suspend} / {@code group_suspend_cleared}: the group's health is (no longer) {@code Suspended},
 * and the group runs.
 * </ul>
 * No event's content is taken as state: the run reads the group.
 *
 * <p>Roster's own writes come back as events too. A {@code group_participants_remove} with
 * {@code initiated_by: business} is not run (counted {@code own_change}): only the business removes people, and
 * roster is its writer. The events of roster's other writes (an approved request's {@code group_participants_add}, a
 * rename's {@code group_settings_update}, a create's {@code group_create}) carry nothing telling them from other
 * causes, so each runs once more; that run reads the group, finds nothing to do and writes nothing, so no further
 * event comes: at most one extra read, never a loop.
 */
final class CloudHook {
    private static final Logger LOG = LoggerFactory.getLogger(CloudHook.class);
    static final int MAX_BODY = 256 * 1024;
    static final int MAX_CHALLENGE = 128;
    private static final Pattern SAFE_CHALLENGE = Pattern.compile("[A-Za-z0-9]{1," + MAX_CHALLENGE + "}");
    private static final String SIGNATURE = "X-Hub-Signature-256";
    private static final String SOURCE = "cloud";
    /** How many bodies are remembered (by hash) to drop redeliveries. */
    private static final int SEEN = 10_000;

    private final Secret appSecret;
    private final Secret verifyToken;
    private final RunRequests requests;
    private final BotRunner runner;
    private final DaemonMetrics metrics;
    private final StatusBoard status;
    private final CreateRequests creates;
    private final Clock clock;
    private final Deliveries seen = new Deliveries(SEEN);

    CloudHook(RosterSettings.Hooks settings, RunRequests requests, BotRunner runner, DaemonMetrics metrics,
            StatusBoard status, CreateRequests creates, Clock clock) {
        this.appSecret = settings.cloudAppSecret();
        this.verifyToken = settings.cloudVerifyToken();
        this.requests = requests;
        this.runner = runner;
        this.metrics = metrics;
        this.status = status;
        this.creates = creates;
        this.clock = clock;
    }

    /** Meta's subscription check. */
    Reply verify(Router.Call call) {
        if (appSecret == null) {
            return off();
        }
        boolean subscribe = "subscribe".equals(call.query("hub.mode"));
        boolean token = verifyToken != null && HookAuth.sameSecret(verifyToken, call.query("hub.verify_token"));
        if (!(token && subscribe)) {
            metrics.recordEvent(SOURCE, "verify_refused");
            return Reply.text(403, "not a subscription with the verify token\n");
        }
        String challenge = call.query("hub.challenge");
        if (challenge == null || !SAFE_CHALLENGE.matcher(challenge).matches()) {
            metrics.recordEvent(SOURCE, "verify_refused");
            return Reply.text(400, "hub.challenge must be 1 to " + MAX_CHALLENGE + " letters or digits\n");
        }
        metrics.recordEvent(SOURCE, "verified");
        return new Reply(200, "text/plain; charset=utf-8", challenge);
    }

    /** One webhook delivery: zero or more group events. */
    Reply receive(Router.Call call) {
        if (appSecret == null) {
            return off();
        }
        String header = call.header(SIGNATURE);
        String hex = header != null && header.regionMatches(true, 0, "sha256=", 0, 7) ? header.substring(7) : null;
        if (!HookAuth.validHmac(appSecret, call.body(), hex)) {
            metrics.recordEvent(SOURCE, header == null ? "unsigned" : "bad_signature");
            return Reply.text(401, header == null ? "no signature: " + SIGNATURE + "\n" : "signature does not match\n");
        }
        Optional<List<CloudEvent>> events = CloudEvent.parse(call.body());
        if (events.isEmpty()) {
            metrics.recordEvent(SOURCE, "not_json");
            return Reply.text(400, "the body is not JSON\n");
        }
        if (!seen.firstTime(sha256(call.body()))) {
            metrics.recordEvent(SOURCE, "duplicate");
            return Reply.text(200, "delivery already received\n");
        }
        Snapshot desired = runner.lastValidLoad();
        Set<BotId> declared = desired == null ? Set.of() : desired.loaded().state().bots();
        int accepted = 0;
        for (CloudEvent event : events.get()) {
            String result = accept(event, declared);
            metrics.recordEvent(SOURCE, result);
            if (result.equals("accepted")) {
                accepted++;
            }
        }
        return Reply.json(200, "{\"events\":" + events.get().size() + ",\"accepted\":" + accepted + "}\n");
    }

    private String accept(CloudEvent event, Set<BotId> declared) {
        if (!declared.contains(event.bot())) {
            return "unknown_bot";
        }
        if (!event.needsRun()) {
            return "ignored";
        }
        if (event.byTheBusiness()) {
            return "own_change";
        }
        String description = event.type() + (event.failure() == null ? "" : " failed: " + event.failure());
        status.recordEvent(event.bot(), event.group(), description, clock.instant());
        switch (event.type()) {
            case CloudEvent.CREATE -> {
                if (event.requestId() != null && event.failure() != null) {
                    creates.failed(event.bot(), event.requestId(), event.failure());
                } else if (event.requestId() != null && event.group() != null) {
                    creates.completed(event.bot(), event.requestId(), event.group());
                }
            }
            case CloudEvent.SUSPEND, CloudEvent.SUSPEND_CLEARED, CloudEvent.DELETE -> {
                if (event.group() != null) {
                    status.setSuspended(event.bot(), event.group(), event.type().equals(CloudEvent.SUSPEND));
                }
                if (event.type().equals(CloudEvent.SUSPEND)) {
                    LOG.warn("bot {}: the provider suspended group {}", event.bot(), event.group());
                }
            }
            default -> { }
        }
        requests.request(event.bot(), event.changesTheList() ? RunScope.ALL
                : Webhooks.scopeOf(status, event.bot(), event.group()));
        return "accepted";
    }

    private static Reply off() {
        return Reply.text(404, "the Cloud API webhook is off: set daemon.hooks.cloudAppSecret\n");
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
