package dev.roster.daemon;

import dev.roster.config.RosterSettings;
import dev.roster.config.RosterSettings.NotifyKind;
import dev.roster.model.BotId;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the {@code notify} targets about runs worth a look. {@link #accept} classifies a finished run:
 * <ul>
 *   <li>{@code drift}: a report-mode run found the live groups differ from the files;</li>
 *   <li>{@code refused}: a failed run whose every error is a guard's refusal (the removal guard, or prune off);</li>
 *   <li>{@code failed}: any other failed run;</li>
 *   <li>{@code invalid}: the desired files did not validate or could not be fetched;</li>
 *   <li>{@code recovered}: an ok run of every group of the bot (not a {@link RunRecord#partial} one) after the
 *       bot's last notified kind was failed, refused or invalid.</li>
 * </ul>
 * Kinds not in {@code notify.on} are not sent (and do not count as notified). Each (target, bot, commit, kind)
 * is sent at most once: a bounded memory keeps what was sent; one dropped or given up on is forgotten, so a later
 * run may send it again. {@code accept} never waits: each target has its own thread and bounded queue
 * ({@link NotificationSender}), so a target that is down never slows a run.
 */
public final class Notifier implements Consumer<RunRecord>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    /** The line BotRunner writes for a group a guard refused: {@code group KEY refused: refused...}. */
    private static final Pattern REFUSAL = Pattern.compile("^group .+ refused: refused\\b.*", Pattern.DOTALL);
    private static final Set<NotifyKind> TROUBLE = Set.of(NotifyKind.FAILED, NotifyKind.REFUSED, NotifyKind.INVALID);

    /**
     * How notifications are delivered.
     *
     * @param queueCapacity  notifications waiting per target; more are dropped (and counted)
     * @param maxAttempts    attempts per notification, the first included
     * @param firstBackoff   the wait before the second attempt, doubled for each next one
     * @param maxBackoff     the longest wait between attempts
     * @param connectTimeout the longest wait for a connection
     * @param requestTimeout the longest wait for an answer
     * @param closeGrace     how long {@link #close} lets queued notifications go out
     * @param memory         how many sent (target, bot, commit, kind) are remembered
     */
    public record Tuning(int queueCapacity, int maxAttempts, Duration firstBackoff, Duration maxBackoff,
            Duration connectTimeout, Duration requestTimeout, Duration closeGrace, int memory) {
        public static Tuning defaults() {
            return new Tuning(100, 5, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(5),
                    Duration.ofSeconds(10), Duration.ofSeconds(5), 10_000);
        }

        public Tuning withBackoff(Duration first, Duration max) {
            return new Tuning(queueCapacity, maxAttempts, first, max, connectTimeout, requestTimeout, closeGrace,
                    memory);
        }
    }

    private record Sent(int target, BotId bot, String commit, NotifyKind kind) {}

    private final Set<NotifyKind> on;
    private final boolean applyMode;
    private final List<NotificationSender> senders = new ArrayList<>();
    private final Map<Sent, Boolean> sent;
    private final Map<BotId, NotifyKind> lastNotified;
    private final Duration grace;

    private Notifier(RosterSettings.Notify notify, boolean applyMode, DaemonMetrics metrics, Tuning tuning) {
        this.on = notify.on();
        this.applyMode = applyMode;
        this.sent = bounded(tuning.memory());
        this.lastNotified = bounded(tuning.memory());
        this.grace = tuning.closeGrace();
        if (!notify.isOff()) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(tuning.connectTimeout())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            for (int i = 0; i < notify.targets().size(); i++) {
                RosterSettings.NotifyTarget t = notify.targets().get(i);
                senders.add(new NotificationSender(t, tuning, http, metrics,
                        "roster-notify-" + i + "-" + t.type().label()));
            }
        }
    }

    /** The notifier of the settings' {@code notify} section; without targets it sends nothing and starts no thread. */
    public static Notifier start(RosterSettings settings, DaemonMetrics metrics) {
        return start(settings, metrics, Tuning.defaults());
    }

    public static Notifier start(RosterSettings settings, DaemonMetrics metrics, Tuning tuning) {
        return new Notifier(settings.notifications(), !"report".equals(settings.daemon().mode()), metrics, tuning);
    }

    /** Queues the run's notification, if it needs one, for every target; never waits, never throws. */
    @Override
    public void accept(RunRecord run) {
        if (senders.isEmpty()) {
            return;
        }
        try {
            send(run);
        } catch (RuntimeException e) {
            LOG.warn("bot {}: no notification for this run: {}", run.bot(), e.toString());
        }
    }

    private void send(RunRecord run) {
        NotifyKind kind;
        synchronized (this) {
            kind = classify(run, lastNotified.get(run.bot()));
            if (kind == null || !on.contains(kind)) {
                return;
            }
            lastNotified.put(run.bot(), kind);
        }
        Notification n = Notification.of(run, kind, applyMode);
        for (int i = 0; i < senders.size(); i++) {
            Sent key = new Sent(i, run.bot(), run.commit(), kind);
            synchronized (this) {
                if (sent.putIfAbsent(key, Boolean.TRUE) != null) {
                    continue;
                }
            }
            senders.get(i).offer(new NotificationSender.Delivery(n, () -> forget(key)));
        }
    }

    /** The kind of notification a run calls for, or null for none. */
    static NotifyKind classify(RunRecord run, NotifyKind lastNotified) {
        return switch (run.result()) {
            case SKIPPED -> null;
            case INVALID -> NotifyKind.INVALID;
            case DRIFT -> NotifyKind.DRIFT;
            case FAILED -> !run.errors().isEmpty() && run.errors().stream().allMatch(e -> REFUSAL.matcher(e).matches())
                    ? NotifyKind.REFUSED : NotifyKind.FAILED;
            case OK -> !run.partial() && lastNotified != null && TROUBLE.contains(lastNotified)
                    ? NotifyKind.RECOVERED : null;
        };
    }

    private synchronized void forget(Sent key) {
        sent.remove(key);
    }

    /** Lets queued notifications go out for up to {@link Tuning#closeGrace}, then stops every target's thread. */
    @Override
    public void close() {
        senders.forEach(NotificationSender::stopTaking);
        long deadline = System.nanoTime() + grace.toNanos();
        for (NotificationSender s : senders) {
            s.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
    }

    private static <K, V> Map<K, V> bounded(int capacity) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }
}
