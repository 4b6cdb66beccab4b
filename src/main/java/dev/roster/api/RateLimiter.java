package dev.roster.api;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * Admits at most {@code requestsPerSecond} requests in any window of one second (a sliding window:
 * the n-th request waits until the (n − limit)-th started more than a second ago), so bursts are
 * bounded by the limit itself. {@link #pauseFor} holds back every caller, which is how a 429 with
 * {@code Retry-After} slows the whole client rather than one request.
 *
 * <p>Thread-safe. Time comes from an injected {@link Ticker} so tests need no sleeps.
 */
public final class RateLimiter {
    /** Monotonic time and waiting, replaceable in tests. */
    public interface Ticker {
        long nanoTime();

        void sleepNanos(long nanos) throws InterruptedException;

        Ticker SYSTEM = new Ticker() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleepNanos(long nanos) throws InterruptedException {
                java.util.concurrent.TimeUnit.NANOSECONDS.sleep(nanos);
            }
        };
    }

    private static final long WINDOW = 1_000_000_000L;

    private final int limit;
    private final Ticker ticker;
    private final ArrayDeque<Long> starts = new ArrayDeque<>();
    private volatile long pausedUntil = Long.MIN_VALUE;

    public RateLimiter(double requestsPerSecond, Ticker ticker) {
        this.limit = Math.max(1, (int) Math.floor(requestsPerSecond));
        this.ticker = ticker;
    }

    /** No limit: admits everything at once. */
    public static RateLimiter unlimited() {
        return new RateLimiter(Integer.MAX_VALUE, Ticker.SYSTEM);
    }

    public int limit() {
        return limit;
    }

    /** Blocks until one more request may start, and records its start. */
    public void acquire() throws InterruptedException {
        acquire(null);
    }

    /**
     * As {@link #acquire()}, but gives up, without recording a start, when the request could not start within
     * {@code maxWait} (a pause or a full window lasting longer); null waits as long as it takes.
     *
     * @return true when the request may start now, false when it would have had to wait longer than {@code maxWait}
     */
    public boolean acquire(Duration maxWait) throws InterruptedException {
        if (limit == Integer.MAX_VALUE && pausedUntil == Long.MIN_VALUE) {
            return true;
        }
        long giveUpAt = maxWait == null ? 0 : ticker.nanoTime() + maxWait.toNanos();
        while (true) {
            long wait;
            synchronized (this) {
                long now = ticker.nanoTime();
                long paused = pausedUntil;
                wait = paused != Long.MIN_VALUE && paused - now > 0 ? paused - now : 0;
                if (wait == 0) {
                    while (!starts.isEmpty() && now - starts.peekFirst() >= WINDOW) {
                        starts.pollFirst();
                    }
                    if (starts.size() < limit) {
                        starts.addLast(now);
                        return true;
                    }
                    wait = starts.peekFirst() + WINDOW - now;
                }
                if (maxWait != null && now + wait - giveUpAt > 0) {
                    return false;
                }
            }
            ticker.sleepNanos(Math.max(wait, 1));
        }
    }

    /** Holds every caller back for {@code delay} from now (extends, never shortens, a pause in force). */
    public synchronized void pauseFor(Duration delay) {
        long until = ticker.nanoTime() + delay.toNanos();
        if (pausedUntil == Long.MIN_VALUE || until - pausedUntil > 0) {
            pausedUntil = until;
        }
    }
}
