package dev.roster.simulator;

import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.Msisdn;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers group event callbacks, as the provider does, to the callback URL when one is set: each event in its
 * own POST, from one background thread, so the API call that caused it is never slowed or failed by it.
 *
 * <p>Queue: at most {@code capacity} events wait; a new event pushes out the oldest one (counted as dropped).
 * Attempts: a 2xx answer delivers; another status, an I/O error or a timeout ({@link #TIMEOUT_MILLIS} to
 * connect and again to read) fails the attempt, and the event is sent again with the same {@code message_id}
 * after the retry delay, doubled per attempt, up to {@link #MAX_ATTEMPTS} attempts in all. A waiting retry holds
 * back no other event. Events are sent to the URL set at the time of each attempt; events that happen while none
 * is set are not kept, and clearing the URL discards those still waiting.
 */
final class CallbackSender implements AutoCloseable {
    static final int MAX_ATTEMPTS = 3;
    static final int DEFAULT_CAPACITY = 1000;
    static final int TIMEOUT_MILLIS = 2000;

    private static final Logger LOG = LoggerFactory.getLogger(CallbackSender.class);

    private final Stats stats;
    private final Clock clock;
    private final long retryDelayNanos;
    private final int capacity;
    private final AtomicReference<URI> url = new AtomicReference<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Waiting events, the next due first; guarded by {@link #lock}. */
    private final PriorityQueue<Pending> queue = new PriorityQueue<>(
            Comparator.comparingLong(Pending::dueNanos).thenComparingLong(Pending::seq));
    private long nextSeq;
    private boolean closed;
    private volatile HttpURLConnection inFlight;
    private final Thread thread;

    CallbackSender(Stats stats, Clock clock, URI url, long retryDelayMillis, int capacity) {
        this.stats = stats;
        this.clock = clock;
        this.retryDelayNanos = TimeUnit.MILLISECONDS.toNanos(retryDelayMillis);
        this.capacity = capacity;
        setUrl(url);
        this.thread = new Thread(this::run, "roster-sim-callbacks");
        thread.setDaemon(true);
        thread.start();
    }

    /** The callback URL, or null for none. */
    URI url() {
        return url.get();
    }

    /** Sets (loopback only, else IllegalArgumentException) or, with null, clears the callback URL. */
    void setUrl(URI value) {
        URI previous = url.getAndSet(value == null ? null : CallbackUrl.requireLoopback(value));
        if (value != null) {
            LOG.info("simulator sends group event callbacks to {}", CallbackUrl.redacted(value));
        } else if (previous != null) {
            LOG.info("simulator sends no more group event callbacks");
            lock.lock();
            try {
                queue.clear();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Queues an event for {@code bot} when a callback URL is set; returns at once. */
    void emit(GroupEvent.Type type, BotId bot, GroupId group, Msisdn from, List<Msisdn> members) {
        if (url.get() == null) {
            return;
        }
        // a random id, not a counter: a receiver that keeps ids across restarts of the simulator must not
        // take a new event for a duplicate
        GroupEvent event = new GroupEvent(type, bot, group, from, members, "SIM" + UUID.randomUUID(), clock.instant());
        byte[] body = event.callbackJson();
        lock.lock();
        try {
            if (!closed) {
                offer(new Pending(event, body, 1, System.nanoTime(), nextSeq++));
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the thread, abandoning waiting events and an attempt in flight (its connection is closed); waits for
     * the thread to end, at most twice {@link #TIMEOUT_MILLIS}.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            queue.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        thread.interrupt();
        HttpURLConnection connection = inFlight;
        if (connection != null) {
            connection.disconnect(); // closes the socket a blocked read waits on
        }
        try {
            thread.join(TIMEOUT_MILLIS * 2L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Adds to the queue; when it is full, the oldest event (first emitted) of those waiting and {@code pending}
     * is dropped. Holds {@link #lock}.
     */
    private void offer(Pending pending) {
        Pending dropped = null;
        if (queue.size() >= capacity) {
            Pending oldest = queue.stream().min(Comparator.comparingLong(Pending::seq)).orElseThrow();
            if (oldest.seq() < pending.seq()) {
                queue.remove(oldest);
                queue.add(pending);
                dropped = oldest;
            } else {
                dropped = pending; // a retry older than every waiting event
            }
        } else {
            queue.add(pending);
        }
        if (dropped != null) {
            stats.recordCallbackDropped();
            LOG.debug("callback queue full: dropped {} {}", dropped.event().type().wireName,
                    dropped.event().messageId());
        }
        changed.signalAll();
    }

    private void run() {
        try {
            while (true) {
                Pending next = take();
                if (next == null) {
                    return;
                }
                attempt(next);
            }
        } catch (InterruptedException stopping) {
            // closed
        }
    }

    /** The next event once it is due; null once closed. */
    private Pending take() throws InterruptedException {
        lock.lock();
        try {
            while (!closed) {
                Pending head = queue.peek();
                if (head == null) {
                    changed.await();
                } else {
                    long wait = head.dueNanos - System.nanoTime();
                    if (wait <= 0) {
                        return queue.poll();
                    }
                    changed.awaitNanos(wait);
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    private void attempt(Pending pending) {
        URI target = url.get();
        if (target == null) {
            return; // callbacks were switched off while it waited
        }
        String failure = post(target, pending.body());
        if (failure == null) {
            stats.recordCallbackDelivered();
            return;
        }
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (pending.attempt() >= MAX_ATTEMPTS) {
                stats.recordCallbackFailed();
                LOG.warn("gave up a {} callback to {} after {} attempts: {}", pending.event().type().wireName,
                        CallbackUrl.redacted(target), pending.attempt(), failure);
                return;
            }
            long delay = retryDelayNanos << (pending.attempt() - 1);
            LOG.debug("{} callback to {} failed ({}); again in {} ms", pending.event().type().wireName,
                    CallbackUrl.redacted(target), failure, TimeUnit.NANOSECONDS.toMillis(delay));
            offer(pending.retry(System.nanoTime() + delay));
        } finally {
            lock.unlock();
        }
    }

    /** POSTs the body; null when answered 2xx, else what went wrong (no URL in it). */
    private String post(URI target, byte[] body) {
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) target.toURL().openConnection(Proxy.NO_PROXY);
            inFlight = connection;
            connection.setConnectTimeout(TIMEOUT_MILLIS);
            connection.setReadTimeout(TIMEOUT_MILLIS);
            connection.setInstanceFollowRedirects(false);
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(body.length); // also: no silent resend of the POST
            connection.setRequestProperty("Content-Type", "application/json");
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            int status = connection.getResponseCode();
            drain(status >= 400 ? connection.getErrorStream() : connection.getInputStream());
            return status / 100 == 2 ? null : "answered " + status;
        } catch (IOException | RuntimeException e) {
            return e.getClass().getSimpleName();
        } finally {
            inFlight = null;
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    private static void drain(InputStream in) throws IOException {
        if (in != null) {
            try (in) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        }
    }

    /** An event waiting for its attempt number {@code attempt}, due at {@code dueNanos} ({@link System#nanoTime}). */
    private record Pending(GroupEvent event, byte[] body, int attempt, long dueNanos, long seq) {
        Pending retry(long due) {
            return new Pending(event, body, attempt + 1, due, seq);
        }
    }
}
