package dev.roster.api;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The limits behind {@code api.requestsPerSecond: auto}: a request rate and a number of requests in flight that
 * follow the provider's answers, never above {@code api.maxRequestsPerSecond} and {@code api.maxConcurrency}.
 *
 * <p>Additive increase, multiplicative decrease, with the shape of TCP CUBIC's window near its last maximum:
 * <ul>
 *   <li><b>Start:</b> {@value #START_RATE} requests/s (the old fixed default) and {@value #START_CONCURRENCY} in
 *   flight. Every {@link #INTERVAL_NANOS interval} (50 ms) of clean answers in which callers had to wait for a
 *   limit, that limit doubles (the rate and the number in flight each on its own waits).</li>
 *   <li><b>The provider's limit</b> (a 429 or 503): the successful answers of the last second are taken as the
 *   provider's rate (a provider answering 429 has just admitted all it will in its window) and the rate is set to
 *   {@value #CUT} of that. A 429's {@code Retry-After} still pauses the whole client ({@link RateLimiter#pauseFor}).
 *   </li>
 *   <li><b>Overload</b> (a 503, a timed-out call, or latency, smoothed over about five intervals, more than twice
 *   the lowest seen): the number in flight is cut by a tenth. Slow answers leave the rate alone: the fewer requests in flight
 *   already lower what is sent, and the client's own slowness (a busy machine) must not talk the rate down.</li>
 *   <li>Either cut at most once a second: the other answers of the same burst add nothing.</li>
 *   <li><b>After a cut:</b> the rate climbs back to {@value #PLATEAU} of the estimate within a few intervals and
 *   stays there for {@link #HOLD_NANOS 30 s}; then it probes upwards by 0.5 % per interval, 10 % a second, so that a
 *   provider that raised its limit is found, at the cost of one burst of 429s and one pause per probe. The number in
 *   flight grows by one sixteenth (at least 1) per interval in which callers waited for it.</li>
 * </ul>
 *
 * <p>Why not a library: the well-kept adaptive limiters (Netflix concurrency-limits, resilience4j) bound either
 * concurrency or a fixed rate, and providers limit requests per second and answer {@code Retry-After};
 * {@link RateLimiter} already paces requests at whatever rate this sets.
 *
 * <p>Thread-safe; time from the limiter's {@link RateLimiter.Ticker}.
 */
final class AdaptiveLimits {
    private static final Logger LOG = LoggerFactory.getLogger(AdaptiveLimits.class);
    static final double START_RATE = 50;
    static final int START_CONCURRENCY = 16;
    static final long INTERVAL_NANOS = 50_000_000L;
    static final long HOLD_NANOS = 30_000_000_000L;
    static final double CUT = 0.95;
    static final double PLATEAU = 0.98;
    static final double CONCURRENCY_CUT = 0.9;
    private static final long SECOND = 1_000_000_000L;
    /**
     * Answers are slow when their latency, smoothed over the last intervals ({@link #SMOOTHING}), is more than this
     * many times the lowest smoothed latency seen: one slow interval (a pause of the collector) is not enough.
     */
    private static final double LATENCY_RISE = 2.0;
    private static final double SMOOTHING = 0.25;
    private static final int MIN_SAMPLES = 5;

    private final double maxRate;
    private final int maxConcurrency;
    private final RateLimiter.Ticker ticker;
    private final AtomicBoolean rateWaited = new AtomicBoolean();
    private final AtomicBoolean concurrencyWaited = new AtomicBoolean();

    private double rate;
    private int concurrency;
    private int inFlight;
    /** The provider's rate as estimated at the last cut of the rate; NaN before the first. */
    private double ceiling = Double.NaN;
    private boolean rateCut;
    private long lastRateCut;
    private boolean concurrencyCut;
    private long lastConcurrencyCut;
    // the current interval
    private long intervalStart;
    private long latencySum;
    private int answers;
    private boolean congested;
    private double recentLatency = Double.NaN;
    private double lowestLatency = Double.NaN;
    // successful answers in the last second, in buckets of one interval
    private final int[] buckets = new int[(int) (SECOND / INTERVAL_NANOS)];
    private long bucketEpoch;

    AdaptiveLimits(double maxRate, int maxConcurrency, RateLimiter.Ticker ticker) {
        this.maxRate = maxRate;
        this.maxConcurrency = Math.max(1, maxConcurrency);
        this.ticker = ticker;
        this.rate = Math.min(maxRate, START_RATE);
        this.concurrency = Math.min(this.maxConcurrency, START_CONCURRENCY);
        this.intervalStart = ticker.nanoTime();
        this.bucketEpoch = Math.floorDiv(intervalStart, INTERVAL_NANOS);
    }

    synchronized double rate() {
        return rate;
    }

    synchronized int concurrency() {
        return concurrency;
    }

    /** A caller had to wait for its paced start: the rate limited what was sent. */
    void rateWaited() {
        rateWaited.set(true);
    }

    /**
     * Takes one place among the requests in flight, waiting for one to free up, but no longer than {@code maxWait}
     * (null: as long as it takes).
     *
     * @return false when no place freed up within {@code maxWait} (nothing taken)
     */
    synchronized boolean enter(Duration maxWait) throws InterruptedException {
        long giveUpAt = maxWait == null ? 0 : ticker.nanoTime() + maxWait.toNanos();
        while (inFlight >= concurrency) {
            concurrencyWaited.set(true);
            long now = ticker.nanoTime();
            if (maxWait != null && now - giveUpAt >= 0) {
                return false;
            }
            long waitMillis = maxWait == null ? 0 : Math.max(1, (giveUpAt - now) / 1_000_000);
            wait(maxWait == null ? 0 : waitMillis);
        }
        inFlight++;
        return true;
    }

    /**
     * Gives back the place {@link #enter} took, and learns from how the request went.
     *
     * @param status       the answer's HTTP status, or 0 when none came
     * @param timedOut     no answer came in time (a sign of overload, as a 503 is)
     * @param latencyNanos from sending to the answer's headers
     */
    synchronized void leave(int status, boolean timedOut, long latencyNanos) {
        inFlight--;
        long now = ticker.nanoTime();
        if (status == 429 || status == 503) {
            rateLimited(now);
        }
        if (status == 503 || timedOut) {
            overloaded(now);
        }
        if (status > 0 && status != 429 && status != 503) {
            bucket(now)[0]++;
            latencySum += latencyNanos;
            answers++;
        }
        if (now - intervalStart >= INTERVAL_NANOS) {
            endInterval(now);
        }
        notifyAll();
    }

    private void endInterval(long now) {
        if (answers >= MIN_SAMPLES) {
            double mean = (double) latencySum / answers;
            recentLatency = Double.isNaN(recentLatency) ? mean : recentLatency + SMOOTHING * (mean - recentLatency);
            if (!Double.isNaN(lowestLatency) && recentLatency > LATENCY_RISE * lowestLatency) {
                overloaded(now);
            }
            lowestLatency = Double.isNaN(lowestLatency) ? recentLatency : Math.min(lowestLatency, recentLatency);
        }
        boolean clean = !congested;
        if (clean && rateWaited.getAndSet(false)) {
            rate = Math.min(maxRate, nextRate(now));
        }
        if (clean && concurrencyWaited.getAndSet(false)) {
            concurrency = Math.min(maxConcurrency, concurrencyCut ? concurrency + Math.max(1, concurrency / 16)
                    : concurrency * 2);
        }
        rateWaited.set(false);
        concurrencyWaited.set(false);
        congested = false;
        answers = 0;
        latencySum = 0;
        intervalStart = now;
    }

    private double nextRate(long now) {
        if (!rateCut) {
            return rate * 2;
        }
        double plateau = PLATEAU * ceiling;
        if (rate < plateau) {
            return Math.min(plateau, rate + Math.max(1, (plateau - rate) / 2));
        }
        if (now - lastRateCut < HOLD_NANOS) {
            return rate;
        }
        return rate + Math.max(1, rate / 200);
    }

    /** A 429 or 503: the provider's rate was reached. */
    private void rateLimited(long now) {
        congested = true;
        if (rateCut && now - lastRateCut < SECOND) {
            return;
        }
        ceiling = Math.max(1, servedPerSecond(now));
        rate = Math.max(1, Math.min(rate, CUT * ceiling));
        lastRateCut = now;
        rateCut = true;
        LOG.debug("rate limit now {} requests/s: the provider served {} in the last second", Math.round(rate),
                Math.round(ceiling));
    }

    /** A 503, a timed-out call, or answers twice as slow as the fastest: too many requests in flight. */
    private void overloaded(long now) {
        congested = true;
        if (concurrencyCut && now - lastConcurrencyCut < SECOND) {
            return;
        }
        concurrency = Math.max(1, (int) (concurrency * CONCURRENCY_CUT));
        lastConcurrencyCut = now;
        concurrencyCut = true;
        LOG.debug("requests in flight now at most {}: answers slow or failing", concurrency);
    }

    /**
     * Successful answers per second over the last second: the buckets cover 19 whole intervals and the current one
     * so far, so their sum is scaled to a whole second.
     */
    private double servedPerSecond(long now) {
        int served = 0;
        for (int b : bucket(now)) {
            served += b;
        }
        long covered = (buckets.length - 1) * INTERVAL_NANOS + Math.floorMod(now, INTERVAL_NANOS);
        return (double) served * SECOND / covered;
    }

    /** The buckets of the last second, the current one first, after clearing those that have aged out. */
    private int[] bucket(long now) {
        long epoch = Math.floorDiv(now, INTERVAL_NANOS);
        long moved = Math.min(buckets.length, epoch - bucketEpoch);
        if (moved > 0) {
            System.arraycopy(buckets, 0, buckets, (int) moved, buckets.length - (int) moved);
            java.util.Arrays.fill(buckets, 0, (int) moved, 0);
            bucketEpoch = epoch;
        }
        return buckets;
    }
}
