package dev.roster.daemon;

import dev.roster.config.RosterSettings.NotifyTarget;
import dev.roster.config.RosterSettings.NotifyTargetType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers notifications to one target, one at a time, on its own thread, from a bounded queue: {@link #offer}
 * never waits (a full queue drops the notification). Each is POSTed with a connect and a request timeout; a
 * failure (no connection, no answer in time, 408, 429 or 5xx) is retried after a backoff that doubles from
 * {@link Notifier.Tuning#firstBackoff}, up to {@link Notifier.Tuning#maxAttempts} attempts; another 4xx is not
 * retried. Once {@link #close} is called nothing is retried: what is queued gets one attempt within the grace.
 * Logs and counts every outcome in {@code roster_notifications_total{target_type,result}}; logs name the target
 * by host, never by its URL.
 */
final class NotificationSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationSender.class);
    static final String SIGNATURE_HEADER = "X-Roster-Signature-256";

    /** One notification for this target; {@code onGiveUp} runs when it is dropped or its last attempt failed. */
    record Delivery(Notification notification, Runnable onGiveUp) {}

    private final NotifyTarget target;
    private final Notifier.Tuning tuning;
    private final HttpClient http;
    private final DaemonMetrics metrics;
    private final BlockingQueue<Delivery> queue;
    private final Thread worker;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicBoolean dropping = new AtomicBoolean();

    NotificationSender(NotifyTarget target, Notifier.Tuning tuning, HttpClient http, DaemonMetrics metrics,
            String threadName) {
        this.target = target;
        this.tuning = tuning;
        this.http = http;
        this.metrics = metrics;
        this.queue = new ArrayBlockingQueue<>(tuning.queueCapacity());
        this.worker = new Thread(this::work, threadName);
        worker.setDaemon(true);
        worker.start();
    }

    /** Queues the delivery; false (counted as dropped) when the queue is full or the sender is closing. */
    boolean offer(Delivery d) {
        boolean stopping = isClosing();
        if (!stopping && queue.offer(d)) {
            dropping.set(false);
            return true;
        }
        if (stopping || !dropping.getAndSet(true)) { // a full queue is logged once until it takes one again
            dropped(d, stopping ? "the daemon is stopping" : "the queue is full (" + queue.size()
                    + "); dropping more until it drains");
        } else {
            d.onGiveUp().run();
            metrics.recordNotification(target.type().label(), "dropped");
        }
        return false;
    }

    private boolean isClosing() {
        return closing.getCount() == 0;
    }

    private void work() {
        while (!isClosing() || !queue.isEmpty()) {
            Delivery d;
            try {
                d = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (d == null) {
                continue;
            }
            try {
                deliver(d);
            } catch (InterruptedException e) {
                dropped(d, "the daemon stopped");
                return;
            } catch (RuntimeException e) {
                d.onGiveUp().run();
                metrics.recordNotification(target.type().label(), "failed");
                LOG.warn("notification to {} failed: {}", target.describe(), e.getClass().getSimpleName());
            }
        }
    }

    private void deliver(Delivery d) throws InterruptedException {
        byte[] body = target.type() == NotifyTargetType.SLACK ? d.notification().slackBody()
                : d.notification().webhookBody();
        HttpRequest request = request(body);
        String last = null;
        Duration backoff = tuning.firstBackoff();
        for (int attempt = 1; attempt <= tuning.maxAttempts(); attempt++) {
            if (attempt > 1) {
                if (closing.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
                    break; // stopping: no more retries
                }
                backoff = min(backoff.multipliedBy(2), tuning.maxBackoff());
            }
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status / 100 == 2) {
                    metrics.recordNotification(target.type().label(), "sent");
                    LOG.info("notification of bot {} ({}) sent to {}", d.notification().bot(),
                            d.notification().kind().label(), target.describe());
                    return;
                }
                last = "HTTP " + status;
                if (status / 100 == 4 && status != 408 && status != 429) {
                    break;
                }
            } catch (IOException e) {
                last = describe(e);
            }
        }
        d.onGiveUp().run();
        metrics.recordNotification(target.type().label(), "failed");
        LOG.warn("notification of bot {} ({}) to {} failed: {}", d.notification().bot(),
                d.notification().kind().label(), target.describe(), last);
    }

    private HttpRequest request(byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target.url().reveal()))
                .timeout(tuning.requestTimeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "roster")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (target.secret() != null) {
            b.header(SIGNATURE_HEADER, "sha256=" + HexFormat.of().formatHex(HookAuth.hmac(target.secret(), body)));
        }
        return b.build();
    }

    /** The failure without the URL (the JDK's messages do not hold it, but a redirect's or a proxy's might). */
    private String describe(IOException e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        String url = target.url().reveal();
        String path = URI.create(url).getRawPath();
        message = message.replace(url, target.host());
        if (path != null && path.length() > 1) {
            message = message.replace(path, "/…");
        }
        return e.getClass().getSimpleName() + message;
    }

    private void dropped(Delivery d, String why) {
        d.onGiveUp().run();
        metrics.recordNotification(target.type().label(), "dropped");
        LOG.warn("notification of bot {} ({}) to {} dropped: {}", d.notification().bot(),
                d.notification().kind().label(), target.describe(), why);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Stops taking notifications and retrying, without waiting. */
    void stopTaking() {
        closing.countDown();
    }

    /**
     * Stops taking notifications and retrying; what is queued gets one attempt each until {@code grace} has
     * passed, then the worker is interrupted and the rest is dropped.
     */
    void close(Duration grace) {
        stopTaking();
        try {
            worker.join(Math.max(1, grace.toMillis()));
            if (worker.isAlive()) {
                worker.interrupt();
                worker.join(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Delivery left;
        while ((left = queue.poll()) != null) {
            dropped(left, "the daemon stopped");
        }
    }

    @Override
    public void close() {
        close(tuning.closeGrace());
    }
}
