package dev.roster.api;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Admits at most {@code requestsPerSecond} requests in any window of one second (a sliding window:
 * the n-th request waits until the (n − limit)-th started more than a second ago), so bursts are
 * bounded by the limit itself; an {@linkplain #adaptive adaptive} limiter spaces them evenly instead.
 * {@link #pauseFor} holds back every caller, which is how a 429 with {@code Retry-After} slows the whole client
 * rather than one request.
 *
 * <p>An {@linkplain #adaptive adaptive} limiter also bounds the requests in flight ({@link #enter}, {@link #leave})
 * and lets {@link AdaptiveLimits} set both limits from the answers; a fixed one admits every request to the wire at
 * once.
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

            /** Parks rather than sleeps: {@code Thread.sleep} rounds a wait under a millisecond up to one. */
            @Override
            public void sleepNanos(long nanos) throws InterruptedException {
                LockSupport.parkNanos(nanos);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        };
    }

    private static final long WINDOW = 1_000_000_000L;
    /** How late a paced start may be and still keep the schedule (a wake-up's delay, not an idle gap). */
    private static final long CATCH_UP = 2_000_000L;

    private final int limit;
    private final Ticker ticker;
    /** Null for a fixed limit. */
    private final AdaptiveLimits adaptive;
    private final ArrayDeque<Long> starts = new ArrayDeque<>();
    private volatile long pausedUntil = Long.MIN_VALUE;
    /** An adaptive limiter's next free start; only read and written by the holder of {@link #turn}. */
    private long nextStart = Long.MIN_VALUE;
    private final ReentrantLock turn = new ReentrantLock(true);

    public RateLimiter(double requestsPerSecond, Ticker ticker) {
        this(requestsPerSecond, ticker, null);
    }

    private RateLimiter(double requestsPerSecond, Ticker ticker, AdaptiveLimits adaptive) {
        this.limit = whole(requestsPerSecond);
        this.ticker = ticker;
        this.adaptive = adaptive;
    }

    /**
     * A limiter that finds the provider's pace itself ({@code api.requestsPerSecond: auto}): see
     * {@link AdaptiveLimits}. Its limits never exceed {@code maxRequestsPerSecond} and {@code maxConcurrency}.
     */
    public static RateLimiter adaptive(double maxRequestsPerSecond, int maxConcurrency, Ticker ticker) {
        AdaptiveLimits limits = new AdaptiveLimits(maxRequestsPerSecond, maxConcurrency, ticker);
        return new RateLimiter(limits.rate(), ticker, limits);
    }

    private static int whole(double requestsPerSecond) {
        return Math.max(1, (int) Math.floor(requestsPerSecond));
    }

    /** No limit: admits everything at once. */
    public static RateLimiter unlimited() {
        return new RateLimiter(Integer.MAX_VALUE, Ticker.SYSTEM);
    }

    /** Requests admitted in any one-second window now. */
    public int limit() {
        return adaptive == null ? limit : whole(adaptive.rate());
    }

    /** Requests allowed in flight now; {@link Integer#MAX_VALUE} for a fixed limiter. */
    public int concurrency() {
        return adaptive == null ? Integer.MAX_VALUE : adaptive.concurrency();
    }

    public boolean isAdaptive() {
        return adaptive != null;
    }

    /**
     * Takes a place among the requests in flight (an adaptive limiter; a fixed one always has room), waiting no
     * longer than {@code maxWait} (null: as long as it takes). Every true answer must be followed by one
     * {@link #leave}.
     */
    public boolean enter(Duration maxWait) throws InterruptedException {
        return adaptive == null || adaptive.enter(maxWait);
    }

    /**
     * The request {@link #enter} admitted is over: its answer's status (0 for none), whether it timed out, and how
     * long the answer took. An adaptive limiter sets its limits from these.
     */
    public void leave(int status, boolean timedOut, long latencyNanos) {
        if (adaptive != null) {
            adaptive.leave(status, timedOut, latencyNanos);
        }
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
        if (adaptive != null) {
            return acquirePaced(maxWait);
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

    /**
     * An adaptive limiter spaces requests evenly at its current rate instead of admitting a second's worth at once:
     * the provider then never sees a burst above the rate, and the controller sees answers spread over time.
     * Callers pass one at a time, in arrival order ({@link #turn}, a fair lock); the one at the front sleeps until
     * the next start and looks again, so a cut or a pause that comes meanwhile applies to it at once.
     */
    private boolean acquirePaced(Duration maxWait) throws InterruptedException {
        long giveUpAt = maxWait == null ? 0 : ticker.nanoTime() + maxWait.toNanos();
        turn.lockInterruptibly();
        try {
            boolean waited = false;
            while (true) {
                long now = ticker.nanoTime();
                long paused = pausedUntil;
                long start = nextStart == Long.MIN_VALUE || now - nextStart > 0 ? now : nextStart;
                if (paused != Long.MIN_VALUE && paused - start > 0) {
                    start = paused;
                } else if (start != now) {
                    waited = true;
                }
                if (start == now) {
                    if (waited) {
                        adaptive.rateWaited();
                    }
                    long spacing = (long) (WINDOW / adaptive.rate());
                    // a caller that woke a little late does not push every later start back: the next one is due a
                    // spacing after this one was, so wake-up delays do not add up (no credit after a longer gap)
                    boolean late = nextStart != Long.MIN_VALUE && now - nextStart < Math.max(spacing, CATCH_UP);
                    nextStart = (late ? nextStart : now) + spacing;
                    return true;
                }
                if (maxWait != null && start - giveUpAt > 0) {
                    return false;
                }
                ticker.sleepNanos(start - now);
            }
        } finally {
            turn.unlock();
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
